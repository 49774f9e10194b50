import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastRunOf, shouldRestart } from '../../../src-main/kubelet/restart/should-restart';
import { exited, running } from '../status/fixtures';

const ok = { state: 'exited' as const, exitCode: 0 };
const failed = { state: 'exited' as const, exitCode: 1 };

test('app containers follow the restart policy (ShouldContainerBeRestarted)', () => {
  assert.deepEqual(
    (['Always', 'OnFailure', 'Never'] as const).map((p) => [shouldRestart(p, ok), shouldRestart(p, failed)]),
    [
      [true, true],
      [false, true],
      [false, false],
    ],
  );
});

test('never ran or stuck in created → start; running → no; deleting → no', () => {
  assert.equal(shouldRestart('Never', undefined), true);
  assert.equal(shouldRestart('Never', { state: 'created' }), true);
  assert.equal(shouldRestart('Always', { state: 'running' }), false);
  assert.equal(shouldRestart('Always', failed, 'app', true), false);
});

test('init containers retry failures unless Never, and never rerun after success', () => {
  assert.equal(shouldRestart('Always', failed, 'init'), true);
  assert.equal(shouldRestart('OnFailure', failed, 'init'), true);
  assert.equal(shouldRestart('Never', failed, 'init'), false);
  assert.equal(shouldRestart('Always', ok, 'init'), false);
});

test('sidecars are always restarted, whatever the pod policy', () => {
  assert.equal(shouldRestart('Never', ok, 'sidecar'), true);
  assert.equal(shouldRestart('OnFailure', ok, 'sidecar'), true);
});

test('a failed start counts as a failed exit', () => {
  const cannotRun = { ...running('main'), state: 'created' as const, startError: 'no such file' };
  assert.deepEqual(lastRunOf(cannotRun), { state: 'exited', exitCode: 128 });
  assert.equal(shouldRestart('OnFailure', lastRunOf(cannotRun)), true);
  assert.deepEqual(lastRunOf(exited('main', 0, 3)), { state: 'exited', exitCode: 3 });
});
