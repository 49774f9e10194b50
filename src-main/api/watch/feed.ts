// Turns the store's committed writes into the watch cache's changes: each row converted to its
// Kubernetes object, with the object before the change (for selectors), and the synthesized
// Namespaces that appear with their first pod or object and go with their last. Holds only the
// current pods and objects (not events) and a count per namespace.
import type { ObjectRecord, StoreChange } from '../../store';
import type { PodRecord } from '../../model';
import { toPodObject } from '../pod-object';
import { BUILT_IN_NAMESPACES, toNamespaceObject } from '../kube-objects/cluster';
import { toEventObject } from '../kube-objects/event';
import { isNamespaced, type ApiObject, type ServedKind } from '../kube-objects/kinds';
import { toStoredObject } from '../kube-objects/stored';
import type { CachedChange } from './watch-cache';
import type { WatchEventType } from './ring';

const TYPES: Record<StoreChange['type'], WatchEventType> = { added: 'ADDED', modified: 'MODIFIED', deleted: 'DELETED' };

/** A namespace Berth synthesizes: when it appeared, and how many pods and objects hold it. */
export interface NamespaceEntry {
  count: number;
  createdAt: number;
  resourceVersion: number;
}

/** About what an entry costs to keep; an event's JSON is its message plus a few hundred bytes. */
function sizeOf(object: ApiObject): number {
  if (object.kind === 'Event') return 512 + String((object as { message?: unknown }).message ?? '').length;
  return JSON.stringify(object).length;
}

export class KubeFeed {
  private readonly current = new Map<string, ApiObject>();
  private readonly namespaces = new Map<string, NamespaceEntry>();

  /** `pods` and `objects`: what the store holds when the feed starts, at `startVersion`. */
  constructor(pods: readonly PodRecord[], objects: readonly ObjectRecord[], startVersion: number) {
    for (const pod of pods) {
      this.current.set(podKey(pod), toPodObject(pod));
      this.hold(pod.namespace, pod.createdAt, startVersion);
    }
    for (const record of objects) {
      this.current.set(objectKey(record), toStoredObject(record));
      if (isNamespaced(record.kind as ServedKind)) this.hold(record.namespace, record.createdAt, startVersion);
    }
  }

  /** The synthesized namespaces that hold something now (the built-in four are always there). */
  namespacesInUse(): ReadonlyMap<string, NamespaceEntry> {
    return this.namespaces;
  }

  convert(changes: readonly StoreChange[]): CachedChange[] {
    const out: CachedChange[] = [];
    for (const change of changes) {
      if (change.kind === 'Event') {
        const object = toEventObject(change.event);
        out.push({ kind: 'Event', type: TYPES[change.type], resourceVersion: change.resourceVersion, object, bytes: sizeOf(object) });
        continue;
      }
      const [kind, key, object, namespace, createdAt] =
        change.kind === 'Pod'
          ? (['Pod', podKey(change.record), toPodObject(change.record), change.record.namespace, change.record.createdAt] as const)
          : ([change.record.kind as ServedKind, objectKey(change.record), toStoredObject(change.record), change.record.namespace, change.record.createdAt] as const);
      const previous = this.current.get(key);
      if (change.type === 'deleted') this.current.delete(key);
      else this.current.set(key, object);
      const entry: CachedChange = { kind, type: TYPES[change.type], resourceVersion: change.resourceVersion, object, bytes: sizeOf(object) };
      if (previous && change.type === 'modified') entry.previous = previous;
      out.push(entry);
      if (isNamespaced(kind)) out.push(...this.namespaceChange(change.type, namespace, createdAt, change.resourceVersion));
    }
    return out;
  }

  private hold(namespace: string, createdAt: number, resourceVersion: number): NamespaceEntry | undefined {
    const entry = this.namespaces.get(namespace);
    if (entry) {
      entry.count += 1;
      entry.createdAt = Math.min(entry.createdAt, createdAt);
      return undefined;
    }
    const added = { count: 1, createdAt, resourceVersion };
    this.namespaces.set(namespace, added);
    return added;
  }

  private namespaceChange(type: StoreChange['type'], namespace: string, createdAt: number, resourceVersion: number): CachedChange[] {
    const builtIn = (BUILT_IN_NAMESPACES as readonly string[]).includes(namespace);
    if (type === 'added') {
      const added = this.hold(namespace, createdAt, resourceVersion);
      return added && !builtIn ? [this.namespaceEntry('ADDED', namespace, added)] : [];
    }
    const entry = type === 'deleted' ? this.namespaces.get(namespace) : undefined;
    if (!entry) return [];
    entry.count -= 1;
    if (entry.count > 0) return [];
    this.namespaces.delete(namespace);
    return builtIn ? [] : [this.namespaceEntry('DELETED', namespace, { ...entry, resourceVersion })];
  }

  private namespaceEntry(type: WatchEventType, name: string, at: NamespaceEntry): CachedChange {
    const object = toNamespaceObject(name, at);
    return { kind: 'Namespace', type, resourceVersion: at.resourceVersion, object, bytes: sizeOf(object) };
  }
}

function podKey(pod: PodRecord): string {
  return `Pod/${pod.uid}`;
}

function objectKey(record: ObjectRecord): string {
  return `${record.kind}/${record.namespace}/${record.name}`;
}
