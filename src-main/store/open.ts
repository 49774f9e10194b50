// Opening the SQLite file: parent directory, pragmas, version check, migrations.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertKnownVersion, migrate, MIGRATIONS, type Migration } from './migrations';
import { makeDatabaseFilesOwnerOnly } from './owner-only';

export interface OpenOptions {
  /** How long a statement waits for another connection's lock (the CLI and the app share the file). */
  busyTimeoutMs?: number;
  /** For tests: a different migration list. */
  migrations?: readonly Migration[];
  /**
   * Path of the better_sqlite3.node to load instead of node_modules' own binary (better-sqlite3 13
   * ships one Node-API build per platform, which Node and Electron both load). Default: env
   * BERTH_SQLITE_BINDING, for a platform it ships no binary for, or a build of one's own.
   */
  nativeBinding?: string;
}

/** The SQLite native module could not be loaded from the path given. */
export class NativeBindingError extends Error {
  override readonly name = 'NativeBindingError';
}

function openWithBinding(file: string, timeout: number, nativeBinding: string | undefined): Database.Database {
  if (!nativeBinding) return new Database(file, { timeout });
  const source = 'BERTH_SQLITE_BINDING / nativeBinding';
  if (!existsSync(nativeBinding)) {
    throw new NativeBindingError(`cannot load SQLite: ${source} is ${nativeBinding}, which does not exist; point it at a better_sqlite3.node built for this runtime, or unset it`);
  }
  try {
    return new Database(file, { timeout, nativeBinding });
  } catch (error) {
    if (error instanceof Database.SqliteError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new NativeBindingError(`cannot load SQLite from ${nativeBinding} (${source}): ${message}; it must be a better_sqlite3.node built for this runtime (${runtimeName()})`);
  }
}

function runtimeName(): string {
  const electron = process.versions.electron;
  return `${electron ? `Electron ${electron}` : `Node ${process.versions.node}`}, ${process.platform}-${process.arch}`;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

function isInMemory(file: string): boolean {
  return file === ':memory:' || file === '';
}

/**
 * Opens (creating if needed) the database at `file` and migrates it to the latest schema.
 * A database with a newer schema than this code knows is refused with StoreVersionError before
 * anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrations = options.migrations ?? MIGRATIONS;
  if (!isInMemory(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    makeDatabaseFilesOwnerOnly(file);
  }

  const db = openWithBinding(file, busyTimeoutMs, options.nativeBinding ?? (process.env.BERTH_SQLITE_BINDING || undefined));
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // Before any pragma that writes (journal_mode changes the file header).
    assertKnownVersion(db, file, migrations);
    // WAL: readers (the UI) never block the writer (the kubelet loop), and a committed transaction
    // survives a crash or kill of the process. synchronous=NORMAL in WAL mode syncs only at
    // checkpoints: every committed transaction survives an application crash / SIGKILL, but the last
    // few commits may be lost on power loss or an OS crash (the database stays consistent). That is
    // the trade-off we accept for fast batched event writes; use FULL if power-loss durability matters.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file, migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Checkpoints the WAL into the main file (best effort: readers in other processes may hold it) and closes. */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Best effort (e.g. SQLITE_BUSY while another process writes): committed data is safe in the
    // WAL either way, and the next open or the last connection to close checkpoints it.
  } finally {
    db.close();
  }
}
