// Versioned schema migrations. The schema version lives in `PRAGMA user_version`.
// Migrations are an ordered list (versions 1, 2, 3, …); opening a database applies every migration
// newer than its user_version inside ONE immediate transaction, so a crash mid-migration leaves the
// previous version intact. Never edit a released migration: append a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Thrown when the database was written by a newer Berth than this one; the file is left untouched. */
export class StoreVersionError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `Berth database ${file} has schema version ${found}, but this version of Berth only knows versions up to ${supported}. ` +
        'It was written by a newer Berth: upgrade Berth (the database was not modified).',
    );
    this.name = 'StoreVersionError';
  }
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      -- Pods as applied. (namespace, name) is unique among pods that are not being deleted, so a pod
      -- name can be re-applied (new uid) while the old pod still terminates; removePod drops the row
      -- but its events and hook runs (keyed by uid, namespace and name, no foreign key) stay.
      CREATE TABLE pods (
        uid                TEXT PRIMARY KEY NOT NULL,
        namespace          TEXT NOT NULL,
        name               TEXT NOT NULL,
        manifest           TEXT NOT NULL CHECK (json_valid(manifest)),
        status             TEXT NOT NULL CHECK (json_valid(status)),
        created_at         INTEGER NOT NULL,
        deletion_timestamp INTEGER,
        engine             TEXT CHECK (engine IS NULL OR engine IN ('docker', 'podman'))
      ) STRICT;
      CREATE UNIQUE INDEX pods_live_name ON pods (namespace, name) WHERE deletion_timestamp IS NULL;
      CREATE INDEX pods_name ON pods (namespace, name, created_at);

      -- Other API objects (ConfigMap, Service, RuntimeClass, redacted Secret). namespace '' = cluster-scoped.
      CREATE TABLE objects (
        kind       TEXT NOT NULL,
        namespace  TEXT NOT NULL,
        name       TEXT NOT NULL,
        uid        TEXT NOT NULL,
        manifest   TEXT NOT NULL CHECK (json_valid(manifest)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, namespace, name)
      ) STRICT, WITHOUT ROWID;

      -- Aggregated events. AUTOINCREMENT: ids are never reused, so they are stable UI keys and paging
      -- cursors. agg_key = hash of the aggregation key (see aggregation.ts). seq = change-feed position.
      CREATE TABLE events (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        seq              INTEGER NOT NULL,
        agg_key          TEXT NOT NULL,
        involved_kind    TEXT NOT NULL,
        namespace        TEXT NOT NULL,
        involved_name    TEXT NOT NULL,
        involved_uid     TEXT NOT NULL,
        field_path       TEXT,
        type             TEXT NOT NULL CHECK (type IN ('Normal', 'Warning')),
        reason           TEXT NOT NULL,
        message          TEXT NOT NULL,
        source_component TEXT NOT NULL,
        source_host      TEXT,
        count            INTEGER NOT NULL CHECK (count >= 1),
        first_timestamp  INTEGER NOT NULL,
        last_timestamp   INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX events_agg_key ON events (agg_key);
      CREATE UNIQUE INDEX events_seq ON events (seq);
      CREATE INDEX events_uid_time ON events (involved_uid, last_timestamp, id);
      CREATE INDEX events_name_time ON events (involved_name, namespace, last_timestamp, id);
      CREATE INDEX events_time ON events (last_timestamp, id);

      -- Monotonic counters, bumped inside the writing transaction (see events.ts, change feed).
      CREATE TABLE counters (
        name  TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO counters (name, value) VALUES ('event_seq', 0);

      -- Lifecycle hook executions. No foreign key to pods: the history outlives the pod.
      CREATE TABLE hook_runs (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        pod_uid      TEXT NOT NULL,
        namespace    TEXT NOT NULL,
        pod_name     TEXT NOT NULL,
        container    TEXT NOT NULL,
        container_id TEXT,
        hook         TEXT NOT NULL CHECK (hook IN ('PostStart', 'PreStop')),
        handler      TEXT NOT NULL CHECK (handler IN ('exec', 'httpGet', 'sleep', 'tcpSocket')),
        attempt      INTEGER NOT NULL CHECK (attempt >= 1),
        started_at   INTEGER NOT NULL,
        finished_at  INTEGER,
        exit_code    INTEGER,
        http_status  INTEGER,
        output       TEXT NOT NULL DEFAULT '',
        error        TEXT
      ) STRICT;
      CREATE INDEX hook_runs_pod ON hook_runs (pod_uid, container, hook, id);
      CREATE INDEX hook_runs_unfinished ON hook_runs (id) WHERE finished_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'container stops',
    sql: `
      -- One row per container stop: the termination timeline the kubelet keeps only in its logs.
      -- Each milestone is written as it happens, so a crash leaves what was reached.
      CREATE TABLE container_stops (
        id                   INTEGER PRIMARY KEY AUTOINCREMENT,
        pod_uid              TEXT NOT NULL,
        namespace            TEXT NOT NULL,
        pod_name             TEXT NOT NULL,
        container            TEXT NOT NULL,
        container_id         TEXT NOT NULL,
        reason               TEXT NOT NULL,
        grace_period_ms      INTEGER NOT NULL,
        started_at           INTEGER NOT NULL,
        pre_stop_started_at  INTEGER,
        pre_stop_finished_at INTEGER,
        signal               TEXT,
        signal_at            INTEGER,
        kill_at              INTEGER,
        exited_at            INTEGER,
        exit_code            INTEGER
      ) STRICT;
      CREATE INDEX container_stops_pod ON container_stops (pod_uid, id);
    `,
  },
  {
    version: 3,
    name: 'aggregation keys by pod',
    sql: `
      -- The aggregation lookup by (object uid, hash) instead of the hash alone: hashes are random,
      -- so every write touched a random page of the whole index, and ingest slowed as the store
      -- grew (to half the rate at 1 000 000 events); by uid, a pod's keys share a few pages. The
      -- hash already covers the uid, so uniqueness is unchanged (docs/BENCHMARKS.md).
      DROP INDEX events_agg_key;
      CREATE UNIQUE INDEX events_agg_key ON events (involved_uid, agg_key);
    `,
  },
  {
    version: 4,
    name: 'event filters by reason and type',
    sql: `
      -- The Events screen and \`berth events\` filter by reason or type, newest first: without these
      -- a rare reason walked the whole time index (1-1.5 s at 1 000 000 events, docs/BENCHMARKS.md).
      CREATE INDEX events_reason_time ON events (reason, last_timestamp, id);
      CREATE INDEX events_type_time ON events (type, last_timestamp, id);
    `,
  },
  {
    version: 5,
    name: 'resource versions',
    sql: `
      -- One counter for everything the Kubernetes API serves, as etcd's revision: every write of a
      -- pod, an object or an event takes the next value (see resource-versions.ts). Events already
      -- took their change-feed seq from a counter bumped once per batch; that counter becomes the
      -- resource version, so an event's seq IS its resourceVersion and the ingest is unchanged.
      UPDATE counters SET name = 'resource_version' WHERE name = 'event_seq';
      -- Rows written before this version all get one version newer than any event so far: they
      -- exist at that version, and a watch from it sees only what changes next. (A new store
      -- stays at 0: no write yet.)
      UPDATE counters SET value = value + 1
      WHERE name = 'resource_version' AND (EXISTS (SELECT 1 FROM pods) OR EXISTS (SELECT 1 FROM objects));
      ALTER TABLE pods ADD COLUMN resource_version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE objects ADD COLUMN resource_version INTEGER NOT NULL DEFAULT 0;
      UPDATE pods SET resource_version = (SELECT value FROM counters WHERE name = 'resource_version');
      UPDATE objects SET resource_version = (SELECT value FROM counters WHERE name = 'resource_version');
    `,
  },
];

