// Event lists: a snapshot from listEvents, merged with the batches the subscription pushes (an
// aggregated event comes back with the same id, a higher count and a later lastTimestamp), and
// older pages appended as the user scrolls.
import type { BerthEvent, EventQuery, EventType } from '../../../src-main/model';

export const EVENT_LIST_LIMIT = 500;

/** Newest first, the order listEvents returns; ties broken by id so the order is stable. */
export function newestFirst(a: BerthEvent, b: BerthEvent): number {
  return b.lastTimestamp - a.lastTimestamp || b.id - a.id;
}

/** Oldest first, the order `kubectl describe` lists a pod's events in. */
export function oldestFirst(a: BerthEvent, b: BerthEvent): number {
  return -newestFirst(a, b);
}

/**
 * Merges pushed events into a newest-first list: replaced by id, re-sorted. Linear in the list
 * (one pass over a sorted list plus a sort of the small batch), so 100 000 rows stay cheap.
 */
export function mergeNewest(current: readonly BerthEvent[], batch: readonly BerthEvent[]): BerthEvent[] {
  if (batch.length === 0) return current as BerthEvent[];
  const incoming = new Map(batch.map((event) => [event.id, event]));
  const fresh = [...incoming.values()].sort(newestFirst);
  const merged: BerthEvent[] = [];
  let i = 0;
  for (const event of current) {
    if (incoming.has(event.id)) continue;
    while (i < fresh.length && newestFirst(fresh[i]!, event) <= 0) merged.push(fresh[i++]!);
    merged.push(event);
  }
  while (i < fresh.length) merged.push(fresh[i++]!);
  return merged;
}

export function mergeEvents(current: BerthEvent[], batch: BerthEvent[], limit = EVENT_LIST_LIMIT): BerthEvent[] {
  return mergeNewest(current, batch).slice(0, limit);
}

/** Appends an older page, skipping events the list already holds (pages can overlap). */
export function appendOlder(current: readonly BerthEvent[], page: readonly BerthEvent[]): BerthEvent[] {
  const known = new Set(current.map((event) => event.id));
  return [...current, ...page.filter((event) => !known.has(event.id))];
}

/** The cursor of the page after `events`: the oldest loaded, in the core's order (lastTimestamp, id). */
export function nextPageCursor(events: readonly BerthEvent[]): { lastTimestamp: number; id: number } | undefined {
  let oldest: BerthEvent | undefined;
  for (const event of events) {
    if (!oldest || event.lastTimestamp < oldest.lastTimestamp || (event.lastTimestamp === oldest.lastTimestamp && event.id < oldest.id)) oldest = event;
  }
  return oldest ? { lastTimestamp: oldest.lastTimestamp, id: oldest.id } : undefined;
}

/** What the Events screen's filter bar holds; empty strings mean "any". */
export interface EventFilters {
  type: '' | EventType;
  reason: string;
  pod: string;
}

export const noEventFilters: EventFilters = { type: '', reason: '', pod: '' };

/**
 * The listEvents/subscription query for the filters. The API matches exactly, so the text is
 * trimmed; a pod may be given as `namespace/name`.
 */
export function eventQueryFor(filters: EventFilters): EventQuery {
  const query: EventQuery = {};
  if (filters.type) query.type = filters.type;
  const reason = filters.reason.trim();
  if (reason) query.reason = reason;
  const pod = filters.pod.trim();
  if (pod) {
    const slash = pod.indexOf('/');
    if (slash > 0) {
      query.namespace = pod.slice(0, slash);
      query.podName = pod.slice(slash + 1);
    } else {
      query.podName = pod;
    }
  }
  return query;
}

export function hasFilters(filters: EventFilters): boolean {
  return Boolean(filters.type || filters.reason.trim() || filters.pod.trim());
}

const CONTAINER_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

/** The container an event is about (`spec.containers{main}` → main), if any. */
export function eventContainer(event: BerthEvent): string | undefined {
  return event.involvedObject.fieldPath?.match(CONTAINER_PATH)?.[1];
}

/** The OBJECT column: `pod/web`, with the container when the event is about one. */
export function objectLabel(event: BerthEvent): string {
  const { kind, name } = event.involvedObject;
  const container = eventContainer(event);
  const base = `${kind.toLowerCase()}/${name}`;
  return container ? `${base} (${container})` : base;
}

/** kubectl describe's FROM column (the component; current kubectl leaves the host out). */
export function sourceLabel(event: BerthEvent): string {
  return event.source.component;
}
