import { test } from 'node:test';
import assert from 'node:assert/strict';
import { age, repeatSummary, restartsSummary } from '../../../src-renderer/src/lib/time';

const s = 1000;
const m = 60 * s;

test("an event's repeats read like kubectl describe", () => {
  const now = 1_000_000_000;
  assert.equal(repeatSummary(1, now - 5 * m, now), '');
  assert.equal(repeatSummary(3, now - 2 * m, now), 'x3 over 2m');
});

test('restarts read like kubectl get pods', () => {
  const now = 1_000_000_000;
  assert.equal(restartsSummary(0, null, now), '0');
  assert.equal(restartsSummary(3, now - 5 * m, now), '3 (5m ago)');
  assert.equal(restartsSummary(2, null, now), '2');
});

test('age is the time since, as kubectl prints it', () => {
  assert.equal(age(0, 3 * m + 20 * s), '3m20s');
});
