import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { StoredPod } from '../../../src-main/model';
import { Store } from '../../../src-main/store/index';
import { podEvent, tempDir, tempStore } from './helpers';

describe('event aggregation', () => {
  test('identical occurrences become one event with count 3 and the right timestamps', () => {
    const { store, done } = tempStore();
    try {
      const a = store.recordEvent(podEvent({ timestamp: 1000 }));
      const b = store.recordEvent(podEvent({ timestamp: 2000 }));
      const c = store.recordEvent(podEvent({ timestamp: 3000 }));
      assert.equal(a.count, 1);
      assert.equal(b.count, 2);
      assert.equal(c.count, 3);
      assert.equal(b.id, a.id);
      assert.equal(c.id, a.id);
      const all = store.listEvents();
      assert.equal(all.length, 1);
      const [e] = all;
      assert.ok(e);
      assert.equal(e.count, 3);
      assert.equal(e.firstTimestamp, 1000);
      assert.equal(e.lastTimestamp, 3000);
      assert.deepEqual(e.involvedObject, { kind: 'Pod', namespace: 'default', name: 'web', uid: 'uid-web' });
      assert.deepEqual(e.source, { component: 'kubelet', host: 'berth' });
      assert.equal(store.countEvents(), 1);
    } finally {
      done();
    }
  });

  test('a late, older occurrence keeps the widest first/last timestamps', () => {
    const { store, done } = tempStore();
    try {
      store.recordEvents([podEvent({ timestamp: 5000 }), podEvent({ timestamp: 2000 }), podEvent({ timestamp: 4000 })]);
      const [e] = store.listEvents();
      assert.ok(e);
      assert.deepEqual([e.count, e.firstTimestamp, e.lastTimestamp], [3, 2000, 5000]);
    } finally {
      done();
    }
  });

  test('different message, fieldPath, reason, type, uid, source → separate events', () => {
    const { store, done } = tempStore();
    try {
      const results = store.recordEvents([
        podEvent(),
        podEvent({ message: 'other message' }),
        podEvent({ fieldPath: 'spec.containers{main}' }),
        podEvent({ fieldPath: 'spec.containers{sidecar}' }),
        podEvent({ reason: 'Created' }),
        podEvent({ type: 'Warning' }),
        podEvent({ uid: 'uid-web-2' }),
        podEvent({ source: { component: 'berth-hooks', host: 'berth' } }),
        podEvent({ source: { component: 'kubelet', host: 'other-host' } }),
        podEvent(), // repeat of the first
        podEvent({ fieldPath: 'spec.containers{main}' }), // repeat
      ]);
      assert.equal(new Set(results.map((r) => r.id)).size, 9);
      assert.equal(store.countEvents(), 9);
      assert.equal(results[9]?.id, results[0]?.id);
      assert.equal(results[9]?.count, 2);
      assert.equal(results[10]?.id, results[2]?.id);
      assert.equal(results[10]?.count, 2);
      const withPath = store.listEvents().filter((e) => e.involvedObject.fieldPath === 'spec.containers{main}');
      assert.equal(withPath.length, 1);
      assert.equal(withPath[0]?.count, 2);
    } finally {
      done();
    }
  });

  test("absent and '' fieldPath/host aggregate together and read back absent", () => {
    const { store, done } = tempStore();
    try {
      const noHost = podEvent({ source: { component: 'kubelet' } });
      const emptyHost = podEvent({ source: { component: 'kubelet', host: '' }, fieldPath: '' });
      const [a, b] = store.recordEvents([noHost, emptyHost]);
      assert.equal(a?.id, b?.id);
      assert.equal(b?.count, 2);
      assert.equal('host' in (b?.source ?? {}), false);
      assert.equal('fieldPath' in (b?.involvedObject ?? {}), false);
    } finally {
      done();
    }
  });

  test('what recordEvents returns is the stored row, as the list and the feed read it back', () => {
    // The write builds its result from the input (no RETURNING *): it must match a real read.
    const { store, done } = tempStore();
    try {
      const inputs = [
        podEvent({ timestamp: 5_000, fieldPath: 'spec.containers{main}' }),
        podEvent({ timestamp: 3_000, fieldPath: 'spec.containers{main}' }),
        podEvent({ reason: 'Killing', type: 'Warning', message: 'Stopping container main', source: { component: 'kubelet', host: '' }, timestamp: 4_000 }),
      ];
      store.recordEvents(inputs);
      const returned = store.recordEvents([podEvent({ timestamp: 9_000, fieldPath: 'spec.containers{main}' }), { ...inputs[2]!, timestamp: 1_000 }]);
      const byId = new Map(store.listEvents().map((e) => [e.id, e]));
      assert.equal(byId.size, 2);
      for (const event of returned) assert.deepEqual(event, byId.get(event.id));
      assert.deepEqual(returned.map((e) => [e.count, e.firstTimestamp, e.lastTimestamp]), [[3, 3_000, 9_000], [2, 1_000, 4_000]]);
      assert.deepEqual(store.eventsChangedSince(0).events.sort((a, b) => a.id - b.id), [...byId.values()].sort((a, b) => a.id - b.id));
    } finally {
      done();
    }
  });

  test('a batch is all or nothing: an invalid input rejects the whole batch', () => {
    const { store, done } = tempStore();
    try {
      const bad = { ...podEvent(), type: 'Bogus' } as unknown as ReturnType<typeof podEvent>;
      assert.throws(() => store.recordEvents([podEvent({ message: 'ok' }), bad]), /event #1: type/);
      assert.throws(() => store.recordEvent(podEvent({ timestamp: 1.5 })), /timestamp/);
      assert.throws(() => store.recordEvent(podEvent({ reason: '' })), /reason/);
      assert.equal(store.countEvents(), 0);
      assert.equal(store.eventCursor(), 0);
      assert.deepEqual(store.recordEvents([]), []);
    } finally {
      done();
    }
  });

  test('events survive close and reopen, and aggregation continues into the same row', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'b.db');
      const s1 = Store.open(file);
      const first = s1.recordEvent(podEvent({ timestamp: 10 }));
      s1.close();
      const s2 = Store.open(file);
      const again = s2.recordEvent(podEvent({ timestamp: 20 }));
      assert.equal(again.id, first.id);
      assert.equal(again.count, 2);
      s2.close();
    } finally {
      cleanup();
    }
  });
});

