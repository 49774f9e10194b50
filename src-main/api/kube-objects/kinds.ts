// The kinds the core serves as Kubernetes objects, their group/version and scope, and the shape
// every converted object has. Pure.

export const SERVED_KINDS = ['Pod', 'ConfigMap', 'Secret', 'Service', 'RuntimeClass', 'Namespace', 'Node', 'Event'] as const;
export type ServedKind = (typeof SERVED_KINDS)[number];

/** Kinds Berth stores in its objects table (the rest are pods, events, or synthesized). */
export const STORED_OBJECT_KINDS = ['ConfigMap', 'Secret', 'Service', 'RuntimeClass'] as const;
export type StoredObjectKind = (typeof STORED_OBJECT_KINDS)[number];

export const API_VERSIONS: Readonly<Record<ServedKind, string>> = {
  Pod: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Service: 'v1',
  RuntimeClass: 'node.k8s.io/v1',
  Namespace: 'v1',
  Node: 'v1',
  Event: 'v1',
};

const CLUSTER_SCOPED: ReadonlySet<ServedKind> = new Set<ServedKind>(['RuntimeClass', 'Namespace', 'Node']);

export function isNamespaced(kind: ServedKind): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

export function isStoredObjectKind(kind: string): kind is StoredObjectKind {
  return (STORED_OBJECT_KINDS as readonly string[]).includes(kind);
}

/** metadata as the API server returns it: what the user set, plus the fields the server owns. */
export interface ApiObjectMeta {
  name: string;
  /** Absent on cluster-scoped kinds. */
  namespace?: string;
  uid: string;
  /** The store's counter at this object's last write, as a decimal string (opaque to clients). */
  resourceVersion: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Any object the core serves: apiVersion, kind, metadata; the kind's own fields are the door's to read. */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ApiObjectMeta;
}

/** A converted object with its kind's own fields (spec, status, data…). */
export type ApiObjectWithFields = ApiObject & Record<string, unknown>;
