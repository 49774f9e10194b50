// Data shapes shared by the core, the CLI and the renderer (the renderer imports types only).

/** A problem found in imported YAML, positioned at the node it is about. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based line and column of the offending node (the key when the field is missing). */
  line: number;
  column: number;
  /** Field path as the Kubernetes API prints it, e.g. `spec.containers[0].lifecycle.postStart`. */
  path: string;
  message: string;
  /** Set when the problem is a Pod Security violation: which pod, the control, and what breaks it. */
  podSecurity?: { pod: string; control: string; detail: string };
}

export type EventType = 'Normal' | 'Warning';

/** What an event is about: a pod, or one container of it (`fieldPath: spec.containers{main}`). */
export interface InvolvedObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  fieldPath?: string;
}

/** One occurrence of an event, as a component reports it. Timestamps are epoch milliseconds. */
export interface EventInput {
  involvedObject: InvolvedObject;
  type: EventType;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  timestamp: number;
}

/** A stored event: occurrences with the same object, type, reason, message and source aggregated. */
export interface BerthEvent {
  id: number;
  involvedObject: InvolvedObject;
  type: EventType;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
}

export interface EventQuery {
  namespace?: string;
  podName?: string;
  podUid?: string;
  type?: EventType;
  reason?: string;
  /** Only events whose lastTimestamp is at or after this time. */
  since?: number;
  /** Newest first; at most this many (default 500). */
  limit?: number;
  /**
   * Paging: only events after this one in the list's order (newest lastTimestamp first, then
   * highest id) — pass the last event of the previous page.
   */
  before?: { lastTimestamp: number; id: number };
}

export type HookName = 'PostStart' | 'PreStop';
export type HookHandlerKind = 'exec' | 'httpGet' | 'sleep' | 'tcpSocket';

/** One execution of a lifecycle hook: what the kubelet throws away, Berth keeps. */
export interface HookRun {
  id: number;
  podUid: string;
  namespace: string;
  podName: string;
  container: string;
  /** The engine container the hook ran against. */
  containerId: string | null;
  hook: HookName;
  handler: HookHandlerKind;
  /** 1 for the first delivery, 2+ when re-delivered after a crash (at-least-once). */
  attempt: number;
  startedAt: number;
  finishedAt: number | null;
  exitCode: number | null;
  httpStatus: number | null;
  /** First 10 KiB of stdout+stderr or of the HTTP body. */
  output: string;
  error: string | null;
}

/** A pod as Berth keeps it: the applied (validated, defaulted) manifest and the observed status. */
export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  /** The defaulted Pod object (apiVersion, kind, metadata, spec) as applied. */
  manifest: Record<string, unknown>;
  /** The Kubernetes-shaped PodStatus. */
  status: Record<string, unknown>;
  createdAt: number;
  deletionTimestamp: number | null;
  /** The engine the pod runs on, once it has been placed on one. */
  engine: 'docker' | 'podman' | null;
}

/**
 * One stop of a container, with its termination timeline (epoch ms): when preStop ran, when the
 * stop signal and SIGKILL were sent, when the container exited.
 */
export interface ContainerStop {
  id: number;
  podUid: string;
  namespace: string;
  podName: string;
  container: string;
  containerId: string;
  /** Why: `Delete`, `PostStartHookError`, `LivenessProbe`, `StartupProbe`, `PodCompleted`, `SandboxChanged`, `Shutdown`. */
  reason: string;
  gracePeriodMs: number;
  startedAt: number;
  preStopStartedAt: number | null;
  preStopFinishedAt: number | null;
  signal: string | null;
  signalAt: number | null;
  killAt: number | null;
  exitedAt: number | null;
  exitCode: number | null;
}
