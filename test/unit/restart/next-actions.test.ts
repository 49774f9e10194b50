import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BackOffTable, backOffKey } from '../../../src-main/kubelet/restart/backoff';
import { nextActions } from '../../../src-main/kubelet/restart/next-actions';
import type { NextActionsInput, SandboxState } from '../../../src-main/kubelet/restart/next-actions';
import type { ObservedContainer } from '../../../src-main/kubelet/status/observed';
import { container, exited, podSpec, running, sidecar, T0 } from '../status/fixtures';

const POD = 'demo_default(u1)';
const init = (name: string, attempt: number, code: number | 'running', extra: Partial<ObservedContainer> = {}) =>
  code === 'running' ? running(name, attempt, { kind: 'init', ...extra }) : exited(name, attempt, code, { kind: 'init', ...extra });

function act(
  spec: ReturnType<typeof podSpec>,
  observed: ObservedContainer[],
  options: { backOff?: BackOffTable; now?: number; sandbox?: SandboxState } = {},
) {
  const input: NextActionsInput = {
    spec,
    podUid: 'u1',
    podFullName: POD,
    observed,
    backOff: options.backOff ?? new BackOffTable(),
    now: options.now ?? T0 + 60_000,
    sandbox: options.sandbox ?? 'ready',
  };
  return nextActions(input);
}

describe('init containers', () => {
  const spec = podSpec('Always', [container('app1'), container('app2')], [container('setup'), container('migrate')]);

  test('run one after another; app containers only once all completed, in spec order', () => {
    assert.deepEqual(act(spec, []), { createSandbox: false, startInit: ['setup'], start: [], backoff: [], podDone: false });
    assert.deepEqual(act(spec, [init('setup', 0, 'running')]).startInit, []);
    assert.deepEqual(act(spec, [init('setup', 0, 0)]).startInit, ['migrate']);
    const initialised = act(spec, [init('setup', 0, 0), init('migrate', 0, 0)]);
    assert.deepEqual([initialised.startInit, initialised.start], [[], ['app1', 'app2']]);
  });

  test('a failed init container is retried unless restartPolicy is Never, which fails the pod', () => {
    assert.deepEqual(act(spec, [init('setup', 0, 1)]).startInit, ['setup']);
    const onFailure = podSpec('OnFailure', spec.containers, spec.initContainers);
    assert.deepEqual(act(onFailure, [init('setup', 0, 1)]).startInit, ['setup']);
    const never = podSpec('Never', spec.containers, spec.initContainers);
    assert.deepEqual(act(never, [init('setup', 0, 1)]), {
      createSandbox: false,
      startInit: [],
      start: [],
      backoff: [],
      killPod: 'InitContainerFailed',
      podDone: true,
    });
  });

  test('a failed init container in back-off holds the whole sequence', () => {
    const backOff = new BackOffTable();
    const failedAt = T0 + 500;
    backOff.next(backOffKey('u1', 'setup'), failedAt - 2000, failedAt - 1000); // it was restarted once already
    const actions = act(spec, [init('setup', 0, 1), init('setup', 1, 1)], { backOff, now: T0 + 5000 });
    assert.deepEqual(actions.startInit, []);
    assert.deepEqual(actions.backoff, [
      {
        name: 'setup',
        until: T0 + 1500 + 10_000,
        delayMs: 10_000,
        message: 'back-off 10s restarting failed container=setup pod=demo_default(u1)',
      },
    ]);
  });
});

