// The watch cache's history of one kind: the last N changes, bounded in count and in bytes, as the
// API server's watchCache keeps its cyclic buffer (staging/src/k8s.io/apiserver/pkg/storage/
// cacher/watch_cache.go). A watch from version R gets every change after R if the ring still
// holds them all, else it has expired (the door answers 410 Gone). Pure.

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface RingEntry<T> {
  type: WatchEventType;
  resourceVersion: number;
  object: T;
  /** The object as it stood before this change (for selector transitions); absent when unknown. */
  previous?: T;
  /** What the entry costs to keep, about (the object's JSON length). */
  bytes: number;
}

export interface RingLimits {
  entries: number;
  bytes: number;
}

export const DEFAULT_RING_LIMITS: RingLimits = { entries: 5_000, bytes: 16 * 1024 * 1024 };

export type Replay<T> =
  | { ok: true; entries: RingEntry<T>[] }
  /** `oldest` is the version after which the ring holds everything: the API server's "(Y)". */
  | { ok: false; requested: number; oldest: number };

export class ChangeRing<T> {
  private entries: RingEntry<T>[] = [];
  private head = 0;
  private bytes = 0;
  private complete: number;

  /** `since`: the version from which the ring holds every change (the counter when it started). */
  constructor(
    private readonly limits: RingLimits,
    since: number,
  ) {
    this.complete = since;
  }

  /** Every change after this version is held. */
  get floor(): number {
    return this.complete;
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  /** Appends a change (versions only grow) and drops the oldest while over either limit. */
  push(entry: RingEntry<T>): void {
    const last = this.entries[this.entries.length - 1];
    if (this.size > 0 && last && entry.resourceVersion <= last.resourceVersion) {
      throw new Error(`watch cache: version ${entry.resourceVersion} after ${last.resourceVersion}`);
    }
    this.entries.push(entry);
    this.bytes += entry.bytes;
    // The newest entry always stays, even when it alone is over the byte limit.
    while (this.size > 1 && (this.size > this.limits.entries || this.bytes > this.limits.bytes)) {
      const dropped = this.entries[this.head]!;
      this.entries[this.head] = undefined as unknown as RingEntry<T>;
      this.head += 1;
      this.bytes -= dropped.bytes;
      this.complete = dropped.resourceVersion;
    }
    // Compact now and then, so the array does not grow without end.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** The changes after `version`, oldest first, or why they cannot all be given. */
  since(version: number): Replay<T> {
    if (version < this.complete) return { ok: false, requested: version, oldest: this.complete };
    // Binary search for the first entry newer than `version`.
    let lo = this.head;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid]!.resourceVersion > version) hi = mid;
      else lo = mid + 1;
    }
    return { ok: true, entries: this.entries.slice(lo) };
  }
}
