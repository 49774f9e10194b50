// The event list: a snapshot from listEvents, merged with the batches the subscription pushes
// (an aggregated event comes back with the same id and a higher count).
import type { BerthEvent } from '../../../src-main/api/types';

export const EVENT_LIST_LIMIT = 500;

/** Newest first; ties broken by id so the order is stable. */
function newestFirst(a: BerthEvent, b: BerthEvent): number {
  return b.lastTimestamp - a.lastTimestamp || b.id - a.id;
}

export function mergeEvents(current: BerthEvent[], batch: BerthEvent[], limit = EVENT_LIST_LIMIT): BerthEvent[] {
  const byId = new Map(current.map((event) => [event.id, event]));
  for (const event of batch) byId.set(event.id, event);
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}

/** The OBJECT column: `pod/web`, with the container when the event is about one. */
export function objectLabel(event: BerthEvent): string {
  const { kind, name, fieldPath } = event.involvedObject;
  const container = fieldPath?.match(/^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/)?.[1];
  const base = `${kind.toLowerCase()}/${name}`;
  return container ? `${base} (${container})` : base;
}
