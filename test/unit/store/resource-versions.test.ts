import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PodRecord, StoredPod } from '../../../src-main/model';
import { Store, type StoreChange } from '../../../src-main/store/index';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { openDatabase } from '../../../src-main/store/open';
import { podEvent, tempDir, tempStore } from './helpers';

function pod(name = 'web'): PodRecord {
  return {
    uid: `uid-${name}`,
    namespace: 'default',
    name,
    manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } as StoredPod,
    status: { phase: 'Pending' },
    createdAt: 1000,
    deletionTimestamp: null,
    engine: null,
  };
}

const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data });
const summary = (c: StoreChange) => [c.kind, c.type, c.resourceVersion];

describe('resource versions', () => {
  test('every write of a pod, an object or an event takes the next version; a no-op takes none', () => {
    const { store, done } = tempStore();
    try {
      assert.equal(store.resourceVersion(), 0);
      store.upsertPod(pod());
      assert.equal(store.getPodByUid('uid-web')?.resourceVersion, 1);
      store.setPodStatus('uid-web', { phase: 'Running' });
      assert.equal(store.getPodByUid('uid-web')?.resourceVersion, 2);
      store.markPodDeleting('uid-web', 5000);
      assert.equal(store.getPodByUid('uid-web')?.resourceVersion, 3);
      const events = store.recordEvents([podEvent({ message: 'a' }), podEvent({ message: 'b' })]);
      assert.deepEqual(events.map((e) => e.resourceVersion), [4, 5]);
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'c', manifest: cm({ a: '1' }) }), 'created');
      assert.equal(store.getObject('ConfigMap', 'default', 'cfg')?.resourceVersion, 6);
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'c', manifest: cm({ a: '1' }) }), 'unchanged');
      assert.equal(store.resourceVersion(), 6);
      store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'c', manifest: cm({ a: '2' }) });
      assert.equal(store.getObject('ConfigMap', 'default', 'cfg')?.resourceVersion, 7);
      // A Secret's values live in the vault: when only they change, the object is touched.
      assert.equal(store.touchObject('ConfigMap', 'default', 'cfg'), true);
      assert.equal(store.getObject('ConfigMap', 'default', 'cfg')?.resourceVersion, 8);
      assert.equal(store.removePod('uid-web'), true);
      assert.equal(store.deleteObject('ConfigMap', 'default', 'cfg'), true);
      assert.equal(store.resourceVersion(), 10);
      // The event feed's cursor is the same counter.
      assert.equal(store.eventCursor(), 10);
    } finally {
      done();
    }
  });

  test('the counter is persisted: a reopened store goes on from where it was', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'b.db');
      const first = Store.open(file);
      first.upsertPod(pod());
      first.recordEvent(podEvent());
      first.close();
      const again = Store.open(file);
      assert.equal(again.resourceVersion(), 2);
      again.setPodStatus('uid-web', { phase: 'Running' });
      assert.equal(again.getPodByUid('uid-web')?.resourceVersion, 3);
      again.close();
    } finally {
      cleanup();
    }
  });

  test('a version 4 store migrates: its rows get a version after every event so far, and writes go on from there', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'v4.db');
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) });
      old.prepare(`INSERT INTO pods (uid, namespace, name, manifest, status, created_at, deletion_timestamp, engine)
                   VALUES ('u1', 'default', 'web', '{"spec":{}}', '{}', 1, NULL, NULL)`).run();
      old.prepare(`INSERT INTO objects (kind, namespace, name, uid, manifest, created_at, updated_at)
                   VALUES ('ConfigMap', 'default', 'cfg', 'c1', '{}', 1, 1)`).run();
      old.prepare(`UPDATE counters SET value = 7 WHERE name = 'event_seq'`).run();
      old.close();

      const store = Store.open(file);
      assert.equal(store.schemaVersion(), 5);
      assert.equal(store.resourceVersion(), 8);
      assert.equal(store.getPodByUid('u1')?.resourceVersion, 8);
      assert.equal(store.getObject('ConfigMap', 'default', 'cfg')?.resourceVersion, 8);
      assert.equal(store.recordEvent(podEvent()).resourceVersion, 9);
      store.close();
    } finally {
      cleanup();
    }
  });

  test('a new store starts at 0: nothing was written', () => {
    const { store, done } = tempStore();
    try {
      assert.equal(store.resourceVersion(), 0);
    } finally {
      done();
    }
  });
});

describe('store change listener', () => {
  test('hears each committed write in version order, with the row as written', () => {
    const { store, done } = tempStore();
    const heard: StoreChange[] = [];
    store.onChange((changes) => heard.push(...changes));
    try {
      store.upsertPod(pod());
      store.setPodStatus('uid-web', { phase: 'Running' });
      store.recordEvents([podEvent({ message: 'a' }), podEvent({ message: 'a', timestamp: 2_000 })]);
      store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'c', manifest: cm({ a: '1' }) });
      store.removePod('uid-web');
      store.setPodStatus('uid-web', { phase: 'Failed' }); // gone: nothing to hear
      assert.deepEqual(heard.map(summary), [
        ['Pod', 'added', 1],
        ['Pod', 'modified', 2],
        ['Event', 'added', 3],
        ['Event', 'modified', 4],
        ['Object', 'added', 5],
        ['Pod', 'deleted', 6],
      ]);
      const status = heard[1]!;
      assert.equal(status.kind === 'Pod' && status.record.status.phase, 'Running');
      const removed = heard[5]!;
      assert.equal(removed.kind === 'Pod' && removed.record.status.phase, 'Running', 'a deletion carries the last state');
    } finally {
      done();
    }
  });

  test('a transaction is heard once it commits, and not at all when it rolls back', () => {
    const { store, done } = tempStore();
    const heard: StoreChange[][] = [];
    store.onChange((changes) => heard.push([...changes]));
    try {
      store.transaction(() => {
        store.upsertPod(pod('a'));
        store.upsertPod(pod('b'));
        assert.equal(heard.length, 0, 'nothing before the commit');
      });
      assert.deepEqual(heard.map((batch) => batch.map(summary)), [[['Pod', 'added', 1], ['Pod', 'added', 2]]]);

      assert.throws(() =>
        store.transaction(() => {
          store.upsertPod(pod('c'));
          throw new Error('refused');
        }),
      );
      assert.equal(heard.length, 1);
      assert.equal(store.getPod('default', 'c'), undefined);

      // A nested transaction that fails is a savepoint: its writes go, the outer ones stay.
      store.transaction(() => {
        store.upsertPod(pod('d'));
        assert.throws(() =>
          store.transaction(() => {
            store.upsertPod(pod('e'));
            throw new Error('inner');
          }),
        );
      });
      assert.deepEqual(heard[1]!.map((c) => c.kind === 'Pod' && c.record.name), ['d']);
      assert.equal(store.getPod('default', 'e'), undefined);
    } finally {
      done();
    }
  });
});
