// What the BerthApi methods return. Plain data (JSON-safe), shared with the renderer as types.
import type { Diagnostic, PodSpec, RecordedPodStatus, StoredPod } from '../model';

export interface ObjectRef {
  kind: string;
  /** '' for cluster-scoped objects (RuntimeClass). */
  namespace: string;
  name: string;
}

export interface ValidateResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  objects: ObjectRef[];
}

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface ApplyResult {
  applied: (ObjectRef & { action: ApplyAction })[];
  warnings: Diagnostic[];
}

/** One row of the pod list, as `kubectl get pods` shows it. */
export interface PodSummary {
  uid: string;
  namespace: string;
  name: string;
  /** "1/2": ready containers / containers. */
  ready: string;
  /** kubectl's STATUS column: the phase or the most telling container reason. */
  status: string;
  restarts: number;
  /** Epoch ms of the last container restart, for "3 (5m ago)". */
  lastRestartAt: number | null;
  createdAt: number;
  podIP: string | null;
  node: string | null;
  engine: 'docker' | 'podman' | null;
  terminating: boolean;
}

/** A pod in the Kubernetes object shape (apiVersion, kind, metadata, spec, status). */
export interface PodObject {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: StoredPod['metadata'] & {
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    deletionTimestamp?: string;
  };
  spec: PodSpec;
  status: RecordedPodStatus;
}

/** A piece of a followed log; the last push has `end: true` (and `error` when it failed). */
export interface LogChunk {
  text: string;
  end?: boolean;
  error?: string;
}

export type PodChange =
  | { type: 'upserted'; pod: PodSummary }
  | { type: 'removed'; uid: string; namespace: string; name: string };

export interface EngineStatus {
  connected: boolean;
  kind: 'docker' | 'podman' | null;
  version: string | null;
  apiVersion: string | null;
  /** Where Berth looked or connected: a socket path or DOCKER_HOST URL. */
  socket: string | null;
  os: string | null;
  arch: string | null;
  runtimes: string[];
  /** Why it is not connected, and how to fix it. */
  error: string | null;
  hint: string | null;
}

export type ApiErrorCode =
  | 'Invalid' // input YAML failed validation: see diagnostics
  | 'PodSecurityViolation' // a pod breaks Pod Security "baseline" and `allowPrivileged` was not given: see diagnostics
  | 'BadRequest' // payload did not match the method's schema
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'EngineUnavailable'
  | 'NotConnected'
  | 'Internal';

/** How an API error travels over IPC and the socket. */
export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  diagnostics?: Diagnostic[];
}
