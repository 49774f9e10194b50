import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSummary } from '../../../src-main/api/results';
import { filterPods, pruneSelection, selectAllState, toggleAll } from '../../../src-renderer/src/lib/pod-filter';

function pod(namespace: string, name: string, status = 'Running', terminating = false): PodSummary {
  return { uid: `${namespace}/${name}`, namespace, name, ready: '1/1', status, restarts: 0, lastRestartAt: null, createdAt: 0, podIP: null, node: null, engine: 'docker', terminating };
}

const pods = [pod('default', 'web-1'), pod('default', 'web-2', 'CrashLoopBackOff'), pod('shop', 'db'), pod('shop', 'web-3', 'Running', true)];

test('every word must match name, namespace, status or engine', () => {
  assert.deepEqual(filterPods(pods, '').map((p) => p.name), ['web-1', 'web-2', 'db', 'web-3']);
  assert.deepEqual(filterPods(pods, 'WEB crash').map((p) => p.name), ['web-2']);
  assert.deepEqual(filterPods(pods, 'shop').map((p) => p.name), ['db', 'web-3']);
  assert.deepEqual(filterPods(pods, 'terminating').map((p) => p.name), ['web-3']);
  assert.deepEqual(filterPods(pods, 'shop/db').map((p) => p.name), ['db']);
  assert.deepEqual(filterPods(pods, 'nothing'), []);
});

test('a deleted pod leaves the selection', () => {
  const selected = new Set(['default/web-1', 'gone/x']);
  assert.deepEqual([...pruneSelection(selected, pods)], ['default/web-1']);
});

test('the header checkbox selects what the filter shows, or clears it', () => {
  const shown = filterPods(pods, 'shop');
  assert.equal(selectAllState(new Set(), shown), 'none');
  const some = new Set(['shop/db']);
  assert.equal(selectAllState(some, shown), 'some');
  const all = toggleAll(some, shown);
  assert.equal(selectAllState(all, shown), 'all');
  assert.deepEqual([...toggleAll(new Set([...all, 'default/web-1']), shown)], ['default/web-1'], 'rows hidden by the filter stay selected');
});
