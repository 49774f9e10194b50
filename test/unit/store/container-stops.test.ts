import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from './helpers';

test('a container stop keeps its termination timeline, milestone by milestone, per pod', () => {
  const { store, done } = tempStore();
  try {
    const stop = store.startContainerStop({
      podUid: 'uid-web',
      namespace: 'default',
      podName: 'web',
      container: 'main',
      containerId: 'c1',
      reason: 'Delete',
      gracePeriodMs: 3000,
      startedAt: 1000,
    });
    assert.equal(stop.preStopStartedAt, null);
    store.updateContainerStop(stop.id, { preStopStartedAt: 1001, preStopFinishedAt: 2500 });
    store.updateContainerStop(stop.id, { signal: 'SIGTERM', signalAt: 2501 });
    const final = store.updateContainerStop(stop.id, { killAt: 4001, exitedAt: 4010, exitCode: 137 });
    assert.deepEqual(final, {
      ...stop,
      preStopStartedAt: 1001,
      preStopFinishedAt: 2500,
      signal: 'SIGTERM',
      signalAt: 2501,
      killAt: 4001,
      exitedAt: 4010,
      exitCode: 137,
    });
    store.startContainerStop({ ...stop, podUid: 'other', startedAt: 5000 });
    assert.deepEqual(store.listContainerStops('uid-web'), [final]);
    assert.equal(store.updateContainerStop(stop.id, {}), undefined);
  } finally {
    done();
  }
});
