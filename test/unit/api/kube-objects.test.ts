// Record → Kubernetes object, per kind family: the fields a Kubernetes client reads, in the
// shapes the API server gives them (core/v1 and node.k8s.io/v1 as documented).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { namespaceNames, toNamespaceObject, toNodeObject } from '../../../src-main/api/kube-objects/cluster';
import { eventIdFromName, eventName, toEventObject } from '../../../src-main/api/kube-objects/event';
import { stableUid } from '../../../src-main/api/kube-objects/meta';
import { toStoredObject } from '../../../src-main/api/kube-objects/stored';
import { toPodObject } from '../../../src-main/api/pod-object';
import { describeLocalNode } from '../../../src-main/kubelet/node';
import type { BerthEvent, PodRecord, StoredPod } from '../../../src-main/model';
import type { ObjectRecord } from '../../../src-main/store';

interface NodeStatus {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  conditions: { type: string; status: string; reason: string; message: string }[];
  nodeInfo: Record<string, string>;
}
const nodeStatus = (object: unknown) => (object as { status: NodeStatus }).status;

interface EventShape {
  metadata: Record<string, unknown>;
  involvedObject: Record<string, string>;
  source: Record<string, string>;
  reason: string;
  message: string;
  type: string;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
}
const eventShape = (object: unknown) => object as EventShape;

const T = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
const ISO = '2030-01-02T03:04:05Z';

function record(kind: string, manifest: Record<string, unknown>, namespace = 'default'): ObjectRecord {
  return { kind, namespace, name: 'x', uid: 'uid-x', manifest, createdAt: T, updatedAt: T + 1000, resourceVersion: 42 };
}

describe('Pod', () => {
  test('metadata.resourceVersion is the row version as a string; no generation (pods have none before 1.33)', () => {
    const pod: PodRecord = {
      uid: 'u1',
      namespace: 'apps',
      name: 'web',
      manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } as unknown as StoredPod,
      status: { phase: 'Running' },
      createdAt: T,
      deletionTimestamp: null,
      engine: 'docker',
      resourceVersion: 17,
    };
    const object = toPodObject(pod);
    assert.deepEqual(object.metadata, { name: 'web', labels: { app: 'web' }, namespace: 'apps', uid: 'u1', resourceVersion: '17', creationTimestamp: ISO });
    assert.equal('generation' in object.metadata, false);
  });
});

describe('stored kinds', () => {
  test('ConfigMap: the manifest with the server-owned metadata; a manifest cannot set uid or resourceVersion', () => {
    const cm = toStoredObject(record('ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', uid: 'forged', resourceVersion: '999' }, data: { a: '1' } }));
    assert.deepEqual(cm, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'default', uid: 'uid-x', resourceVersion: '42', creationTimestamp: ISO },
      data: { a: '1' },
    });
  });

  test('Secret: no values and no Berth-only key list; type defaults to Opaque', () => {
    const secret = toStoredObject(record('Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, dataKeys: ['password'] }));
    assert.deepEqual(Object.keys(secret).sort(), ['apiVersion', 'kind', 'metadata', 'type']);
    assert.equal(secret.type, 'Opaque');
    // Even a stored copy that somehow carries data never goes out.
    assert.equal('data' in toStoredObject(record('Secret', { kind: 'Secret', metadata: { name: 'x' }, data: { p: 'cw==' } })), false);
  });

  test('RuntimeClass is node.k8s.io/v1 and cluster-scoped (no namespace)', () => {
    const rc = toStoredObject(record('RuntimeClass', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'x' }, handler: 'crun' }, ''));
    assert.equal(rc.apiVersion, 'node.k8s.io/v1');
    assert.equal(rc.metadata.namespace, undefined);
    assert.equal(rc.handler, 'crun');
  });
});

