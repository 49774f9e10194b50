// The resource version: one counter for every pod, object and event write, like etcd's revision.
// It is bumped inside the writing transaction, so versions become visible in commit order (SQLite
// has one writer at a time): once a reader has seen version N, every later commit carries more.
// Versions may skip (a write that changes nothing can still have taken one); never repeat.
import type Database from 'better-sqlite3';

export class ResourceVersions {
  private readonly reserve: Database.Statement<[number], { value: number }>;
  private readonly read: Database.Statement<[], { value: number }>;

  constructor(db: Database.Database) {
    this.reserve = db.prepare(`UPDATE counters SET value = value + ? WHERE name = 'resource_version' RETURNING value`);
    this.read = db.prepare(`SELECT value FROM counters WHERE name = 'resource_version'`);
  }

  /** Takes `n` versions in one statement; returns the last (the first is last - n + 1). Call inside the write's transaction. */
  take(n = 1): number {
    const row = this.reserve.get(n);
    if (!row) throw new Error('resource_version counter is missing');
    return row.value;
  }

  /** The version of the last committed write (0 for a new store). */
  current(): number {
    return this.read.get()?.value ?? 0;
  }
}
