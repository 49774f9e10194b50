// get and list of every served kind, as the API server answers them: Kubernetes objects, lists
// with the resourceVersion of the read, limit/continue, and the selector seam's `matches`.
import type { EventQuery } from '../model';
import { MAX_EVENT_LIMIT, type Store } from '../store';
import { ApiError } from './errors';
import { BUILT_IN_NAMESPACES, namespaceNames, toNamespaceObject, toNodeObject, type NodeFacts } from './kube-objects/cluster';
import { eventIdFromName, eventNamespace, toEventObject } from './kube-objects/event';
import { API_VERSIONS, isNamespaced, isStoredObjectKind, type ApiObject, type ServedKind } from './kube-objects/kinds';
import { toStoredObject } from './kube-objects/stored';
import { decodeContinue, encodeContinue, pageByKey, type ContinueToken, type Page } from './kube-paging';
import type { CompiledSelector } from './kube-selectors';
import { toPodObject } from './pod-object';
import type { NamespaceEntry } from './watch/feed';

export interface KubeList {
  apiVersion: string;
  /** `PodList`, `EventList`…, as the API server names a list of the kind. */
  kind: string;
  /** The store's counter when the read was made (the first page's, on a continued list). */
  resourceVersion: string;
  items: ApiObject[];
  continue?: string;
  remainingItemCount?: number;
}

export interface ListOptions {
  namespace?: string | undefined;
  limit?: number | undefined;
  continue?: string | undefined;
  selector?: CompiledSelector | undefined;
}

export interface KubeReadDeps {
  store: Store;
  /** The synthesized namespaces holding something (the watch feed keeps them). */
  namespaces: () => ReadonlyMap<string, NamespaceEntry>;
  /** The node as it is now (asks the engine). */
  nodeFacts: () => Promise<NodeFacts>;
  /** When the built-in namespaces came to be (the node's creation), and their version. */
  builtIn: { createdAt: number; resourceVersion: number };
}

/** The API server's resource names, for its NotFound message (`pods "x" not found`). */
const RESOURCES: Readonly<Record<ServedKind, string>> = {
  Pod: 'pods',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Service: 'services',
  RuntimeClass: 'runtimeclasses.node.k8s.io',
  Namespace: 'namespaces',
  Node: 'nodes',
  Event: 'events',
};

export function notFound(kind: ServedKind, name: string): ApiError {
  return new ApiError('NotFound', `${RESOURCES[kind]} "${name}" not found`);
}

const keyOf = (object: ApiObject) => `${object.metadata.namespace ?? ''}\u0000${object.metadata.name}`;
const byKey = (a: ApiObject, b: ApiObject) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);

export class KubeReads {
  constructor(private readonly deps: KubeReadDeps) {}

  async get(kind: ServedKind, namespace: string | undefined, name: string): Promise<ApiObject> {
    const ns = isNamespaced(kind) ? (namespace ?? 'default') : undefined;
    const found = await this.find(kind, ns, name);
    if (!found) throw notFound(kind, name);
    return found;
  }

  async list(kind: ServedKind, options: ListOptions = {}): Promise<KubeList> {
    const token = options.continue ? decodeContinue(options.continue) : undefined;
    const rv = token?.rv ?? this.deps.store.resourceVersion();
    const ns = isNamespaced(kind) ? options.namespace : undefined;
    const page = kind === 'Event' ? this.eventPage(ns, rv, options, token) : pageByKey(await this.all(kind, ns, options), keyOf, rv, options.limit, token);
    const list: KubeList = { apiVersion: API_VERSIONS[kind], kind: `${kind}List`, resourceVersion: String(rv), items: page.items };
    if (page.continue !== undefined) list.continue = page.continue;
    if (page.remainingItemCount !== undefined) list.remainingItemCount = page.remainingItemCount;
    return list;
  }

  /** Every object of `kind` (in `namespace`), sorted, selected. */
  async all(kind: ServedKind, namespace: string | undefined, options: ListOptions = {}): Promise<ApiObject[]> {
    const items = kind === 'Node' ? [toNodeObject(await this.deps.nodeFacts())] : this.current(kind, namespace);
    const selector = options.selector;
    return (selector ? items.filter((o) => selector.matches(o)) : items).sort(byKey);
  }

