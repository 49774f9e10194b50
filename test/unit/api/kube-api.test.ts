// The core's Kubernetes reads and watch through the contract (as every door calls them): lists
// carry the store's version at the read, objects theirs, Secrets never their values, synthesized
// namespaces and node, events as kubectl describe asks them, limit/continue, and watches.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openCore, type Core } from '../../../src-main/api/core';
import { validateSubscription } from '../../../src-main/api/dispatch';
import type { ApiObject } from '../../../src-main/api/kube-objects/kinds';
import type { WatchPush } from '../../../src-main/api/watch/watch-cache';
import { makeTempDir } from '../../support/temp';
import { rejection, testNode } from './support';

const YAML = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: apps, labels: {app: web}}
data: {mode: fast}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: apps}
stringData: {password: hunter2}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: fast}
handler: runc
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: apps, labels: {app: web}}
spec:
  containers:
  - name: main
    image: nginx
`;

let dir: ReturnType<typeof makeTempDir>;
let core: Core;

async function open(): Promise<Core> {
  return openCore({ dataDir: dir.path, engine: 'docker', node: testNode, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
}

beforeEach(async () => {
  dir = makeTempDir();
  core = await open();
  await core.api.apply({ fileName: 'app.yaml', text: YAML });
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

const names = (items: ApiObject[]) => items.map((o) => o.metadata.name);

describe('get and list', () => {
  test("a list's resourceVersion is the store's counter at the read; each item's is no newer", async () => {
    const list = await core.api.listKubeObjects({ kind: 'Pod' });
    assert.equal(list.kind, 'PodList');
    assert.equal(list.resourceVersion, String(core.store.resourceVersion()));
    assert.deepEqual(names(list.items), ['web']);
    assert.ok(Number(list.items[0]!.metadata.resourceVersion) <= Number(list.resourceVersion));
    const got = await core.api.getKubeObject({ kind: 'Pod', namespace: 'apps', name: 'web' });
    assert.deepEqual(got, list.items[0]);
    assert.equal((await rejection(core.api.getKubeObject({ kind: 'Pod', namespace: 'apps', name: 'nope' }))).message, 'pods "nope" not found');
    assert.equal((await rejection(core.api.getKubeObject({ kind: 'Pod', name: 'web' }))).code, 'NotFound', 'no namespace means default');
  });

  test('a Secret comes without its values; Core.secretData gives them to an in-process door', async () => {
    const secret = await core.api.getKubeObject({ kind: 'Secret', namespace: 'apps', name: 'creds' });
    assert.equal('data' in secret, false);
    assert.equal(JSON.stringify(secret).includes('hunter2'), false);
    assert.deepEqual(core.secretData('apps', 'creds'), { password: Buffer.from('hunter2').toString('base64') });
    assert.equal(core.secretData('apps', 'nope'), null);
  });

  test('RuntimeClass is cluster-scoped and listed by name', async () => {
    const list = await core.api.listKubeObjects({ kind: 'RuntimeClass', namespace: 'ignored' });
    assert.deepEqual([list.apiVersion, names(list.items), list.items[0]!.metadata.namespace], ['node.k8s.io/v1', ['fast'], undefined]);
    assert.equal((await rejection(core.api.getKubeObject({ kind: 'RuntimeClass', name: 'slow' }))).message, 'runtimeclasses.node.k8s.io "slow" not found');
  });

  test('namespaces: the built-in four and every one holding something, Active', async () => {
    const list = await core.api.listKubeObjects({ kind: 'Namespace' });
    assert.deepEqual(names(list.items), ['apps', 'default', 'kube-node-lease', 'kube-public', 'kube-system']);
    assert.ok(list.items.every((ns) => (ns as ApiObject & { status: { phase: string } }).status.phase === 'Active'));
    assert.equal((await core.api.getKubeObject({ kind: 'Namespace', name: 'kube-system' })).metadata.name, 'kube-system');
    assert.equal((await rejection(core.api.getKubeObject({ kind: 'Namespace', name: 'empty' }))).message, 'namespaces "empty" not found');
  });

  test('the node is the one the pods were scheduled to; not Ready while the engine does not answer', async () => {
    const pod = (await core.api.getKubeObject({ kind: 'Pod', namespace: 'apps', name: 'web' })) as ApiObject & { spec: { nodeName: string } };
    const list = await core.api.listKubeObjects({ kind: 'Node' });
    assert.deepEqual(names(list.items), [pod.spec.nodeName]);
    const ready = (list.items[0] as ApiObject & { status: { conditions: { type: string; status: string }[] } }).status.conditions.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'False');
  });

  test('events as kubectl describe asks them: by involvedObject, narrowed in the store', async () => {
    const pod = await core.api.getKubeObject({ kind: 'Pod', namespace: 'apps', name: 'web' });
    const fieldSelector = `involvedObject.name=web,involvedObject.namespace=apps,involvedObject.kind=Pod,involvedObject.uid=${pod.metadata.uid}`;
    const list = await core.api.listKubeObjects({ kind: 'Event', namespace: 'apps', fieldSelector });
    const events = list.items as (ApiObject & { reason: string; involvedObject: { uid: string } })[];
    assert.deepEqual(events.map((e) => e.reason), ['Scheduled']);
    assert.equal(events[0]!.involvedObject.uid, pod.metadata.uid);
    const byName = await core.api.getKubeObject({ kind: 'Event', namespace: 'apps', name: events[0]!.metadata.name });
    assert.deepEqual(byName, events[0]);
    const other = await core.api.listKubeObjects({ kind: 'Event', namespace: 'apps', fieldSelector: 'involvedObject.uid=someone-else' });
    assert.deepEqual(other.items, []);
  });

  test("label selectors are the API server's: equality and set terms select, an invalid one is refused with its message", async () => {
    const selected = await core.api.listKubeObjects({ kind: 'ConfigMap', labelSelector: 'app=web' });
    assert.deepEqual(names(selected.items), ['settings']);
    assert.deepEqual(names((await core.api.listKubeObjects({ kind: 'ConfigMap', labelSelector: 'app in (db,web),!tier' })).items), ['settings']);
    assert.deepEqual((await core.api.listKubeObjects({ kind: 'ConfigMap', labelSelector: 'app=db' })).items, []);
    const refused = await rejection(core.api.listKubeObjects({ kind: 'ConfigMap', labelSelector: 'app in web' }));
    assert.equal(refused.code, 'BadRequest');
    assert.match(refused.message, /unable to parse requirement: found 'web'/);
  });
});

describe('limit and continue', () => {
  test("pages in name order until done, each reporting the first page's version", async () => {
    const more = ['e', 'a', 'd', 'c', 'b'].map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\ndata: {k: v}`).join('\n---\n');
    await core.api.apply({ fileName: 'more.yaml', text: more });
    const first = await core.api.listKubeObjects({ kind: 'ConfigMap', namespace: 'default', limit: 2 });
    assert.deepEqual([names(first.items), first.remainingItemCount], [['a', 'b'], 3]);
    await core.api.apply({ fileName: 'later.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: f}' });
    const second = await core.api.listKubeObjects({ kind: 'ConfigMap', namespace: 'default', limit: 2, continue: first.continue! });
    const third = await core.api.listKubeObjects({ kind: 'ConfigMap', namespace: 'default', limit: 2, continue: second.continue! });
    assert.deepEqual([names(second.items), names(third.items), third.continue], [['c', 'd'], ['e', 'f'], undefined]);
    assert.equal(second.resourceVersion, first.resourceVersion);
    const bad = await rejection(core.api.listKubeObjects({ kind: 'ConfigMap', continue: 'not-a-token' }));
    assert.equal(bad.code, 'BadRequest');
  });
});

