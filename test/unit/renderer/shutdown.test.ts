import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seconds, shutdownView } from '../../../src-renderer/src/lib/shutdown';

const T = 1_000_000;

test('right after the delete: counting down to SIGKILL, nothing signalled yet', () => {
  const view = shutdownView({ requestedAt: T, graceSeconds: 5, now: T + 1_000, containers: [{ name: 'main', signalledAt: null, exitedAt: null, exitCode: null }], goneAt: null });
  assert.equal(view.elapsedMs, 1_000);
  assert.equal(view.untilKillMs, 4_000);
  assert.equal(view.graceSpent, 0.2);
  assert.equal(view.stopSignalSent, false);
  assert.deepEqual(view.containers.map((c) => c.step), ['running']);
});

test('a container that ignores SIGTERM is still up when the grace runs out, then is killed', () => {
  const input = { requestedAt: T, graceSeconds: 5, containers: [{ name: 'main', signalledAt: T + 20, exitedAt: null, exitCode: null }] };
  const during = shutdownView({ ...input, now: T + 5_500, goneAt: null });
  assert.equal(during.graceOver, true);
  assert.equal(during.untilKillMs, 0);
  assert.deepEqual(during.containers.map((c) => c.step), ['signalled']);
  const after = shutdownView({ ...input, now: T + 7_000, goneAt: T + 5_300 });
  assert.equal(after.gone, true);
  assert.equal(after.elapsedMs, 5_300, 'the clock stops when the pod is gone');
  assert.deepEqual(after.containers.map((c) => c.step), ['killed']);
});

test('containers that exit on SIGTERM stop within the grace period', () => {
  const view = shutdownView({
    requestedAt: T,
    graceSeconds: 30,
    now: T + 2_000,
    containers: [
      { name: 'a', signalledAt: T + 10, exitedAt: T + 400, exitCode: 0 },
      { name: 'b', signalledAt: T + 10, exitedAt: null, exitCode: null },
    ],
    goneAt: null,
  });
  assert.deepEqual(view.containers.map((c) => c.step), ['exited', 'signalled']);
  assert.equal(view.graceOver, false);
  assert.equal(view.stopSignalSent, true);
});

test('grace 0: everything is spent at once', () => {
  const view = shutdownView({ requestedAt: T, graceSeconds: 0, now: T, containers: [], goneAt: null });
  assert.equal(view.graceSpent, 1);
});

test('seconds read with tenths while short', () => {
  assert.equal(seconds(3_240), '3.2 s');
  assert.equal(seconds(12_600), '13 s');
  assert.equal(seconds(-5), '0.0 s');
});