  /**
   * What exists now, read at once (no await: nothing can change in between), for a watch from
   * now; the node needs the engine and is not here. Events: the newest page, oldest first.
   */
  current(kind: Exclude<ServedKind, 'Node'>, namespace: string | undefined): ApiObject[] {
    const { store } = this.deps;
    if (kind === 'Pod') return latestByName(store.listPods(namespace, { includeDeleting: true }).map(toPodObject));
    if (isStoredObjectKind(kind)) return store.listObjects(kind, namespace).map((record) => toStoredObject(record));
    if (kind === 'Namespace') return namespaceNames(this.deps.namespaces().keys()).map((name) => this.namespace(name)!);
    return store.listEvents({ ...(namespace ? { namespace } : {}), limit: MAX_EVENT_LIMIT }).reverse().map(toEventObject);
  }

  private async find(kind: ServedKind, namespace: string | undefined, name: string): Promise<ApiObject | undefined> {
    const { store } = this.deps;
    if (kind === 'Pod') {
      const record = store.getPod(namespace!, name);
      return record && toPodObject(record);
    }
    if (isStoredObjectKind(kind)) {
      const record = store.getObject(kind, namespace ?? '', name);
      return record && toStoredObject(record);
    }
    if (kind === 'Namespace') return this.namespace(name);
    if (kind === 'Node') {
      const node = toNodeObject(await this.deps.nodeFacts());
      return node.metadata.name === name ? node : undefined;
    }
    const id = eventIdFromName(name);
    const event = id === undefined ? undefined : store.getEvent(id);
    return event && eventNamespace(event) === namespace && toEventObject(event).metadata.name === name ? toEventObject(event) : undefined;
  }

  private namespace(name: string): ApiObject | undefined {
    const held = this.deps.namespaces().get(name);
    if (held) return toNamespaceObject(name, held);
    return (BUILT_IN_NAMESPACES as readonly string[]).includes(name) ? toNamespaceObject(name, this.deps.builtIn) : undefined;
  }

  /**
   * Events straight from the store: there may be a million. The selector's involvedObject /
   * reason / type equalities narrow the query; an unlimited list stops at the store's maximum
   * page and says where to continue. Pages walk back from the newest; within a page the events
   * come oldest first, as a cluster lists them (kubectl describe keeps that order for events of
   * the same second).
   */
  private eventPage(namespace: string | undefined, rv: number, options: ListOptions, token: ContinueToken | undefined): Page<ApiObject> {
    const limit = Math.min(options.limit ?? MAX_EVENT_LIMIT, MAX_EVENT_LIMIT);
    const query: EventQuery = { ...eventPushdown(options.selector), limit };
    if (namespace) query.namespace = namespace;
    if (token?.before) query.before = token.before;
    const events = this.deps.store.listEvents(query);
    const selector = options.selector;
    const items = events.map(toEventObject).filter((o) => !selector || selector.matches(o)).reverse();
    const last = events[events.length - 1];
    if (events.length < limit || !last) return { items };
    return { items, continue: encodeContinue({ rv, before: { lastTimestamp: last.lastTimestamp, id: last.id } }) };
  }
}

/** What of a selector the event store can filter by itself. */
function eventPushdown(selector: CompiledSelector | undefined): EventQuery {
  const fields = selector?.fieldEqualities ?? {};
  const query: EventQuery = {};
  if (fields['involvedObject.uid']) query.podUid = fields['involvedObject.uid'];
  if (fields['involvedObject.namespace']) query.namespace = fields['involvedObject.namespace'];
  if (fields['involvedObject.name'] && fields['involvedObject.kind'] === 'Pod') query.podName = fields['involvedObject.name'];
  if (fields.reason) query.reason = fields.reason;
  if (fields.type === 'Normal' || fields.type === 'Warning') query.type = fields.type;
  return query;
}

/**
 * A pod name re-applied while its old pod still terminates is two rows in Berth; the API has one
 * object per name: the one a get returns (the live pod, else the newest terminating one).
 */
function latestByName(pods: ApiObject[]): ApiObject[] {
  const chosen = new Map<string, ApiObject>();
  for (const pod of pods) {
    const key = keyOf(pod);
    const held = chosen.get(key);
    if (!held || preferred(pod, held)) chosen.set(key, pod);
  }
  return [...chosen.values()];
}

function preferred(candidate: ApiObject, held: ApiObject): boolean {
  const live = (o: ApiObject) => o.metadata.deletionTimestamp === undefined;
  if (live(candidate) !== live(held)) return live(candidate);
  return candidate.metadata.creationTimestamp > held.metadata.creationTimestamp;
}