describe('listEvents', () => {
  function seed(store: Store): void {
    store.recordEvents([
      podEvent({ name: 'web', uid: 'u-web', reason: 'Scheduled', timestamp: 100 }),
      podEvent({ name: 'web', uid: 'u-web', reason: 'Pulled', timestamp: 200, fieldPath: 'spec.containers{main}' }),
      podEvent({ name: 'web', uid: 'u-web', reason: 'BackOff', type: 'Warning', timestamp: 300 }),
      podEvent({ name: 'db', uid: 'u-db', reason: 'Scheduled', timestamp: 150 }),
      podEvent({ name: 'db', uid: 'u-db', reason: 'Failed', type: 'Warning', timestamp: 250 }),
      {
        ...podEvent({ name: 'web', uid: 'u-web-other-ns', reason: 'Scheduled', timestamp: 50 }),
        involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web', uid: 'u-web-other-ns' },
      },
      {
        ...podEvent({ reason: 'Created', timestamp: 175 }),
        involvedObject: { kind: 'Service', namespace: 'default', name: 'web', uid: 'u-svc' },
      },
    ]);
  }

  test('newest first by lastTimestamp, then id; default and maximum limits', () => {
    const { store, done } = tempStore();
    try {
      seed(store);
      // Two events with the same lastTimestamp: the later id comes first.
      const t1 = store.recordEvent(podEvent({ name: 'x', uid: 'u-x', reason: 'A', timestamp: 999 }));
      const t2 = store.recordEvent(podEvent({ name: 'x', uid: 'u-x', reason: 'B', timestamp: 999 }));
      const all = store.listEvents();
      assert.equal(all.length, 9);
      assert.deepEqual(all.slice(0, 2).map((e) => e.id), [t2.id, t1.id]);
      const ts = all.map((e) => e.lastTimestamp);
      assert.deepEqual(ts, [...ts].sort((a, b) => b - a));
      // An aggregated repeat moves an old event to the top.
      store.recordEvent(podEvent({ name: 'db', uid: 'u-db', reason: 'Scheduled', timestamp: 5000 }));
      const top = store.listEvents({ limit: 1 });
      assert.equal(top.length, 1);
      assert.equal(top[0]?.reason, 'Scheduled');
      assert.equal(top[0]?.involvedObject.name, 'db');
      assert.equal(top[0]?.count, 2);
      assert.throws(() => store.listEvents({ limit: 0 }), RangeError);
      assert.throws(() => store.listEvents({ limit: 2.5 }), RangeError);
    } finally {
      done();
    }
  });

  test('default limit 500 and cap 10 000', () => {
    const { store, done } = tempStore();
    try {
      const many = Array.from({ length: 10_050 }, (_, i) => podEvent({ message: `m${i}`, timestamp: i }));
      store.recordEvents(many);
      assert.equal(store.listEvents().length, 500);
      assert.equal(store.listEvents({ limit: 20_000 }).length, 10_000);
      assert.equal(store.countEvents(), 10_050);
      assert.equal(store.listEvents()[0]?.message, 'm10049');
    } finally {
      done();
    }
  });

  test('filters: pod name, namespace, uid, type, reason, since', () => {
    const { store, done } = tempStore();
    try {
      seed(store);
      const names = (q: Parameters<Store['listEvents']>[0]): string[] =>
        store.listEvents(q).map((e) => `${e.involvedObject.namespace}/${e.involvedObject.name}:${e.reason}`);

      assert.deepEqual(names({ namespace: 'default', podName: 'web' }), [
        'default/web:BackOff',
        'default/web:Pulled',
        'default/web:Scheduled',
      ]);
      // podName alone spans namespaces but only Pods (the Service named web is not included)
      assert.deepEqual(names({ podName: 'web' }), [
        'default/web:BackOff',
        'default/web:Pulled',
        'default/web:Scheduled',
        'prod/web:Scheduled',
      ]);
      assert.deepEqual(names({ podUid: 'u-db' }), ['default/db:Failed', 'default/db:Scheduled']);
      assert.deepEqual(names({ type: 'Warning' }), ['default/web:BackOff', 'default/db:Failed']);
      assert.deepEqual(names({ reason: 'Scheduled' }), ['default/db:Scheduled', 'default/web:Scheduled', 'prod/web:Scheduled']);
      assert.deepEqual(names({ since: 200 }), ['default/web:BackOff', 'default/db:Failed', 'default/web:Pulled']);
      assert.deepEqual(names({ namespace: 'prod' }), ['prod/web:Scheduled']);
      assert.deepEqual(names({ podUid: 'u-web', type: 'Warning', since: 300 }), ['default/web:BackOff']);
      assert.deepEqual(names({ podUid: 'nope' }), []);
      assert.equal(store.countEvents({ podName: 'web', namespace: 'default' }), 3);
      assert.equal(store.countEvents({ type: 'Warning' }), 2);
    } finally {
      done();
    }
  });

  test('paging by (lastTimestamp, id) walks every event exactly once, in order, even re-aggregated ones', () => {
    const { store, done } = tempStore();
    try {
      const recorded = store.recordEvents(
        Array.from({ length: 23 }, (_, i) => podEvent({ message: `step ${i}`, timestamp: 1000 + (i % 7) })),
      );
      // An old event happens again: its lastTimestamp jumps ahead of newer ids (paging by id alone would misplace it).
      store.recordEvents([podEvent({ message: 'step 0', timestamp: 5000 })]);
      const seen: number[] = [];
      let before: { lastTimestamp: number; id: number } | undefined;
      let previous: { lastTimestamp: number; id: number } | undefined;
      for (;;) {
        const page = store.listEvents(before === undefined ? { limit: 5 } : { limit: 5, before });
        if (page.length === 0) break;
        assert.ok(page.length <= 5);
        for (const e of page) {
          if (previous) assert.ok(e.lastTimestamp < previous.lastTimestamp || (e.lastTimestamp === previous.lastTimestamp && e.id < previous.id), 'pages continue the order');
          previous = { lastTimestamp: e.lastTimestamp, id: e.id };
        }
        seen.push(...page.map((e) => e.id));
        const last = page.at(-1)!;
        before = { lastTimestamp: last.lastTimestamp, id: last.id };
      }
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        recorded.map((e) => e.id).sort((a, b) => a - b),
      );
      assert.equal(new Set(seen).size, 23);
      assert.equal(seen[0], recorded[0]!.id, 'the re-aggregated event comes first');
      assert.equal(store.countEvents({ before: { lastTimestamp: 5000, id: recorded[0]!.id } }), 22);
    } finally {
      done();
    }
  });

  test('events of a removed pod stay queryable by uid and by namespace+name', () => {
    const { store, done } = tempStore();
    try {
      store.upsertPod({
        uid: 'u-gone',
        namespace: 'default',
        name: 'gone',
        manifest: { kind: 'Pod' } as StoredPod, // the store keeps any JSON
        status: {},
        createdAt: 1,
        deletionTimestamp: null,
        engine: 'docker',
      });
      store.recordEvent(podEvent({ name: 'gone', uid: 'u-gone', reason: 'Killing' }));
      assert.equal(store.removePod('u-gone'), true);
      assert.equal(store.listEvents({ podUid: 'u-gone' }).length, 1);
      assert.equal(store.listEvents({ namespace: 'default', podName: 'gone' }).length, 1);
    } finally {
      done();
    }
  });
});

