// A Kubernetes watch on the real core with the FakeEngine and virtual time: what `kubectl get
// pods -w` and an informer see. A list gives a resourceVersion; a watch from it gets the pod's
// status changes as MODIFIED, each with a higher resourceVersion, the deletionTimestamp as
// MODIFIED, then DELETED once the containers are gone — in order, nothing twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiObject } from '../../../../src-main/api/kube-objects/kinds';
import type { WatchPush } from '../../../../src-main/api/watch/watch-cache';
import { exitsOn } from '../../../../src-main/engine/fake';
import { container, pod, worldFor } from '../../../support/kubelet-rig';

interface Seen {
  type: string;
  rv: number;
  phase?: string;
  terminating: boolean;
  ready?: string;
}

function seen(push: WatchPush): Seen | string {
  if (push.type === 'BOOKMARK' || push.type === 'EXPIRED' || push.type === 'ERROR') return push.type;
  const object = push.object as ApiObject & { status?: { phase?: string; conditions?: { type: string; status: string }[] } };
  const ready = object.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return {
    type: push.type,
    rv: Number(object.metadata.resourceVersion),
    ...(object.status?.phase ? { phase: object.status.phase } : {}),
    terminating: object.metadata.deletionTimestamp !== undefined,
    ...(ready ? { ready } : {}),
  };
}

test('a pod watched from a list: status changes arrive as MODIFIED with rising versions, then DELETED once gone', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: exitsOn('SIGTERM', 0, 500) } } });
  const berth = await world.open();
  const api = berth.core.api;

  // Listed as soon as it is applied, before the kubelet's first sync.
  await api.apply({ fileName: 'web.yaml', text: pod('web', container('main'), { grace: 10 }) });
  const list = await api.listKubeObjects({ kind: 'Pod', namespace: 'default' });
  assert.deepEqual(list.items.map((o) => o.metadata.name), ['web']);
  const listed = Number(list.resourceVersion);
  assert.ok(Number(list.items[0]!.metadata.resourceVersion) <= listed, 'an item is no newer than its list');

  const pushes: WatchPush[] = [];
  const stop = api.subscribe('kubeWatch', { kind: 'Pod', namespace: 'default', resourceVersion: list.resourceVersion }, (p) => pushes.push(p));
  t.after(stop);

  await world.time.until(() => berth.containerStatus('web', 'main')?.ready === true, 10_000, 'web ready');
  const running = pushes.map(seen) as Seen[];
  assert.ok(running.length >= 1, 'the kubelet published a status');
  assert.ok(running.every((s) => s.type === 'MODIFIED' && !s.terminating));
  assert.deepEqual(running.at(-1), { type: 'MODIFIED', rv: running.at(-1)!.rv, phase: 'Running', terminating: false, ready: 'True' });
  // Every version is newer than the list's and than the one before: the informer's order.
  running.reduce((previous, s) => {
    assert.ok(s.rv > previous, `${s.rv} after ${previous}`);
    return s.rv;
  }, listed);
  // What the watch said last is what a get says now.
  const got = await api.getKubeObject({ kind: 'Pod', namespace: 'default', name: 'web' });
  assert.equal(Number(got.metadata.resourceVersion), running.at(-1)!.rv);

  const before = pushes.length;
  await berth.deletePod('web');
  await world.time.until(() => berth.pod('web') === undefined, 30_000, 'web gone');
  const ending = pushes.slice(before).map(seen) as Seen[];
  assert.deepEqual(ending[0], { ...ending[0], type: 'MODIFIED', terminating: true }, 'the delete sets deletionTimestamp first');
  assert.equal(ending.at(-1)!.type, 'DELETED');
  assert.equal(ending.filter((s) => s.type === 'DELETED').length, 1);
  assert.ok(ending.slice(0, -1).every((s) => s.type === 'MODIFIED' && s.terminating), 'Terminating until gone');
  ending.reduce((previous, s) => {
    assert.ok(s.rv > previous, `${s.rv} after ${previous}`);
    return s.rv;
  }, running.at(-1)!.rv);

  // A watch from the first list replays the same story, in the same order.
  const replay: WatchPush[] = [];
  api.subscribe('kubeWatch', { kind: 'Pod', namespace: 'default', resourceVersion: list.resourceVersion }, (p) => replay.push(p))();
  assert.deepEqual(replay.map(seen), pushes.map(seen));
});

test('after a restart the watch cache starts empty at the persisted counter: older versions have expired', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: exitsOn('SIGTERM', 0, 100) } } });
  const first = await world.open();
  await first.core.api.apply({ fileName: 'web.yaml', text: pod('web', container('main')) });
  const early = await first.core.api.listKubeObjects({ kind: 'Pod' });
  await world.time.until(() => first.containerStatus('web', 'main')?.ready === true, 10_000, 'web ready');
  const late = await first.core.api.listKubeObjects({ kind: 'Pod' });
  assert.ok(Number(late.resourceVersion) > Number(early.resourceVersion));
  first.crash();

  const again = await world.open();
  const pushes: WatchPush[] = [];
  again.core.api.subscribe('kubeWatch', { kind: 'Pod', resourceVersion: early.resourceVersion }, (p) => pushes.push(p));
  const current = again.core.store.resourceVersion();
  assert.ok(current >= Number(late.resourceVersion), 'the counter survived the restart');
  assert.deepEqual(pushes, [
    { type: 'EXPIRED', requested: early.resourceVersion, oldest: String(current), message: `too old resource version: ${early.resourceVersion} (${current})` },
  ]);
  // From the version the restarted Berth lists, a watch is fine.
  const relisted = await again.core.api.listKubeObjects({ kind: 'Pod' });
  const live: WatchPush[] = [];
  const stop = again.core.api.subscribe('kubeWatch', { kind: 'Pod', resourceVersion: relisted.resourceVersion }, (p) => live.push(p));
  t.after(stop);
  assert.deepEqual(live, []);
});
