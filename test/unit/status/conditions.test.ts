import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  containersReadyCondition,
  initializedCondition,
  podConditions,
  podReadyCondition,
} from '../../../src-main/kubelet/status/conditions';
import { containerStatusLists } from '../../../src-main/kubelet/status/container-status';
import type { ObservedContainer } from '../../../src-main/kubelet/status/observed';
import type { ContainerStatus } from '../../../src-main/model';
import { container, exited, podSpec, running, sidecar, T0 } from './fixtures';

const probe = { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

function statuses(spec: ReturnType<typeof podSpec>, containers: ObservedContainer[]): ContainerStatus[] {
  const lists = containerStatusLists(spec, { engine: 'docker', containers });
  return [...lists.initContainerStatuses, ...lists.containerStatuses];
}

describe('ContainersReady and Ready', () => {
  const spec = podSpec('Always', [container('a', { readinessProbe: probe }), container('b', { readinessProbe: probe })]);

  test('unready containers are listed in spec order, Go-style', () => {
    const s = statuses(spec, [running('a'), running('b')]);
    assert.deepEqual(containersReadyCondition(spec, s, 'Running'), {
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a b]',
    });
    assert.deepEqual(podReadyCondition(spec, s, 'Running'), {
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [a b]',
    });
  });

  test('unknown containers come first in the message', () => {
    const s = statuses(spec, [running('a')]).filter((x) => x.name === 'a');
    assert.equal(
      containersReadyCondition(spec, s, 'Pending').message,
      'containers with unknown status: [b], containers with unready status: [a]',
    );
  });

  test('all ready → True without reason', () => {
    const s = statuses(spec, [running('a', 0, { ready: true }), running('b', 0, { ready: true })]);
    assert.deepEqual(podReadyCondition(spec, s, 'Running'), { type: 'Ready', status: 'True' });
  });

  test('sidecars count toward readiness', () => {
    const withSidecar = podSpec('Always', [container('a')], [sidecar('proxy', { readinessProbe: probe })]);
    const s = statuses(withSidecar, [running('proxy', 0, { kind: 'sidecar', started: true }), running('a')]);
    assert.equal(containersReadyCondition(withSidecar, s, 'Running').message, 'containers with unready status: [proxy]');
  });

  test('terminal phases: PodCompleted and PodFailed', () => {
    const s = statuses(spec, [exited('a', 0, 0), exited('b', 0, 0)]);
    assert.deepEqual(podReadyCondition(spec, s, 'Succeeded'), { type: 'Ready', status: 'False', reason: 'PodCompleted' });
    assert.deepEqual(containersReadyCondition(spec, s, 'Failed'), {
      type: 'ContainersReady',
      status: 'False',
      reason: 'PodFailed',
    });
  });
});

describe('Initialized', () => {
  const spec = podSpec('Always', [container('main')], [container('setup'), container('migrate')]);

  test('incomplete init containers are listed', () => {
    const s = statuses(spec, [exited('setup', 0, 0, { kind: 'init' }), running('migrate', 0, { kind: 'init' })]);
    assert.deepEqual(initializedCondition(spec, s, 'Pending'), {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate]',
    });
  });

  test('all init containers done → True; a started app container also means initialised', () => {
    const done = statuses(spec, [exited('setup', 0, 0, { kind: 'init' }), exited('migrate', 0, 0, { kind: 'init' })]);
    assert.deepEqual(initializedCondition(spec, done, 'Pending'), { type: 'Initialized', status: 'True' });
    const appStarted = statuses(spec, [running('main')]);
    assert.equal(initializedCondition(spec, appStarted, 'Running').status, 'True');
  });

  test('a sidecar must have started', () => {
    const withSidecar = podSpec('Always', [container('main')], [sidecar('proxy', { startupProbe: probe })]);
    const s = statuses(withSidecar, [running('proxy', 0, { kind: 'sidecar' })]);
    assert.equal(initializedCondition(withSidecar, s, 'Pending').message, 'containers with incomplete status: [proxy]');
  });

  test('Succeeded with every init container known → True, PodCompleted', () => {
    const s = statuses(spec, [exited('setup', 0, 0, { kind: 'init' }), exited('migrate', 0, 0, { kind: 'init' }), exited('main', 0, 0)]);
    assert.deepEqual(initializedCondition(spec, s, 'Succeeded'), { type: 'Initialized', status: 'True', reason: 'PodCompleted' });
  });
});

describe('podConditions', () => {
  const spec = podSpec('Always', [container('main', { readinessProbe: probe })]);

  test('the kubelet order, lastProbeTime null, and transition times kept while the status holds', () => {
    const first = podConditions({ spec, statuses: statuses(spec, [running('main')]), phase: 'Running', sandboxReady: true, now: T0 });
    assert.deepEqual(
      first.map((c) => [c.type, c.status, c.lastTransitionTime]),
      [
        ['PodReadyToStartContainers', 'True', '2024-01-01T00:00:00Z'],
        ['Initialized', 'True', '2024-01-01T00:00:00Z'],
        ['Ready', 'False', '2024-01-01T00:00:00Z'],
        ['ContainersReady', 'False', '2024-01-01T00:00:00Z'],
        ['PodScheduled', 'True', '2024-01-01T00:00:00Z'],
      ],
    );
    assert.ok(first.every((c) => c.lastProbeTime === null));

    const later = T0 + 30_000;
    const second = podConditions({
      spec,
      statuses: statuses(spec, [running('main', 0, { ready: true })]),
      phase: 'Running',
      sandboxReady: true,
      previous: first,
      now: later,
    });
    const byType = Object.fromEntries(second.map((c) => [c.type, c]));
    assert.equal(byType.Ready?.status, 'True');
    assert.equal(byType.Ready?.lastTransitionTime, '2024-01-01T00:00:30Z');
    assert.equal(byType.Ready?.reason, undefined);
    assert.equal(byType.ContainersReady?.lastTransitionTime, '2024-01-01T00:00:30Z');
    assert.equal(byType.Initialized?.lastTransitionTime, '2024-01-01T00:00:00Z');
    assert.equal(byType.PodScheduled?.lastTransitionTime, '2024-01-01T00:00:00Z');
  });

  test('a sandbox not ready gives PodReadyToStartContainers False', () => {
    const c = podConditions({ spec, statuses: [], phase: 'Pending', sandboxReady: false, now: T0 });
    assert.equal(c[0]?.type, 'PodReadyToStartContainers');
    assert.equal(c[0]?.status, 'False');
  });
});