describe('Namespace', () => {
  test('the four built-in namespaces plus those in use, by name; Active, labelled with their name', () => {
    assert.deepEqual(namespaceNames(['apps', 'default']), ['apps', 'default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const ns = toNamespaceObject('apps', { createdAt: T, resourceVersion: 3 });
    assert.deepEqual(ns, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { labels: { 'kubernetes.io/metadata.name': 'apps' }, name: 'apps', uid: stableUid('namespace/apps'), resourceVersion: '3', creationTimestamp: ISO },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    assert.match(ns.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Node', () => {
  const node = describeLocalNode('Berth-Laptop', 'linux', 'x64');
  const base = { node, kubeletVersion: 'v1.33.0', createdAt: T, resourceVersion: 5, now: T };

  test('named as the pods spec.nodeName says, with capacity, Ready and the runtime as docker://version', () => {
    const object = toNodeObject({ ...base, engine: { kind: 'docker', version: '20.10.24+dfsg1', host: { cpus: 2, memoryBytes: 25276071936, operatingSystem: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0' } } });
    const status = nodeStatus(object);
    assert.equal(object.metadata.name, 'berth-laptop');
    assert.equal(object.metadata.namespace, undefined);
    assert.deepEqual(object.metadata.labels, node.labels);
    assert.deepEqual(status.capacity, { cpu: '2', memory: '24683664Ki', pods: '110' });
    assert.deepEqual(status.allocatable, status.capacity);
    const ready = status.conditions.find((c) => c.type === 'Ready');
    assert.deepEqual(ready, { type: 'Ready', status: 'True', lastHeartbeatTime: ISO, lastTransitionTime: ISO, reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    assert.deepEqual(
      status.conditions.map((c) => `${c.type}=${c.status}`),
      ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True'],
    );
    assert.equal(status.nodeInfo.containerRuntimeVersion, 'docker://20.10.24+dfsg1');
    assert.deepEqual([status.nodeInfo.operatingSystem, status.nodeInfo.architecture, status.nodeInfo.kubeletVersion], ['linux', 'amd64', 'v1.33.0']);
    assert.equal(status.nodeInfo.osImage, 'Debian GNU/Linux 12 (bookworm)');
  });

  test('podman://, and NotReady with the reason when the engine does not answer', () => {
    const podman = toNodeObject({ ...base, engine: { kind: 'podman', version: '4.3.1', host: { cpus: 1, memoryBytes: 1024 * 1024, operatingSystem: 'debian', kernelVersion: 'k' } } });
    assert.equal(nodeStatus(podman).nodeInfo.containerRuntimeVersion, 'podman://4.3.1');
    const down = toNodeObject({ ...base, engine: undefined, engineError: 'connect ENOENT /var/run/docker.sock' });
    const ready = nodeStatus(down).conditions.find((c) => c.type === 'Ready')!;
    assert.deepEqual([ready.status, ready.reason, ready.message], ['False', 'KubeletNotReady', 'container runtime is down: connect ENOENT /var/run/docker.sock']);
    assert.deepEqual(nodeStatus(down).capacity, { pods: '110' });
  });
});

describe('Event', () => {
  const event: BerthEvent = {
    id: 300,
    involvedObject: { kind: 'Pod', namespace: 'apps', name: 'web', uid: 'pod-uid', fieldPath: 'spec.containers{main}' },
    type: 'Warning',
    reason: 'FailedPostStartHook',
    message: 'PostStartHook failed',
    source: { component: 'kubelet', host: 'laptop' },
    count: 3,
    firstTimestamp: T,
    lastTimestamp: T + 60_000,
    resourceVersion: 77,
  };

  test('core/v1 Event with what kubectl describe and get events read', () => {
    const object = eventShape(toEventObject(event));
    assert.deepEqual(object.metadata, { name: 'web.000000000000012c', namespace: 'apps', uid: stableUid('event/pod-uid/300'), resourceVersion: '77', creationTimestamp: ISO });
    assert.deepEqual(object.involvedObject, { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-uid', namespace: 'apps', fieldPath: 'spec.containers{main}' });
    assert.deepEqual(
      [object.reason, object.message, object.type, object.count, object.firstTimestamp, object.lastTimestamp],
      ['FailedPostStartHook', 'PostStartHook failed', 'Warning', 3, ISO, '2030-01-02T03:05:05Z'],
    );
    assert.deepEqual(object.source, { component: 'kubelet', host: 'laptop' });
  });

  test('a name leads back to its event id; other names lead nowhere', () => {
    assert.equal(eventIdFromName(eventName(event)), 300);
    assert.equal(eventIdFromName('web.with.dots.000000000000012c'), 300);
    assert.equal(eventIdFromName('web.17a2b3c4d5e6f7'), undefined);
    assert.equal(eventIdFromName('web'), undefined);
  });

  test('an event about a cluster-scoped object lives in default', () => {
    const nodeEvent = eventShape(toEventObject({ ...event, involvedObject: { kind: 'Node', namespace: '', name: 'laptop', uid: 'n' } }));
    assert.equal(nodeEvent.metadata.namespace, 'default');
    assert.equal('namespace' in nodeEvent.involvedObject, false);
  });
});
