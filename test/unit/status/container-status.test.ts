import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerStatusLists } from '../../../src-main/kubelet/status/container-status';
import type { ObservedPod } from '../../../src-main/kubelet/status/observed';
import type { ContainerStatus } from '../../../src-main/model';
import { rfc3339 } from '../../../src-main/model';
import { container, exited, podSpec, running, sidecar, T0 } from './fixtures';

const probe = { exec: { command: ['true'] }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

function statusOf(pod: ObservedPod, spec = podSpec('Always', [container('main')])) {
  const { containerStatuses } = containerStatusLists(spec, pod);
  assert.equal(containerStatuses.length, 1);
  return containerStatuses[0]!;
}

describe('container statuses', () => {
  test('times are RFC 3339 with whole seconds', () => {
    assert.equal(rfc3339(T0 + 1999), '2024-01-01T00:00:01Z');
  });

  test('a container never created waits in ContainerCreating, or PodInitializing when the pod has init containers', () => {
    const plain = statusOf({ engine: 'docker', containers: [] });
    assert.deepEqual(plain, {
      name: 'main',
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      started: false,
      restartCount: 0,
      image: 'busybox:1.36',
      imageID: '',
    });
    const withInit = podSpec('Always', [container('main')], [container('setup')]);
    const lists = containerStatusLists(withInit, { engine: 'docker', containers: [] });
    assert.deepEqual(lists.containerStatuses[0]!.state, { waiting: { reason: 'PodInitializing' } });
    assert.deepEqual(lists.initContainerStatuses[0]!.state, { waiting: { reason: 'PodInitializing' } });
  });

  test('a container whose instances went with a re-created sandbox keeps its old status, as the kubelet does', () => {
    const spec = podSpec('Always', [container('main')]);
    const [terminated] = containerStatusLists(spec, { engine: 'docker', containers: [exited('main', 2, 0)] }).containerStatuses;
    // No instance left: a terminated old status stays whole (its id lets the next attempt count on).
    const [kept] = containerStatusLists(spec, { engine: 'docker', containers: [] }, false, [terminated!]).containerStatuses;
    assert.deepEqual(kept, terminated);
    assert.equal(kept!.restartCount, 2);
    // Any other old status lends its count and last state to the waiting one.
    const waitingBefore: ContainerStatus = { ...terminated!, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: terminated!.state };
    const [lent] = containerStatusLists(spec, { engine: 'docker', containers: [] }, false, [waitingBefore]).containerStatuses;
    assert.deepEqual(lent!.state, { waiting: { reason: 'ContainerCreating' } });
    assert.equal(lent!.restartCount, 2);
    assert.deepEqual(lent!.lastState, terminated!.state);
    assert.equal(lent!.containerID, undefined);
  });

  test('a running container is ready and started without probes, with a docker:// or podman:// id', () => {
    const status = statusOf({ engine: 'podman', containers: [running('main', 0, { imageID: 'sha256:abc' })] });
    assert.deepEqual(status, {
      name: 'main',
      state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
      lastState: {},
      ready: true,
      started: true,
      restartCount: 0,
      image: 'busybox:1.36',
      imageID: 'sha256:abc',
      containerID: 'podman://main-0',
    });
  });

  test('readiness and startup probes hold ready/started until the caller reports them', () => {
    const spec = podSpec('Always', [container('main', { readinessProbe: probe, startupProbe: probe })]);
    const pending = statusOf({ engine: 'docker', containers: [running('main')] }, spec);
    assert.equal(pending.ready, false);
    assert.equal(pending.started, false);
    const passed = statusOf({ engine: 'docker', containers: [running('main', 0, { ready: true, started: true })] }, spec);
    assert.equal(passed.ready, true);
    assert.equal(passed.started, true);
  });

  test('terminated reasons: Completed, Error, OOMKilled, ContainerCannotRun', () => {
    const reason = (c: Parameters<typeof running>[2]) =>
      statusOf({ engine: 'docker', containers: [exited('main', 0, 0, c)] }).state.terminated?.reason;
    assert.equal(reason({}), 'Completed');
    assert.equal(reason({ exitCode: 2 }), 'Error');
    assert.equal(reason({ exitCode: 137, oomKilled: true }), 'OOMKilled');
    const cannotRun = statusOf({
      engine: 'docker',
      containers: [{ ...running('main'), state: 'created', startedAt: undefined, exitCode: 127, startError: 'exec: "nope": executable file not found in $PATH' }],
    });
    assert.deepEqual(cannotRun.state.terminated, {
      exitCode: 127,
      reason: 'ContainerCannotRun',
      message: 'exec: "nope": executable file not found in $PATH',
      startedAt: '2024-01-01T00:00:00Z',
      finishedAt: '2024-01-01T00:00:00Z',
      containerID: 'docker://main-0',
    });
  });

  test('the terminated state carries exit code, signal, message, times and container id', () => {
    const status = statusOf({
      engine: 'docker',
      containers: [exited('main', 0, 143, { signal: 15, terminationMessage: 'bye', finishedAt: T0 + 65_000 })],
    });
    assert.deepEqual(status.state, {
      terminated: {
        exitCode: 143,
        signal: 15,
        reason: 'Error',
        message: 'bye',
        startedAt: '2024-01-01T00:00:00Z',
        finishedAt: '2024-01-01T00:01:05Z',
        containerID: 'docker://main-0',
      },
    });
    assert.equal(status.ready, false);
    assert.equal(status.started, false);
  });

  test('the newest instance is the state, the one before it the lastState; restartCount is its attempt', () => {
    const status = statusOf({
      engine: 'docker',
      containers: [exited('main', 0, 1), running('main', 2), exited('main', 1, 0)],
    });
    assert.equal(status.restartCount, 2);
    assert.equal(status.containerID, 'docker://main-2');
    assert.ok(status.state.running);
    assert.equal(status.lastState.terminated?.exitCode, 0);
    assert.equal(status.lastState.terminated?.reason, 'Completed');
    assert.equal(status.lastState.terminated?.containerID, 'docker://main-1');
  });

  test('CrashLoopBackOff replaces the state and moves the termination to lastState', () => {
    const message = 'back-off 10s restarting failed container=main pod=demo_default(u1)';
    const status = statusOf({
      engine: 'docker',
      containers: [exited('main', 0, 1), exited('main', 1, 1)],
      waiting: { main: { reason: 'CrashLoopBackOff', message } },
    });
    assert.deepEqual(status.state, { waiting: { reason: 'CrashLoopBackOff', message } });
    assert.equal(status.lastState.terminated?.containerID, 'docker://main-1');
    assert.equal(status.lastState.terminated?.exitCode, 1);
    assert.equal(status.restartCount, 1);
  });

  test('an override is ignored for a container that exited and will not be restarted', () => {
    const status = statusOf(
      { engine: 'docker', containers: [exited('main', 0, 0)], waiting: { main: { reason: 'CrashLoopBackOff' } } },
      podSpec('OnFailure', [container('main')]),
    );
    assert.equal(status.state.terminated?.reason, 'Completed');
  });

  test('an override shows before the first instance exists (ErrImagePull)', () => {
    const status = statusOf({
      engine: 'docker',
      containers: [],
      waiting: { main: { reason: 'ErrImagePull', message: 'pull access denied' } },
    });
    assert.deepEqual(status.state, { waiting: { reason: 'ErrImagePull', message: 'pull access denied' } });
  });

  test('app statuses are sorted by name, init statuses keep spec order; a completed init container is ready', () => {
    const spec = podSpec('Always', [container('zeta'), container('alpha')], [container('setup'), sidecar('proxy')]);
    const lists = containerStatusLists(spec, {
      engine: 'docker',
      containers: [
        exited('setup', 0, 0, { kind: 'init' }),
        running('proxy', 0, { kind: 'sidecar' }),
        running('zeta'),
        running('alpha'),
      ],
    });
    assert.deepEqual(lists.containerStatuses.map((s) => s.name), ['alpha', 'zeta']);
    assert.deepEqual(lists.initContainerStatuses.map((s) => [s.name, s.ready, s.started]), [
      ['setup', true, false],
      ['proxy', true, true],
    ]);
  });
});