describe('watch', () => {
  const seen = (p: WatchPush) => (p.type === 'EXPIRED' || p.type === 'ERROR' || p.type === 'BOOKMARK' ? p.type : `${p.type} ${p.object.kind} ${p.object.metadata.name}`);

  test('from a list: a changed ConfigMap is MODIFIED; a pod in a new namespace brings the Namespace, ADDED', async () => {
    const configMaps = await core.api.listKubeObjects({ kind: 'ConfigMap', namespace: 'apps' });
    const namespaces = await core.api.listKubeObjects({ kind: 'Namespace' });
    const pushes: WatchPush[] = [];
    const stops = [
      core.api.subscribe('kubeWatch', { kind: 'ConfigMap', namespace: 'apps', resourceVersion: configMaps.resourceVersion }, (p) => pushes.push(p)),
      core.api.subscribe('kubeWatch', { kind: 'Namespace', resourceVersion: namespaces.resourceVersion }, (p) => pushes.push(p)),
    ];
    await core.api.apply({ fileName: 'app.yaml', text: YAML.replace('mode: fast', 'mode: slow') });
    await core.api.apply({ fileName: 'new.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: fresh}' });
    stops.forEach((stop) => stop());
    assert.deepEqual(pushes.map(seen), ['MODIFIED ConfigMap settings', 'ADDED Namespace fresh']);
    const modified = pushes[0] as unknown as { object: ApiObject & { data: Record<string, string> } };
    assert.deepEqual(modified.object.data, { mode: 'slow' });
    assert.ok(Number(modified.object.metadata.resourceVersion) > Number(configMaps.resourceVersion));
  });

  test('a Secret watched: MODIFIED without its values', async () => {
    const list = await core.api.listKubeObjects({ kind: 'Secret', namespace: 'apps' });
    const pushes: WatchPush[] = [];
    const stop = core.api.subscribe('kubeWatch', { kind: 'Secret', resourceVersion: list.resourceVersion }, (p) => pushes.push(p));
    await core.api.apply({ fileName: 'app.yaml', text: YAML.replace('hunter2', 'correct-horse') });
    stop();
    assert.deepEqual(pushes.map(seen), ['MODIFIED Secret creds']);
    assert.equal(JSON.stringify(pushes).includes('correct-horse'), false);
    assert.equal(JSON.stringify(pushes).includes(Buffer.from('correct-horse').toString('base64')), false);
  });

  test('"0": the current state as ADDED first', async () => {
    const pushes: WatchPush[] = [];
    core.api.subscribe('kubeWatch', { kind: 'Pod', resourceVersion: '0' }, (p) => pushes.push(p))();
    assert.deepEqual(pushes.map(seen), ['ADDED Pod web']);
  });

  test('the contract refuses a resourceVersion that is not a number', () => {
    assert.throws(() => validateSubscription('kubeWatch', { kind: 'Pod', resourceVersion: 'abc' }), /resourceVersion/);
    assert.throws(() => validateSubscription('kubeWatch', { kind: 'Deployment' }), /kind/);
  });
});
