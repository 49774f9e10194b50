import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarizePod } from '../../../src-main/api/pod-summary';
import type { PodRecord } from '../../../src-main/model';
import { generatePodStatus } from '../../../src-main/kubelet/status/pod-status';
import type { PodStatusInput } from '../../../src-main/kubelet/status/pod-status';
import { container, exited, podSpec, running, sidecar, T0 } from './fixtures';

const spec = podSpec('Always', [container('web', { resources: { limits: { cpu: '1', memory: '1Gi' } } })]);

function input(extra: Partial<PodStatusInput> = {}): PodStatusInput {
  return {
    spec,
    observed: { engine: 'docker', containers: [running('web')] },
    now: T0 + 5000,
    sandboxReady: true,
    hostIPs: ['192.168.1.10'],
    podIPs: ['172.17.0.5'],
    startTime: T0,
    ...extra,
  };
}

describe('generatePodStatus', () => {
  test('a running pod: phase, IPs, start time, QoS, conditions and statuses', () => {
    const status = generatePodStatus(input());
    assert.equal(status.phase, 'Running');
    assert.equal(status.hostIP, '192.168.1.10');
    assert.deepEqual(status.hostIPs, [{ ip: '192.168.1.10' }]);
    assert.equal(status.podIP, '172.17.0.5');
    assert.deepEqual(status.podIPs, [{ ip: '172.17.0.5' }]);
    assert.equal(status.startTime, '2024-01-01T00:00:00Z');
    assert.equal(status.qosClass, 'Guaranteed');
    assert.equal(status.initContainerStatuses, undefined);
    assert.deepEqual(
      status.conditions.map((c) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
    );
    assert.equal(status.containerStatuses[0]?.containerID, 'docker://web-0');
  });

  test('no IPs yet: the fields are left out', () => {
    const status = generatePodStatus(input({ podIPs: [], hostIPs: [], observed: { engine: 'docker', containers: [] } }));
    assert.equal(status.phase, 'Pending');
    assert.equal('podIP' in status, false);
    assert.equal('hostIP' in status, false);
  });

  test('a terminal phase never goes back, and its reason and message stay', () => {
    const status = generatePodStatus(
      input({
        observed: { engine: 'docker', containers: [running('web', 1)] },
        previous: { phase: 'Failed', reason: 'Evicted', message: 'out of disk' },
      }),
    );
    assert.deepEqual([status.phase, status.reason, status.message], ['Failed', 'Evicted', 'out of disk']);
    const changed = generatePodStatus(input({ previous: { phase: 'Pending', reason: 'Whatever' } }));
    assert.equal(changed.reason, undefined);
  });

  test('init containers: Init state in the summary, then Running', () => {
    const withInit = podSpec('Always', [container('web')], [container('setup'), sidecar('proxy')]);
    const record = (status: object): PodRecord =>
      ({
        uid: 'u1',
        namespace: 'default',
        name: 'demo',
        manifest: { spec: withInit },
        status,
        createdAt: T0,
        deletionTimestamp: null,
        engine: 'docker',
      }) as unknown as PodRecord;

    const initialising = generatePodStatus(
      input({ spec: withInit, observed: { engine: 'docker', containers: [running('setup', 0, { kind: 'init' })] } }),
    );
    assert.equal(initialising.phase, 'Pending');
    assert.equal(initialising.conditions[1]?.message, 'containers with incomplete status: [setup proxy]');
    assert.equal(initialising.containerStatuses[0]?.state.waiting?.reason, 'PodInitializing');
    assert.deepEqual(
      [summarizePod(record(initialising)).status, summarizePod(record(initialising)).ready],
      ['Init:0/2', '0/2'],
    );

    const crashing = generatePodStatus(
      input({
        spec: withInit,
        observed: {
          engine: 'docker',
          containers: [exited('setup', 0, 0, { kind: 'init' }), running('proxy', 0, { kind: 'sidecar' }), exited('web', 0, 1), exited('web', 1, 1)],
          waiting: { web: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=web pod=demo_default(u1)' } },
        },
      }),
    );
    assert.equal(crashing.phase, 'Running');
    const summary = summarizePod(record(crashing));
    assert.deepEqual([summary.status, summary.ready, summary.restarts], ['CrashLoopBackOff', '1/2', 1]);
  });
});

test('the status fits PodRecord.status', () => {
  const stored: PodRecord['status'] = generatePodStatus(input());
  assert.equal(stored.phase, 'Running');
});
