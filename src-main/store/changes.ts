// What the store tells its listener after a write commits: the row as written, with its resource
// version. A write inside Store.transaction is held until the outermost transaction commits and
// dropped if it rolls back, so a listener never sees a change that is not in the database.
import type { BerthEvent, PodRecord } from '../model';
import type { ObjectRecord } from './rows';

export type ChangeType = 'added' | 'modified' | 'deleted';

/** A deleted row comes as it last stood, with the version of its deletion. */
export type StoreChange =
  | { kind: 'Pod'; type: ChangeType; record: PodRecord; resourceVersion: number }
  | { kind: 'Object'; type: ChangeType; record: ObjectRecord; resourceVersion: number }
  | { kind: 'Event'; type: 'added' | 'modified'; event: BerthEvent; resourceVersion: number };

export type StoreChangeListener = (changes: readonly StoreChange[]) => void;

export class ChangeLog {
  private listener: StoreChangeListener | undefined;
  private depth = 0;
  private held: StoreChange[] = [];

  /** One listener (the core's notifier); a second call replaces it. */
  listen(listener: StoreChangeListener | undefined): void {
    this.listener = listener;
  }

  /** Whether anyone listens: writers skip building changes otherwise (the ingest bench has none). */
  get active(): boolean {
    return this.listener !== undefined;
  }

  emit(changes: readonly StoreChange[]): void {
    if (!this.listener || changes.length === 0) return;
    if (this.depth > 0) this.held.push(...changes);
    else this.deliver(changes);
  }

  /** Runs `fn` (a transaction) holding changes until the outermost one returns; drops them if it throws. */
  around<T>(fn: () => T): T {
    this.depth += 1;
    const mark = this.held.length;
    let ok = false;
    try {
      const result = fn();
      ok = true;
      return result;
    } finally {
      this.depth -= 1;
      // A nested transaction that throws is a rolled-back savepoint: its changes go, the outer ones stay.
      if (!ok) this.held.length = mark;
      if (this.depth === 0) {
        const held = this.held;
        this.held = [];
        this.deliver(held);
      }
    }
  }

  private deliver(changes: readonly StoreChange[]): void {
    if (changes.length === 0 || !this.listener) return;
    try {
      this.listener(changes);
    } catch (error) {
      // The write is committed whatever a listener does.
      console.error('berth: a store change listener failed:', error);
    }
  }
}
