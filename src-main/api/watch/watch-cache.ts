// The watch cache (the API server's Cacher + watchCache): one ring of recent changes per kind, fed
// by the store's committed writes, and the live watchers. A watch from version R replays what the
// ring holds after R and goes live; R older than the ring → an EXPIRED push (410 Gone at the door);
// R absent or "0" → ADDED for the current state first, as the API server does. Bookmarks carry
// the latest version every interval to the watchers that allow them. After a restart the rings
// start empty at the persisted counter, so older versions expire, as on a restarted API server.
import type { ApiObject, ServedKind } from '../kube-objects/kinds';
import { deliver } from '../notifier';
import { ChangeRing, DEFAULT_RING_LIMITS, type RingEntry, type RingLimits, type WatchEventType } from './ring';

/** A change as the cache keeps it: the object after the write (before it, for a deletion). */
export interface CachedChange extends RingEntry<ApiObject> {
  kind: ServedKind;
}

export interface BookmarkObject {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
}

export type WatchPush =
  | { type: WatchEventType; object: ApiObject }
  | { type: 'BOOKMARK'; object: BookmarkObject }
  /** The version asked for is older than the cache holds: the door answers 410 Gone with `message`. */
  | { type: 'EXPIRED'; requested: string; oldest: string; message: string }
  /** The watch could not start (an invalid selector): the door answers 400 with `message`. */
  | { type: 'ERROR'; message: string };

export interface WatchRequest {
  kind: ServedKind;
  apiVersion: string;
  namespace?: string;
  /** Start after this version; absent or "0": from now, with ADDED for what exists. */
  resourceVersion?: string;
  /** The selector seam: objects a watch should see (label/field selectors compiled by the door's parser). */
  matches?: (object: ApiObject) => boolean;
  allowWatchBookmarks?: boolean;
  /** WatchList: the current state first, then a bookmark marking its end (k8s.io/initial-events-end). */
  sendInitialEvents?: boolean;
  /** The current objects of the kind (and namespace), for a watch from now. */
  initial: () => ApiObject[];
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface WatchCacheOptions {
  /** The persisted counter when the cache starts: every later change goes through `record`. */
  startVersion: number;
  /** The store's counter now (bookmarks, and the current state's version). */
  currentVersion: () => number;
  limits?: RingLimits;
  /** The API server sends bookmarks about once a minute. */
  bookmarkIntervalMs?: number;
  /** Default: the global timers, looked up when needed (so virtual time can stand in). */
  timers?: Timers;
}

export const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

const globalTimers: Timers = {
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/** The API server's message (watch_cache.go). */
export function expiredMessage(requested: number, oldest: number): string {
  return `too old resource version: ${requested} (${oldest})`;
}

/**
 * What one watcher sees of a change: selectors apply to the object before and after it, so an
 * object that starts to match arrives ADDED and one that stops arrives DELETED (cacheWatcher's
 * convertToWatchEvent). Pure.
 */
export function eventForWatcher(
  change: RingEntry<ApiObject>,
  filter: Pick<WatchRequest, 'namespace' | 'matches'>,
): { type: WatchEventType; object: ApiObject } | undefined {
  if (filter.namespace !== undefined && change.object.metadata.namespace !== filter.namespace) return undefined;
  const matches = filter.matches ?? (() => true);
  const now = matches(change.object);
  if (change.type === 'DELETED') return now ? { type: 'DELETED', object: change.object } : undefined;
  const before = change.previous ? matches(change.previous) : now;
  if (now && before) return { type: change.type, object: change.object };
  if (now) return { type: 'ADDED', object: change.object };
  if (before && change.previous) {
    const previous = change.previous;
    return { type: 'DELETED', object: { ...previous, metadata: { ...previous.metadata, resourceVersion: String(change.resourceVersion) } } };
  }
  return undefined;
}

interface Watcher {
  request: WatchRequest;
  push: (payload: WatchPush) => void;
}

export class WatchCache {
  private readonly rings = new Map<ServedKind, ChangeRing<ApiObject>>();
  private readonly watchers = new Set<Watcher>();
  private readonly timers: Timers;
  private timer: unknown;

  constructor(private readonly options: WatchCacheOptions) {
    this.timers = options.timers ?? globalTimers;
  }

  /** Changes in version order, right after they commit. */
  record(changes: readonly CachedChange[]): void {
    for (const change of changes) {
      this.ring(change.kind).push(change);
      for (const watcher of this.watchers) {
        if (watcher.request.kind === change.kind) this.send(watcher, eventForWatcher(change, watcher.request));
      }
    }
  }

  /** Starts a watch; pushes synchronously what it replays, then each change as it comes. */
  watch(request: WatchRequest, push: (payload: WatchPush) => void): () => void {
    const watcher: Watcher = { request, push };
    const from = request.resourceVersion;
    if (request.sendInitialEvents || from === undefined || from === '' || from === '0') {
      for (const object of request.initial()) this.send(watcher, eventForWatcher({ type: 'ADDED', resourceVersion: 0, object, bytes: 0 }, request));
      if (request.sendInitialEvents && request.allowWatchBookmarks) this.bookmark(watcher, { [INITIAL_EVENTS_END]: 'true' });
    } else {
      const requested = Number(from);
      const replay = this.ring(request.kind).since(requested);
      if (!replay.ok) {
        push({ type: 'EXPIRED', requested: from, oldest: String(replay.oldest), message: expiredMessage(requested, replay.oldest) });
        return () => undefined;
      }
      for (const change of replay.entries) this.send(watcher, eventForWatcher(change, request));
    }
    this.watchers.add(watcher);
    this.updateTimer();
    return () => {
      this.watchers.delete(watcher);
      this.updateTimer();
    };
  }

  /** Sends a bookmark to every watcher that allows them (the timer calls this; tests may too). */
  sendBookmarks(): void {
    for (const watcher of this.watchers) if (watcher.request.allowWatchBookmarks) this.bookmark(watcher);
  }

  /** The version after which `kind`'s ring holds every change. */
  floor(kind: ServedKind): number {
    return this.ring(kind).floor;
  }

  close(): void {
    this.watchers.clear();
    this.updateTimer();
  }

  private ring(kind: ServedKind): ChangeRing<ApiObject> {
    let ring = this.rings.get(kind);
    if (!ring) {
      ring = new ChangeRing<ApiObject>(this.options.limits ?? DEFAULT_RING_LIMITS, this.options.startVersion);
      this.rings.set(kind, ring);
    }
    return ring;
  }

  private send(watcher: Watcher, event: { type: WatchEventType; object: ApiObject } | undefined): void {
    if (event) deliver(watcher.push, event);
  }

  private bookmark(watcher: Watcher, annotations?: Record<string, string>): void {
    const metadata: BookmarkObject['metadata'] = { resourceVersion: String(this.options.currentVersion()) };
    if (annotations) metadata.annotations = annotations;
    deliver(watcher.push, { type: 'BOOKMARK', object: { apiVersion: watcher.request.apiVersion, kind: watcher.request.kind, metadata } });
  }

  /** One interval while any watcher wants bookmarks; none otherwise (nothing keeps a process alive). */
  private updateTimer(): void {
    const wanted = [...this.watchers].some((w) => w.request.allowWatchBookmarks);
    if (wanted && this.timer === undefined) {
      this.timer = this.timers.setInterval(() => this.sendBookmarks(), this.options.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS);
      (this.timer as { unref?: () => void }).unref?.();
    } else if (!wanted && this.timer !== undefined) {
      this.timers.clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
