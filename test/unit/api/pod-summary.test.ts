import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizePod } from '../../../src-main/api/pod-summary';
import type { PodRecord, PodSpec, RecordedPodStatus } from '../../../src-main/model';

function record(spec: Record<string, unknown>, status: Record<string, unknown>, deletionTimestamp: number | null = null): PodRecord {
  return {
    uid: 'u1',
    namespace: 'default',
    name: 'demo',
    // Partial on purpose: the summary reads only what it needs.
    manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'demo' }, spec: spec as unknown as PodSpec },
    status: status as RecordedPodStatus,
    createdAt: 0,
    deletionTimestamp,
    engine: 'docker',
  };
}

const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'n1' };

test('a pending pod with no statuses shows Pending and 0/N', () => {
  const row = summarizePod(record(twoContainers, { phase: 'Pending' }));
  assert.equal(row.status, 'Pending');
  assert.equal(row.ready, '0/2');
  assert.equal(row.node, 'n1');
});

test('a waiting reason wins over the phase (CrashLoopBackOff), restarts add up', () => {
  const row = summarizePod(
    record(twoContainers, {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: '1970-01-01T00:00:10Z' } } },
        { name: 'b', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
      ],
    }),
  );
  assert.equal(row.status, 'CrashLoopBackOff');
  assert.equal(row.ready, '1/2');
  assert.equal(row.restarts, 5);
  assert.equal(row.lastRestartAt, 10_000);
});

test('a terminated container without reason shows its exit code or signal', () => {
  const exit = summarizePod(record({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 3 } } }] }));
  assert.equal(exit.status, 'ExitCode:3');
  const signal = summarizePod(record({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, signal: 9 } } }] }));
  assert.equal(signal.status, 'Signal:9');
});

test('init containers: progress, failures and waiting reasons', () => {
  const spec = { containers: [{ name: 'app' }], initContainers: [{ name: 'i1' }, { name: 'i2' }] };
  const progress = summarizePod(record(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }] }));
  assert.equal(progress.status, 'Init:1/2');
  const failed = summarizePod(record(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 2, reason: 'Error' } } }] }));
  assert.equal(failed.status, 'Init:Error');
  const backoff = summarizePod(record(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }));
  assert.equal(backoff.status, 'Init:CrashLoopBackOff');
});

test('a running sidecar counts towards READY', () => {
  const spec = { containers: [{ name: 'app' }], initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] };
  const row = summarizePod(
    record(spec, {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 'proxy', started: true, ready: true, restartCount: 2, state: { running: {} } }],
      containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
    }),
  );
  assert.equal(row.ready, '2/2');
  assert.equal(row.status, 'Running');
  assert.equal(row.restarts, 2);
});

test('a pod being deleted shows Terminating unless it already finished', () => {
  assert.equal(summarizePod(record(twoContainers, { phase: 'Running' }, 5)).status, 'Terminating');
  assert.equal(summarizePod(record(twoContainers, { phase: 'Succeeded' }, 5)).status, 'Succeeded');
});
