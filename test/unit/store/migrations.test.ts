import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Store, StoreVersionError, SCHEMA_VERSION } from '../../../src-main/store/index';
import {
  checkMigrationList,
  MIGRATIONS,
  pendingMigrations,
  type Migration,
} from '../../../src-main/store/migrations';
import { openDatabase } from '../../../src-main/store/open';
import { aggregationKey } from '../../../src-main/store/aggregation';
import { newEventRow, type EventRow } from '../../../src-main/store/rows';
import { podEvent, tempDir } from './helpers';

/** Writes an event row as an older Berth did, straight into its schema; returns its id. */
function insertEventRow(db: Database.Database, row: EventRow): number {
  const { id: _id, ...columns } = row;
  const names = Object.keys(columns);
  const sql = `INSERT INTO events (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;
  return Number(db.prepare(sql).run(columns).lastInsertRowid);
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  test('a fresh database gets the latest version, WAL, and all tables; parent dir is created 0700', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'nested', 'deeper', 'berth.db');
      const store = Store.open(file);
      assert.equal(store.schemaVersion(), SCHEMA_VERSION);
      assert.equal(SCHEMA_VERSION, MIGRATIONS.length);
      store.close();
      assert.equal(statSync(join(dir, 'nested', 'deeper')).mode & 0o077, 0, 'no group/other access');
      assert.deepEqual(tables(file), ['container_stops', 'counters', 'events', 'hook_runs', 'objects', 'pods']);
      const db = new Database(file, { readonly: true });
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('pragmas on an open store', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = openDatabase(join(dir, 'b.db'));
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('synchronous', { simple: true }), 1); // NORMAL
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('reopening is idempotent and keeps data', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'berth.db');
      const a = Store.open(file);
      a.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'u1', manifest: { data: { a: '1' } } });
      a.close();
      a.close(); // idempotent close
      for (let i = 0; i < 3; i++) {
        const b = Store.open(file);
        assert.equal(b.schemaVersion(), SCHEMA_VERSION);
        assert.equal(b.listObjects('ConfigMap').length, 1);
        b.close();
      }
    } finally {
      cleanup();
    }
  });

  test('a database with a newer user_version is refused with a clear error and left unchanged', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'future.db');
      const raw = new Database(file);
      raw.exec('CREATE TABLE future_stuff (x INTEGER)');
      raw.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
      raw.close();
      const before = readFileSync(file);

      assert.throws(
        () => Store.open(file),
        (err: unknown) => {
          assert.ok(err instanceof StoreVersionError);
          assert.equal(err.found, SCHEMA_VERSION + 7);
          assert.equal(err.supported, SCHEMA_VERSION);
          assert.match(err.message, /newer Berth/);
          assert.match(err.message, new RegExp(`version ${SCHEMA_VERSION + 7}`));
          return true;
        },
      );
      assert.deepEqual(readFileSync(file), before, 'file bytes unchanged');
      assert.deepEqual(tables(file), ['future_stuff']);
      assert.equal(existsSync(`${file}-wal`), false, 'not switched to WAL');
    } finally {
      cleanup();
    }
  });

  test('migrations run in order and only the pending ones; a failing migration rolls back entirely', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'm.db');
      const v1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
      const v2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (2);' };
      const v3bad: Migration = { version: 3, name: 'bad', sql: 'CREATE TABLE c (x INTEGER); INSERT INTO nope VALUES (1);' };

      openDatabase(file, { migrations: [v1] }).close();
      assert.deepEqual(tables(file), ['a']);

      openDatabase(file, { migrations: [v1, v2] }).close();
      assert.deepEqual(tables(file), ['a', 'b']);

      assert.throws(() => openDatabase(file, { migrations: [v1, v2, v3bad] }), /migration 3 \(bad\) failed/);
      assert.deepEqual(tables(file), ['a', 'b'], 'table c rolled back');
      const db = new Database(file, { readonly: true });
      assert.equal(db.pragma('user_version', { simple: true }), 2);
      assert.equal(db.prepare('SELECT count(*) FROM a').pluck().get(), 1, 'v2 ran exactly once');
      db.close();
    } finally {
      cleanup();
    }
  });

  test('version 3 keys aggregation by pod: a version 2 store keeps aggregating into its rows', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'v2.db');
      // The row a version 2 Berth wrote (today's store code needs today's columns).
      const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
      const input = podEvent({ timestamp: 1_000 });
      const first = { id: insertEventRow(old, newEventRow(input, aggregationKey(input), 1)) };
      old.prepare(`UPDATE counters SET value = 1 WHERE name = 'event_seq'`).run();
      old.close();

      const store = Store.open(file);
      const again = store.recordEvent(podEvent({ timestamp: 2_000 }));
      assert.deepEqual([again.id, again.count, again.firstTimestamp, again.lastTimestamp], [first.id, 2, 1_000, 2_000]);
      assert.equal(store.countEvents(), 1);
      store.close();
      const db = new Database(file, { readonly: true });
      const index = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'events_agg_key'`).pluck().get() as string;
      db.close();
      assert.match(index, /UNIQUE INDEX events_agg_key ON events \(involved_uid, agg_key\)/);
    } finally {
      cleanup();
    }
  });

  test('pure helpers: migration list validation and pending selection', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, sql: '' });
    assert.equal(checkMigrationList([m(1), m(2), m(3)]), 3);
    assert.throws(() => checkMigrationList([m(1), m(3)]), /expected 2/);
    assert.throws(() => checkMigrationList([m(2), m(1)]), /expected 1/);
    assert.deepEqual(
      pendingMigrations(1, [m(1), m(2), m(3)]).map((x) => x.version),
      [2, 3],
    );
    assert.deepEqual(pendingMigrations(3, [m(1), m(2), m(3)]), []);
  });
});
