// The grace budget: a deadline that only moves earlier, and the watchers that re-arm on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraceBudget } from '../../../src-main/kubelet/grace-budget';

test('of: the deadline is now + the grace period; gracePeriodMs reports it', () => {
  const budget = GraceBudget.of(30_000, 1000);
  assert.equal(budget.deadline, 31_000);
  assert.equal(budget.gracePeriodMs, 30_000);
});

test('shorten: moves the deadline earlier, never later; the granted period follows', () => {
  const budget = GraceBudget.of(30_000, 1000);
  budget.shorten(40_000);
  assert.equal(budget.deadline, 31_000);
  budget.shorten(6000);
  assert.equal(budget.deadline, 6000);
  assert.equal(budget.gracePeriodMs, 5000);
  // A deadline before the stop began grants nothing, not a negative period.
  budget.shorten(0);
  assert.equal(budget.gracePeriodMs, 0);
});

test('changed: resolves when the deadline moves, not when a later one is refused', async () => {
  const budget = GraceBudget.of(30_000, 0);
  const watch = budget.changed();
  let moved = false;
  void watch.promise.then(() => (moved = true));
  budget.shorten(60_000);
  await Promise.resolve();
  assert.equal(moved, false);
  budget.shorten(10_000);
  assert.equal(await watch.promise, 'changed');
  assert.equal(moved, true);
});

test('changed: a cancelled watcher is not called; each watch fires once', async () => {
  const budget = GraceBudget.of(30_000, 0);
  let fired = 0;
  const cancelled = budget.changed();
  void cancelled.promise.then(() => fired++);
  cancelled.cancel();
  const first = budget.changed();
  void first.promise.then(() => fired++);
  budget.shorten(20_000);
  budget.shorten(10_000);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fired, 1);
});