/** Throws unless the list is ordered 1, 2, 3, … without gaps (a programming error). */
export function checkMigrationList(list: readonly Migration[]): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration #${i} "${m.name}" has version ${m.version}, expected ${i + 1}`);
    }
  });
  return list.length;
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = checkMigrationList(MIGRATIONS);

/** The migrations to apply to a database at `current`, in order. */
export function pendingMigrations(current: number, list: readonly Migration[]): Migration[] {
  return list.filter((m) => m.version > current);
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database newer than `list` knows. Reads only: call before anything writes. */
export function assertKnownVersion(db: Database.Database, file: string, list: readonly Migration[] = MIGRATIONS): void {
  const found = readUserVersion(db);
  const supported = checkMigrationList(list);
  if (found > supported) throw new StoreVersionError(file, found, supported);
}

/**
 * Brings the database to the latest version of `list`, atomically. The version is re-read inside
 * the (immediate, i.e. write-locked) transaction, so two processes opening the same file at once
 * migrate it once.
 */
export function migrate(
  db: Database.Database,
  file: string,
  list: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const supported = checkMigrationList(list);
  const run = db.transaction(() => {
    const from = readUserVersion(db);
    if (from > supported) throw new StoreVersionError(file, from, supported);
    const todo = pendingMigrations(from, list);
    for (const m of todo) {
      try {
        db.exec(m.sql);
      } catch (err) {
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`, { cause: err });
      }
    }
    if (todo.length > 0) db.pragma(`user_version = ${supported}`);
    return { from, to: Math.max(from, supported) };
  });
  return run.immediate();
}
