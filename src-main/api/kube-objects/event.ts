// Berth's aggregated events as core/v1 Events, the shape `kubectl describe` and `kubectl get
// events` read. Names follow the kubelet's `<object>.<hex>` form (pkg/client/record: event.go
// makes them from the object name and a timestamp); here the hex is the event's id, so a name
// leads back to its row. Pure.
import type { BerthEvent } from '../../model';
import { rfc3339 } from '../../model';
import { API_VERSIONS, type ApiObjectWithFields, type ServedKind } from './kinds';
import { objectMeta, stableUid } from './meta';

const ID_DIGITS = 16;

export function eventName(event: Pick<BerthEvent, 'id' | 'involvedObject'>): string {
  return `${event.involvedObject.name}.${event.id.toString(16).padStart(ID_DIGITS, '0')}`;
}

/** The event id a name made by eventName carries, or undefined. */
export function eventIdFromName(name: string): number | undefined {
  const match = /\.([0-9a-f]{16})$/.exec(name);
  if (!match) return undefined;
  const id = parseInt(match[1]!, 16);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Events about cluster-scoped objects (the node) live in `default`, as the kubelet records them. */
export function eventNamespace(event: Pick<BerthEvent, 'involvedObject'>): string {
  return event.involvedObject.namespace || 'default';
}

export function toEventObject(event: BerthEvent): ApiObjectWithFields {
  const o = event.involvedObject;
  const involvedObject: Record<string, string> = {
    kind: o.kind,
    apiVersion: API_VERSIONS[o.kind as ServedKind] ?? 'v1',
    name: o.name,
    uid: o.uid,
  };
  if (o.namespace) involvedObject.namespace = o.namespace;
  if (o.fieldPath !== undefined) involvedObject.fieldPath = o.fieldPath;
  const source: Record<string, string> = { component: event.source.component };
  if (event.source.host) source.host = event.source.host;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: objectMeta(undefined, {
      name: eventName(event),
      namespace: eventNamespace(event),
      uid: stableUid(`event/${o.uid}/${event.id}`),
      resourceVersion: event.resourceVersion,
      createdAt: event.firstTimestamp,
    }),
    involvedObject,
    reason: event.reason,
    message: event.message,
    source,
    firstTimestamp: rfc3339(event.firstTimestamp),
    lastTimestamp: rfc3339(event.lastTimestamp),
    count: event.count,
    type: event.type,
    eventTime: null,
    reportingComponent: event.source.component,
    reportingInstance: event.source.host ?? '',
  };
}