describe('event change feed', () => {
  test('reports inserts and updates after a cursor, each once, in commit order', () => {
    const { store, done } = tempStore();
    try {
      assert.equal(store.eventCursor(), 0);
      assert.deepEqual(store.eventsChangedSince(0), { events: [], cursor: 0, hasMore: false });

      const [a, b] = store.recordEvents([podEvent({ message: 'a' }), podEvent({ message: 'b' })]);
      const c0 = store.eventCursor();
      assert.ok(c0 > 0);
      const first = store.eventsChangedSince(0);
      assert.deepEqual(first.events.map((e) => e.id), [a?.id, b?.id]);
      assert.equal(first.cursor, c0);

      // nothing new
      assert.deepEqual(store.eventsChangedSince(first.cursor).events, []);

      // an aggregated repeat of `a` and a new `c`
      store.recordEvent(podEvent({ message: 'a', timestamp: 9000 }));
      const c = store.recordEvent(podEvent({ message: 'c' }));
      const next = store.eventsChangedSince(first.cursor);
      assert.deepEqual(next.events.map((e) => e.id), [a?.id, c.id]);
      assert.equal(next.events[0]?.count, 2);
      assert.equal(next.events[0]?.lastTimestamp, 9000);
      assert.equal(next.cursor, store.eventCursor());

      // updated twice after the cursor: reported once, latest state
      store.recordEvents([podEvent({ message: 'b' }), podEvent({ message: 'b' })]);
      const twice = store.eventsChangedSince(next.cursor);
      assert.deepEqual(twice.events.map((e) => [e.id, e.count]), [[b?.id, 3]]);
    } finally {
      done();
    }
  });

  test('limit and hasMore page through changes', () => {
    const { store, done } = tempStore();
    try {
      store.recordEvents(Array.from({ length: 7 }, (_, i) => podEvent({ message: `m${i}` })));
      const ids: number[] = [];
      let cursor = 0;
      let pages = 0;
      for (;;) {
        const ch = store.eventsChangedSince(cursor, 3);
        ids.push(...ch.events.map((e) => e.id));
        cursor = ch.cursor;
        pages++;
        if (!ch.hasMore) break;
      }
      assert.equal(pages, 3);
      assert.equal(ids.length, 7);
      assert.equal(new Set(ids).size, 7);
    } finally {
      done();
    }
  });

  test("another connection's commits are visible to the feed", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'shared.db');
      const ui = Store.open(file);
      const cli = Store.open(file);
      const cursor = ui.eventCursor();
      const e = cli.recordEvent(podEvent({ message: 'from the cli' }));
      const ch = ui.eventsChangedSince(cursor);
      assert.deepEqual(ch.events.map((x) => x.id), [e.id]);
      assert.equal(ch.events[0]?.message, 'from the cli');
      cli.close();
      ui.close();
    } finally {
      cleanup();
    }
  });

  test('a rolled-back transaction leaves the cursor unchanged', () => {
    const { store, done } = tempStore();
    try {
      store.recordEvent(podEvent({ message: 'kept' }));
      const cursor = store.eventCursor();
      assert.throws(() =>
        store.transaction(() => {
          store.recordEvent(podEvent({ message: 'dropped' }));
          throw new Error('boom');
        }),
      );
      assert.equal(store.eventCursor(), cursor);
      assert.deepEqual(store.eventsChangedSince(cursor).events, []);
      assert.equal(store.countEvents(), 1);
    } finally {
      done();
    }
  });
});
