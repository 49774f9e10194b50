// The watch cache's pure parts: the bounded ring (count and bytes), replay and expiry as the API
// server's watchCache answers them, selector transitions, bookmarks on an injected timer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../../../src-main/api/kube-objects/kinds';
import { ChangeRing, type RingEntry } from '../../../src-main/api/watch/ring';
import { eventForWatcher, WatchCache, type CachedChange, type Timers, type WatchPush } from '../../../src-main/api/watch/watch-cache';

function obj(name: string, rv: number, labels: Record<string, string> = {}, namespace = 'default'): ApiObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `u-${name}`, resourceVersion: String(rv), creationTimestamp: '2030-01-01T00:00:00Z', labels } };
}

function change(type: CachedChange['type'], name: string, rv: number, extra: Partial<CachedChange> = {}): CachedChange {
  return { kind: 'ConfigMap', type, resourceVersion: rv, object: obj(name, rv), bytes: 100, ...extra };
}

const rvs = (entries: RingEntry<ApiObject>[]) => entries.map((e) => e.resourceVersion);

describe('change ring', () => {
  test('holds the last N changes; a version before the oldest held has expired', () => {
    const ring = new ChangeRing<ApiObject>({ entries: 3, bytes: 1e9 }, 10);
    assert.deepEqual(ring.since(10), { ok: true, entries: [] });
    assert.deepEqual(ring.since(9), { ok: false, requested: 9, oldest: 10 });
    for (const rv of [11, 12, 14, 15]) ring.push(change('MODIFIED', 'a', rv));
    assert.equal(ring.size, 3);
    assert.equal(ring.floor, 11, 'everything after 11 is held');
    assert.deepEqual(rvs((ring.since(11) as { entries: RingEntry<ApiObject>[] }).entries), [12, 14, 15]);
    assert.deepEqual(rvs((ring.since(13) as { entries: RingEntry<ApiObject>[] }).entries), [14, 15]);
    assert.deepEqual(rvs((ring.since(15) as { entries: RingEntry<ApiObject>[] }).entries), []);
    assert.deepEqual(ring.since(10), { ok: false, requested: 10, oldest: 11 });
  });

  test('bounded in bytes too; the newest entry always stays', () => {
    const ring = new ChangeRing<ApiObject>({ entries: 100, bytes: 250 }, 0);
    ring.push(change('ADDED', 'a', 1));
    ring.push(change('ADDED', 'b', 2));
    assert.equal(ring.heldBytes, 200);
    ring.push(change('ADDED', 'c', 3));
    assert.deepEqual([ring.size, ring.heldBytes, ring.floor], [2, 200, 1]);
    ring.push(change('ADDED', 'huge', 4, { bytes: 1000 }));
    assert.deepEqual([ring.size, ring.heldBytes, ring.floor], [1, 1000, 3]);
  });

  test('refuses a version that does not grow (a feed out of order is a bug)', () => {
    const ring = new ChangeRing<ApiObject>({ entries: 10, bytes: 1e9 }, 0);
    ring.push(change('ADDED', 'a', 5));
    assert.throws(() => ring.push(change('MODIFIED', 'a', 5)), /version 5 after 5/);
  });

  test('memory stays bounded over many changes', () => {
    const ring = new ChangeRing<ApiObject>({ entries: 5_000, bytes: 1e9 }, 0);
    for (let rv = 1; rv <= 50_000; rv++) ring.push(change('MODIFIED', 'a', rv));
    assert.equal(ring.size, 5_000);
    assert.equal(ring.floor, 45_000);
    assert.deepEqual(rvs((ring.since(49_998) as { entries: RingEntry<ApiObject>[] }).entries), [49_999, 50_000]);
  });
});

describe('what a watcher with a selector sees', () => {
  const web = (o: ApiObject) => o.metadata.labels?.app === 'web';
  const entry = (type: CachedChange['type'], labels: Record<string, string>, previous?: Record<string, string>): RingEntry<ApiObject> => ({
    type,
    resourceVersion: 7,
    object: obj('a', 7, labels),
    ...(previous ? { previous: obj('a', 5, previous) } : {}),
    bytes: 1,
  });

  test('an object that starts to match is ADDED; one that stops is DELETED (its last matching state, at the new version)', () => {
    assert.equal(eventForWatcher(entry('MODIFIED', { app: 'web' }, { app: 'web' }), { matches: web })?.type, 'MODIFIED');
    assert.equal(eventForWatcher(entry('MODIFIED', { app: 'web' }, { app: 'db' }), { matches: web })?.type, 'ADDED');
    const gone = eventForWatcher(entry('MODIFIED', { app: 'db' }, { app: 'web' }), { matches: web });
    assert.equal(gone?.type, 'DELETED');
    assert.deepEqual([gone?.object.metadata.labels, gone?.object.metadata.resourceVersion], [{ app: 'web' }, '7']);
    assert.equal(eventForWatcher(entry('MODIFIED', { app: 'db' }, { app: 'db' }), { matches: web }), undefined);
    assert.equal(eventForWatcher(entry('DELETED', { app: 'db' }), { matches: web }), undefined);
    assert.equal(eventForWatcher(entry('DELETED', { app: 'web' }), { matches: web })?.type, 'DELETED');
  });

  test('a namespace filter keeps other namespaces out', () => {
    const other: RingEntry<ApiObject> = { type: 'ADDED', resourceVersion: 3, object: obj('a', 3, {}, 'apps'), bytes: 1 };
    assert.equal(eventForWatcher(other, { namespace: 'default' }), undefined);
    assert.equal(eventForWatcher(other, { namespace: 'apps' })?.type, 'ADDED');
    assert.equal(eventForWatcher(other, {})?.type, 'ADDED');
  });
});

