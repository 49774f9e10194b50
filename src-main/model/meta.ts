// The Kubernetes objects Berth imports, with the Kubernetes API's own field names. They describe
// objects AFTER validation and defaulting: a field the API server always defaults (e.g.
// `imagePullPolicy`) is required here; everything else stays optional.
// This file: the pieces every kind shares.

/** A resource quantity as written (`100m`, `1Gi`, `0.5`); numbers are kept as numbers. */
export type Quantity = string | number;
/** Kubernetes IntOrString (ports: a number or a port name). */
export type IntOrString = number | string;

export interface ObjectMeta {
  name: string;
  /** Absent only on cluster-scoped objects (RuntimeClass). */
  namespace?: string;
  /** Never set by the importer: the app assigns it when the pod is applied. */
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface LocalObjectReference {
  name: string;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
