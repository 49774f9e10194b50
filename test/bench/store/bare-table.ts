// The baselines of the store figures: the same event rows in a plain SQLite table — same file
// settings as Berth's (WAL, synchronous=NORMAL), but no aggregation key, change-feed seq, extra
// indexes or mapping to API objects. What Berth costs beyond that is its own.
import Database from 'better-sqlite3';
import type { EventInput } from '../../../src-main/model';

const COLUMNS = 'id, involved_kind, namespace, involved_name, involved_uid, field_path, type, reason, message, source_component, source_host, count, first_timestamp, last_timestamp';

export function openBare(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS bare (
      id INTEGER PRIMARY KEY, involved_kind TEXT, namespace TEXT, involved_name TEXT, involved_uid TEXT,
      field_path TEXT, type TEXT, reason TEXT, message TEXT, source_component TEXT, source_host TEXT,
      count INTEGER, first_timestamp INTEGER, last_timestamp INTEGER
    )`);
  return db;
}

/** Copies Berth's event rows (same ids, same order) into the bare table. */
export function copyEvents(db: Database.Database, storeFile: string): void {
  db.prepare('ATTACH DATABASE ? AS berth').run(storeFile);
  db.exec(`INSERT INTO bare (${COLUMNS}) SELECT ${COLUMNS} FROM berth.events ORDER BY id`);
  db.exec('DETACH DATABASE berth');
}

/** The two indexes the queries need: a pod's events and all events, newest first. */
export function indexBare(db: Database.Database): void {
  db.exec(`
    CREATE INDEX bare_uid_time ON bare (involved_uid, last_timestamp, id);
    CREATE INDEX bare_time ON bare (last_timestamp, id);`);
}

/** Writes inputs as plain rows, one transaction per call (no lookup: nothing aggregates). */
export function bareWriter(db: Database.Database): (inputs: readonly EventInput[]) => void {
  const insert = db.prepare(`
    INSERT INTO bare (involved_kind, namespace, involved_name, involved_uid, field_path, type, reason, message,
                      source_component, source_host, count, first_timestamp, last_timestamp)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`);
  return db.transaction((inputs: readonly EventInput[]) => {
    for (const e of inputs) {
      const o = e.involvedObject;
      insert.run(o.kind, o.namespace, o.name, o.uid, o.fieldPath ?? null, e.type, e.reason, e.message, e.source.component, e.source.host ?? null, e.timestamp, e.timestamp);
    }
  }).immediate;
}

/** Bare reads, as raw rows. */
export function bareQueries(db: Database.Database) {
  const ofPod = db.prepare(`SELECT * FROM bare WHERE involved_uid = ? ORDER BY last_timestamp DESC, id DESC LIMIT ?`);
  const newest = db.prepare(`SELECT * FROM bare ORDER BY last_timestamp DESC, id DESC LIMIT ?`);
  const byReason = db.prepare(`SELECT * FROM bare WHERE reason = ? ORDER BY last_timestamp DESC, id DESC LIMIT ?`);
  const older = db.prepare(`
    SELECT * FROM bare WHERE (last_timestamp < @ts OR (last_timestamp = @ts AND id < @id))
    ORDER BY last_timestamp DESC, id DESC LIMIT @limit`);
  const at = db.prepare<[number], { lastTimestamp: number; id: number }>(`
    SELECT last_timestamp AS lastTimestamp, id FROM bare ORDER BY last_timestamp DESC, id DESC LIMIT 1 OFFSET ?`);
  return {
    ofPod: (uid: string, limit: number) => ofPod.all(uid, limit),
    newest: (limit: number) => newest.all(limit),
    /** By reason without an index for it: the time index walked, as the store did before migration 4. */
    byReason: (reason: string, limit: number) => byReason.all(reason, limit),
    older: (before: { lastTimestamp: number; id: number }, limit: number) => older.all({ ts: before.lastTimestamp, id: before.id, limit }),
    /** The paging cursor of the event `depth` rows down the newest-first list. */
    cursorAt: (depth: number) => at.get(depth),
  };
}
