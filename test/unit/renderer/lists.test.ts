import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSummary } from '../../../src-main/api/results';
import type { BerthEvent } from '../../../src-main/model';
import { mergeEvents, objectLabel } from '../../../src-renderer/src/lib/events';
import { applyPodChange, statusTone } from '../../../src-renderer/src/lib/pods';

function pod(namespace: string, name: string, status = 'Pending'): PodSummary {
  return {
    uid: `${namespace}/${name}`,
    namespace,
    name,
    ready: '0/1',
    status,
    restarts: 0,
    lastRestartAt: null,
    createdAt: 0,
    podIP: null,
    node: null,
    engine: null,
    terminating: false,
  };
}

function event(id: number, lastTimestamp: number, count = 1): BerthEvent {
  return {
    id,
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u' },
    type: 'Normal',
    reason: 'Pulled',
    message: 'm',
    source: { component: 'kubelet' },
    count,
    firstTimestamp: 0,
    lastTimestamp,
    resourceVersion: id,
  };
}

describe('pod list', () => {
  test('upserts replace by uid and keep kubectl order; removals drop', () => {
    let pods = [pod('default', 'b')];
    pods = applyPodChange(pods, { type: 'upserted', pod: pod('default', 'a') });
    pods = applyPodChange(pods, { type: 'upserted', pod: pod('default', 'b', 'Running') });
    pods = applyPodChange(pods, { type: 'upserted', pod: pod('apps', 'z') });
    assert.deepEqual(pods.map((p) => `${p.namespace}/${p.name}:${p.status}`), ['apps/z:Pending', 'default/a:Pending', 'default/b:Running']);
    pods = applyPodChange(pods, { type: 'removed', uid: 'default/a', namespace: 'default', name: 'a' });
    assert.deepEqual(pods.map((p) => p.name), ['z', 'b']);
  });

  test('status tones', () => {
    assert.equal(statusTone('Running'), 'ok');
    assert.equal(statusTone('Pending'), 'progress');
    assert.equal(statusTone('Init:1/3'), 'progress');
    assert.equal(statusTone('Init:CrashLoopBackOff'), 'bad');
    assert.equal(statusTone('CrashLoopBackOff'), 'bad');
    assert.equal(statusTone('Completed'), 'done');
    assert.equal(statusTone('Running', true), 'neutral');
  });
});

describe('event list', () => {
  test('a re-aggregated event replaces its older self; newest first; bounded', () => {
    let events = mergeEvents([], [event(1, 100), event(2, 200)]);
    events = mergeEvents(events, [event(1, 300, 4)]);
    assert.deepEqual(events.map((e) => [e.id, e.count]), [[1, 4], [2, 1]]);
    assert.equal(mergeEvents(events, [event(3, 50)], 2).length, 2);
  });

  test('the object column names the container when there is one', () => {
    const e = event(1, 0);
    assert.equal(objectLabel(e), 'pod/web');
    assert.equal(objectLabel({ ...e, involvedObject: { ...e.involvedObject, fieldPath: 'spec.containers{main}' } }), 'pod/web (main)');
  });
});

describe('event list paging and filters', () => {
  test('merging keeps newest first in one pass; older pages append without duplicates', async () => {
    const { mergeNewest, appendOlder, nextPageCursor } = await import('../../../src-renderer/src/lib/events');
    const list = [event(5, 500), event(4, 400), event(2, 200)];
    const merged = mergeNewest(list, [event(6, 600), event(3, 300), event(2, 700, 2)]);
    assert.deepEqual(merged.map((e) => e.id), [2, 6, 5, 4, 3]);
    assert.deepEqual(appendOlder(merged, [event(3, 300), event(1, 100)]).map((e) => e.id), [2, 6, 5, 4, 3, 1]);
    // The oldest in the list's order — not the lowest id (2 was re-aggregated and is now the newest).
    assert.deepEqual(nextPageCursor(merged), { lastTimestamp: 300, id: 3 });
    assert.equal(nextPageCursor([]), undefined);
  });

  test('the filter bar becomes an exact API query', async () => {
    const { eventQueryFor, hasFilters, noEventFilters } = await import('../../../src-renderer/src/lib/events');
    assert.deepEqual(eventQueryFor(noEventFilters), {});
    assert.equal(hasFilters(noEventFilters), false);
    assert.deepEqual(eventQueryFor({ type: 'Warning', reason: ' BackOff ', pod: 'shop/db' }), { type: 'Warning', reason: 'BackOff', namespace: 'shop', podName: 'db' });
    assert.deepEqual(eventQueryFor({ type: '', reason: '', pod: 'web' }), { podName: 'web' });
  });
});
