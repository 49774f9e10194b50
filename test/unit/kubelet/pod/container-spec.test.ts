// Spec building for a container start: which attempt, the environment, the mounts with the
// termination-log file, the runtime handler — pure, every lookup passed in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MountSpec } from '../../../../src-main/engine/container-spec';
import type { ConfigMap, Container, ContainerStatus, Pod, RecordedPodStatus } from '../../../../src-main/model';
import { planAttempt, planContainerSpec, restartsBefore, terminationLogPath, type ContainerSpecPlanInput } from '../../../../src-main/kubelet/pod/container-spec';
import { ContainerMountError } from '../../../../src-main/kubelet/volumes';
import { container, exited, podSpec, running } from '../../status/fixtures';

const UID = '0123456789abcdef';

test('terminationLogPath: one file per container attempt under the pod folder', () => {
  assert.equal(terminationLogPath('/data/pods/u1', 'main', 3), '/data/pods/u1/containers/main-3/termination-log');
});

test('restartsBefore: the count goes on from the last status of a container that ran', () => {
  const entry = (name: string, restartCount: number, containerID?: string): ContainerStatus => ({
    name, state: {}, lastState: {}, ready: false, started: false, restartCount, image: 'busybox', imageID: '', ...(containerID ? { containerID } : {}),
  });
  const status: RecordedPodStatus = {
    containerStatuses: [entry('main', 4, 'docker://a'), entry('waiting', 0)],
    initContainerStatuses: [entry('init', 0, 'docker://b')],
  };
  assert.equal(restartsBefore(status, 'main'), 5);
  assert.equal(restartsBefore(status, 'init'), 1);
  assert.equal(restartsBefore(status, 'waiting'), 0, 'never created: still the first attempt');
  assert.equal(restartsBefore({}, 'main'), 0);
});

test('planAttempt: the first, a restart, a never-started instance replaced under its own number', () => {
  const fromStatus = () => 7;
  assert.deepEqual(planAttempt([], fromStatus), { neverRan: undefined, instances: [], previous: undefined, attempt: 7 });

  const old = exited('main', 2, 1);
  const older = exited('main', 1, 1);
  const restart = planAttempt([old, older], fromStatus);
  assert.equal(restart.attempt, 3);
  assert.equal(restart.previous, old);
  assert.deepEqual(restart.instances, [old, older]);

  const created = { ...running('main', 3), state: 'created' as const };
  const replaced = planAttempt([created, old], fromStatus);
  assert.equal(replaced.neverRan, created);
  assert.equal(replaced.attempt, 3);
  assert.equal(replaced.previous, old);
  assert.deepEqual(replaced.instances, [old]);

  // A created instance whose start failed did run (and failed): the next attempt counts on.
  const failed = { ...created, startError: 'exec format error' };
  assert.equal(planAttempt([failed], fromStatus).attempt, 4);
});

function pod(main: Container, extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', uid: UID }, spec: { ...podSpec('Always', [main]), ...extra } } as Pod;
}

const configMaps: Record<string, ConfigMap> = {
  settings: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { GREETING: 'hello' } },
  odd: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'odd', namespace: 'shop' }, data: { 'A=B': 'x' } },
};

function input(main: Container, extra: Partial<ContainerSpecPlanInput> = {}): ContainerSpecPlanInput {
  return {
    pod: pod(main),
    instance: 'inst',
    identity: { uid: UID, namespace: 'shop', name: 'web' },
    container: main,
    image: 'registry.local/busybox@sha256:abc',
    attempt: 2,
    engine: 'docker',
    sandboxId: 'sandbox1',
    env: {
      runtime: { podIPs: ['10.0.0.5'], hostIPs: ['192.168.1.2'], nodeName: 'laptop' },
      nodeAllocatable: { cpu: '4', memory: '8Gi' },
      getConfigMap: (namespace, name) => (namespace === 'shop' ? configMaps[name] : undefined),
      getSecret: () => undefined,
      services: [],
      containerCreatedAt: 1000,
    },
    mountsFor: () => [{ type: 'bind', source: '/data/vol', target: '/vol' }],
    terminationLogPath: '/data/pods/u1/containers/main-2/termination-log',
    ...extra,
  };
}

test('planContainerSpec: image, env, expanded command, mounts with the termination log last, joined to the sandbox', () => {
  const main = container('main', {
    command: ['sh', '-c'],
    args: ['echo $(POD_IP) $(GREETING)'],
    env: [{ name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }],
    envFrom: [{ configMapRef: { name: 'settings' } }],
    terminationMessagePath: '/tmp/message',
  });
  const plan = planContainerSpec(input(main));
  assert.ok(plan.ok);
  const { spec } = plan;
  assert.equal(spec.image, 'registry.local/busybox@sha256:abc');
  assert.equal(spec.name, 'berth_shop_web_01234567_main_2');
  assert.equal(spec.networkMode, 'container:sandbox1');
  assert.equal(spec.env?.POD_IP, '10.0.0.5');
  assert.equal(spec.env?.GREETING, 'hello');
  assert.deepEqual(spec.entrypoint, ['sh', '-c']);
  assert.deepEqual(spec.cmd, ['echo 10.0.0.5 hello']);
  assert.deepEqual(spec.mounts, [
    { type: 'bind', source: '/data/vol', target: '/vol' },
    { type: 'bind', source: '/data/pods/u1/containers/main-2/termination-log', target: '/tmp/message' },
  ] satisfies MountSpec[]);
  assert.equal(spec.runtime, undefined);
  assert.equal(plan.warnings.length, 0, String(plan.warnings));
});

test('planContainerSpec: the runtime handler is passed on', () => {
  const plan = planContainerSpec(input(container('main'), { runtimeHandler: 'runsc' }));
  assert.ok(plan.ok);
  assert.equal(plan.spec.runtime, 'runsc');
});

test('planContainerSpec: a missing ConfigMap is CreateContainerConfigError, with no mounts asked for', () => {
  let mountsAsked = false;
  const main = container('main', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'missing', key: 'x' } } }] });
  const plan = planContainerSpec(input(main, { mountsFor: () => ((mountsAsked = true), []) }));
  assert.equal(plan.ok, false);
  assert.ok(!plan.ok && plan.reason === 'CreateContainerConfigError' && plan.message.includes('missing'), JSON.stringify(plan));
  assert.equal(mountsAsked, false);
});

test('planContainerSpec: mounts that cannot be made are CreateContainerConfigError, keeping the env warnings', () => {
  const main = container('main', { envFrom: [{ configMapRef: { name: 'odd' } }] });
  const plan = planContainerSpec(
    input(main, {
      mountsFor: () => {
        throw new ContainerMountError('unmounted volumes=[data]');
      },
    }),
  );
  assert.deepEqual(plan.ok ? undefined : { reason: plan.reason, message: plan.message }, { reason: 'CreateContainerConfigError', message: 'unmounted volumes=[data]' });
  assert.equal(plan.warnings.length, 1, 'the invalid envFrom key is still reported');
  // Any other error is a bug, not a config error: it is thrown.
  assert.throws(() => planContainerSpec(input(main, { mountsFor: () => { throw new Error('boom'); } })), /boom/);
});
