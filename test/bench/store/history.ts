// The big store the query and disk figures read: a long history of distinct events written by
// Berth itself (recordEvents, as the runtime writes them), and the same rows in a bare table.
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Store } from '../../../src-main/store/index';
import { makeTempDir } from '../../support/temp';
import { since } from '../lib/suite';
import { copyEvents, indexBare, openBare } from './bare-table';
import { historyEvent, historyPods } from './workload';

export interface History {
  store: Store;
  bare: Database.Database;
  events: number;
  pods: number;
  /** Timestamp after the newest event of the history. */
  end: number;
  /** On disk, checkpointed, before anything else was written: Berth's file, and the bare table alone. */
  bytes: { store: number; bare: number };
  close(): void;
}

const BASE = Date.UTC(2025, 0, 1);
const SEED_BATCH = 10_000;

/** The file and its write-ahead log: what the data takes on disk. */
function fileBytes(file: string): number {
  const wal = `${file}-wal`;
  return statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
}

export function buildHistory(events: number, log: (message: string) => void): History {
  const dir = makeTempDir('berth-bench-store-');
  const storeFile = join(dir.path, 'berth.db');
  const started = performance.now();
  const seeding = Store.open(storeFile);
  for (let first = 0; first < events; first += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, events - first);
    seeding.recordEvents(Array.from({ length: count }, (_, k) => historyEvent(first + k, BASE)));
  }
  if (seeding.countEvents() !== events) throw new Error(`history: ${seeding.countEvents()} rows for ${events} distinct events`);
  seeding.close(); // checkpoints the WAL into the file
  log(`history of ${events.toLocaleString('en-US')} events written in ${(since(started) / 1000).toFixed(1)} s`);

  const bareFile = join(dir.path, 'bare.db');
  const bare = openBare(bareFile);
  copyEvents(bare, storeFile);
  bare.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = { store: fileBytes(storeFile), bare: fileBytes(bareFile) };
  indexBare(bare);

  const store = Store.open(storeFile);
  return {
    store,
    bare,
    events,
    pods: historyPods(events),
    end: historyEvent(events, BASE).timestamp,
    bytes,
    close: () => {
      store.close();
      bare.close();
      dir.remove();
    },
  };
}