/** Timers a test fires by hand. */
function manualTimers(): Timers & { fire(): void; active: number } {
  const handles = new Map<number, () => void>();
  let next = 1;
  return {
    setInterval(fn) {
      handles.set(next, fn);
      return next++;
    },
    clearInterval(handle) {
      handles.delete(handle as number);
    },
    fire() {
      for (const fn of handles.values()) fn();
    },
    get active() {
      return handles.size;
    },
  };
}

const summary = (p: WatchPush) => (p.type === 'EXPIRED' || p.type === 'ERROR' ? p.type : `${p.type} ${p.object.metadata.resourceVersion}`);

describe('watch cache', () => {
  function cacheAt(start: number, current = () => start) {
    const timers = manualTimers();
    return { cache: new WatchCache({ startVersion: start, currentVersion: current, timers, limits: { entries: 3, bytes: 1e9 } }), timers };
  }
  const request = (over: Partial<Parameters<WatchCache['watch']>[0]> = {}) => ({ kind: 'ConfigMap' as const, apiVersion: 'v1', initial: () => [], ...over });

  test('replays the changes after the version, then goes live, in order', () => {
    const { cache } = cacheAt(10);
    cache.record([change('ADDED', 'a', 11), change('MODIFIED', 'a', 12)]);
    const pushes: WatchPush[] = [];
    cache.watch(request({ resourceVersion: '11' }), (p) => pushes.push(p));
    cache.record([change('DELETED', 'a', 13)]);
    assert.deepEqual(pushes.map(summary), ['MODIFIED 12', 'DELETED 13']);
  });

  test('a version older than the ring holds: one EXPIRED push with the API server message, and no watch', () => {
    const { cache } = cacheAt(10);
    for (const rv of [11, 12, 13, 14]) cache.record([change('MODIFIED', 'a', rv)]);
    const pushes: WatchPush[] = [];
    cache.watch(request({ resourceVersion: '10' }), (p) => pushes.push(p));
    cache.record([change('MODIFIED', 'a', 15)]);
    assert.deepEqual(pushes, [{ type: 'EXPIRED', requested: '10', oldest: '11', message: 'too old resource version: 10 (11)' }]);
  });

  test('after a restart, versions before the persisted counter have expired; the counter itself is fine', () => {
    const { cache } = cacheAt(40);
    const old: WatchPush[] = [];
    cache.watch(request({ resourceVersion: '39' }), (p) => old.push(p));
    assert.equal(old[0]?.type, 'EXPIRED');
    const current: WatchPush[] = [];
    cache.watch(request({ resourceVersion: '40' }), (p) => current.push(p));
    cache.record([change('ADDED', 'b', 41)]);
    assert.deepEqual(current.map(summary), ['ADDED 41']);
  });

  test('"0" or no version: ADDED for the current state, then live', () => {
    const { cache } = cacheAt(5);
    for (const resourceVersion of ['0', undefined]) {
      const pushes: WatchPush[] = [];
      const stop = cache.watch(request({ ...(resourceVersion ? { resourceVersion } : {}), initial: () => [obj('a', 3), obj('b', 5)] }), (p) => pushes.push(p));
      cache.record([change('MODIFIED', 'a', resourceVersion ? 6 : 7)]);
      stop();
      assert.deepEqual(pushes.map(summary), ['ADDED 3', 'ADDED 5', `MODIFIED ${resourceVersion ? 6 : 7}`]);
    }
  });

  test('bookmarks carry the latest version to watchers that allow them, on the interval; no timer without them', () => {
    let current = 20;
    const { cache, timers } = cacheAt(20, () => current);
    const plain: WatchPush[] = [];
    const stopPlain = cache.watch(request({ resourceVersion: '20' }), (p) => plain.push(p));
    assert.equal(timers.active, 0);
    const marked: WatchPush[] = [];
    const stop = cache.watch(request({ resourceVersion: '20', allowWatchBookmarks: true }), (p) => marked.push(p));
    assert.equal(timers.active, 1);
    current = 25;
    timers.fire();
    assert.deepEqual(marked, [{ type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: '25' } } }]);
    assert.deepEqual(plain, []);
    stop();
    assert.equal(timers.active, 0, 'the interval goes with the last watcher that wanted it');
    stopPlain();
  });

  test('sendInitialEvents: the current state, then a bookmark marking its end', () => {
    const { cache } = cacheAt(9);
    const pushes: WatchPush[] = [];
    cache.watch(request({ sendInitialEvents: true, allowWatchBookmarks: true, initial: () => [obj('a', 4)] }), (p) => pushes.push(p));
    assert.deepEqual(pushes[1], {
      type: 'BOOKMARK',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: '9', annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
    assert.equal(pushes.length, 2);
  });

  test('kinds have their own rings: a flood of events does not expire pod history', () => {
    const { cache } = cacheAt(100);
    cache.record([{ ...change('ADDED', 'p', 101), kind: 'Pod' }]);
    for (let rv = 102; rv < 120; rv++) cache.record([{ ...change('ADDED', `e${rv}`, rv), kind: 'Event' }]);
    const pods: WatchPush[] = [];
    cache.watch({ ...request({ resourceVersion: '100' }), kind: 'Pod' }, (p) => pods.push(p));
    assert.deepEqual(pods.map(summary), ['ADDED 101']);
    const events: WatchPush[] = [];
    cache.watch({ ...request({ resourceVersion: '100' }), kind: 'Event' }, (p) => events.push(p));
    assert.deepEqual(events.map(summary), ['EXPIRED']);
  });
});