describe('sidecars', () => {
  const spec = podSpec('Always', [container('app')], [container('setup'), sidecar('proxy'), container('migrate')]);

  test('a sidecar starts after the init containers before it, and the next waits until it started', () => {
    assert.deepEqual(act(spec, [init('setup', 0, 0)]).startInit, ['proxy']);
    const notStarted = [init('setup', 0, 0), running('proxy', 0, { kind: 'sidecar', started: false })];
    assert.deepEqual(act(spec, notStarted).startInit, []);
    const started = [init('setup', 0, 0), running('proxy', 0, { kind: 'sidecar' })];
    assert.deepEqual(act(spec, started).startInit, ['migrate']);
    const initialised = [...started, init('migrate', 0, 0)];
    assert.deepEqual(act(spec, initialised).start, ['app']);
  });

  test('a sidecar that exits is restarted, whatever the pod policy, and does not hold app containers', () => {
    const never = podSpec('Never', spec.containers, spec.initContainers);
    const observed = [init('setup', 0, 0), exited('proxy', 0, 0, { kind: 'sidecar' }), init('migrate', 0, 0), running('app')];
    const actions = act(never, observed);
    assert.deepEqual([actions.startInit, actions.start, actions.podDone], [['proxy'], [], false]);
  });

  test('a sidecar in back-off does not stop the rest', () => {
    const backOff = new BackOffTable();
    backOff.next(backOffKey('u1', 'proxy'), T0, T0);
    const observed = [
      init('setup', 0, 0),
      exited('proxy', 1, 1, { kind: 'sidecar', finishedAt: T0 + 2000 }),
      init('migrate', 0, 0),
      exited('app', 0, 1, { finishedAt: T0 }),
    ];
    const actions = act(spec, observed, { backOff, now: T0 + 3000 });
    assert.deepEqual(actions.backoff.map((b) => [b.name, b.until]), [['proxy', T0 + 12_000]]);
    assert.deepEqual(actions.start, ['app']);
  });

  test('when every app container is done the pod is killed, sidecars included', () => {
    const onFailure = podSpec('OnFailure', spec.containers, spec.initContainers);
    const observed = [init('setup', 0, 0), running('proxy', 0, { kind: 'sidecar' }), init('migrate', 0, 0), exited('app', 0, 0)];
    assert.deepEqual(act(onFailure, observed), {
      createSandbox: false,
      startInit: [],
      start: [],
      backoff: [],
      killPod: 'AllContainersExited',
      podDone: true,
    });
  });
});

describe('app containers', () => {
  test('only stopped containers the policy restarts are started; running ones are kept', () => {
    const spec = podSpec('OnFailure', [container('a'), container('b'), container('c')]);
    const actions = act(spec, [running('a'), exited('b', 0, 0), exited('c', 0, 2)]);
    assert.deepEqual([actions.start, actions.podDone], [['c'], false]);
  });

  test('a crash-looping container is held until its back-off ends, then started', () => {
    const spec = podSpec('Always', [container('main')]);
    const backOff = new BackOffTable();
    backOff.next(backOffKey('u1', 'main'), T0, T0); // restarted at T0 after its first exit
    backOff.next(backOffKey('u1', 'main'), T0 + 5000, T0 + 15_000); // and again: window 20 s
    const observed = [exited('main', 0, 1), exited('main', 1, 1), exited('main', 2, 1, { finishedAt: T0 + 20_000 })];
    const held = act(spec, observed, { backOff, now: T0 + 30_000 });
    assert.deepEqual(held.start, []);
    assert.deepEqual(held.backoff[0]?.message, 'back-off 20s restarting failed container=main pod=demo_default(u1)');
    assert.equal(held.backoff[0]?.until, T0 + 40_000);
    assert.deepEqual(act(spec, observed, { backOff, now: T0 + 40_000 }).start, ['main']);
  });

  test('Never: all exited → the pod is done', () => {
    const spec = podSpec('Never', [container('a'), container('b')]);
    const actions = act(spec, [exited('a', 0, 0), exited('b', 0, 1)]);
    assert.deepEqual([actions.start, actions.killPod, actions.podDone], [[], 'AllContainersExited', true]);
  });
});

describe('sandbox', () => {
  const spec = podSpec('OnFailure', [container('a'), container('b')], [container('setup')]);

  test('a new pod creates its sandbox, then starts from the first init container', () => {
    assert.deepEqual(act(spec, [], { sandbox: 'none' }), {
      createSandbox: true,
      startInit: ['setup'],
      start: [],
      backoff: [],
      podDone: false,
    });
  });

  test('a dead sandbox restarts the pod from the beginning, unless nothing is left to run', () => {
    const observed = [init('setup', 0, 0), exited('a', 0, 0), exited('b', 0, 137)];
    const again = act(spec, observed, { sandbox: 'dead' });
    assert.deepEqual([again.createSandbox, again.killPod, again.startInit], [true, 'SandboxChanged', ['setup']]);
    const allSucceeded = [init('setup', 0, 0), exited('a', 0, 0), exited('b', 0, 0)];
    const finished = act(spec, allSucceeded, { sandbox: 'dead' });
    assert.deepEqual([finished.createSandbox, finished.podDone], [false, true]);
    const never = podSpec('Never', [container('a')]);
    assert.deepEqual(act(never, [running('a')], { sandbox: 'dead' }).podDone, true);
  });

  test('without init containers the app containers start right after the sandbox', () => {
    const plain = podSpec('Always', [container('a'), container('b')]);
    assert.deepEqual(act(plain, [], { sandbox: 'none' }).start, ['a', 'b']);
  });
});
