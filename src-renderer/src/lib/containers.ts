// A pod's containers as the detail screen shows them: each spec container joined with its
// status, and its state put into words and a tone, as `kubectl describe pod` does.
import type { PodObject } from '../../../src-main/api/results';
import type { ContainerState, ContainerStatus, PodStatus } from '../../../src-main/model';
import type { StatusTone } from './pods';

/** The parts of a container spec the UI shows. */
export interface ContainerSpecView {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  lifecycle?: { postStart?: Record<string, unknown>; preStop?: Record<string, unknown> };
  restartPolicy?: string;
}

export interface PodSpecView {
  containers: ContainerSpecView[];
  initContainers?: ContainerSpecView[];
  terminationGracePeriodSeconds?: number;
  restartPolicy?: string;
  nodeName?: string;
}

export interface ContainerView {
  name: string;
  kind: 'init' | 'app';
  spec: ContainerSpecView;
  status: ContainerStatus | undefined;
}

/** The kubelet's default when a pod does not say. */
export const DEFAULT_GRACE_SECONDS = 30;

export function podSpec(pod: PodObject): PodSpecView {
  const spec = pod.spec as Partial<PodSpecView>;
  return { ...spec, containers: spec.containers ?? [] };
}

export function podStatus(pod: PodObject): Partial<PodStatus> {
  return pod.status;
}

export function graceSecondsOf(pod: PodObject): number {
  return podSpec(pod).terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
}

/** Init containers first, then app containers, each with its status (missing until it is created). */
export function containerViews(pod: PodObject): ContainerView[] {
  const spec = podSpec(pod);
  const status = podStatus(pod);
  const join = (kind: ContainerView['kind'], specs: ContainerSpecView[] | undefined, statuses: ContainerStatus[] | undefined) =>
    (specs ?? []).map((container) => ({ name: container.name, kind, spec: container, status: statuses?.find((s) => s.name === container.name) }));
  return [...join('init', spec.initContainers, status.initContainerStatuses), ...join('app', spec.containers, status.containerStatuses)];
}

export interface StateSummary {
  /** Running, Waiting or Terminated, as describe prints `State:`. */
  state: 'Running' | 'Waiting' | 'Terminated' | 'Unknown';
  /** The reason shown on the badge: CrashLoopBackOff, Completed, Error… */
  label: string;
  reason: string | null;
  message: string | null;
  exitCode: number | null;
  signal: number | null;
  /** Epoch ms the state began (started, finished), when known. */
  since: number | null;
  tone: StatusTone;
}

export function parseTime(value: string | undefined | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function describeState(state: ContainerState | undefined): StateSummary {
  const empty = { reason: null, message: null, exitCode: null, signal: null, since: null };
  if (state?.running) return { ...empty, state: 'Running', label: 'Running', since: parseTime(state.running.startedAt), tone: 'ok' };
  if (state?.terminated) {
    const t = state.terminated;
    const reason = t.reason ?? null;
    return {
      state: 'Terminated',
      label: reason ?? `Exit code ${t.exitCode}`,
      reason,
      message: t.message ?? null,
      exitCode: t.exitCode,
      signal: t.signal ?? null,
      since: parseTime(t.finishedAt),
      tone: t.exitCode === 0 ? 'done' : 'bad',
    };
  }
  if (state?.waiting) {
    const reason = state.waiting.reason ?? null;
    const starting = reason === null || reason === 'ContainerCreating' || reason === 'PodInitializing';
    return { ...empty, state: 'Waiting', label: reason ?? 'Waiting', reason, message: state.waiting.message ?? null, tone: starting ? 'progress' : 'bad' };
  }
  return { ...empty, state: 'Unknown', label: 'Not created yet', tone: 'progress' };
}

/** `exec: [sh -c …]`, `httpGet: GET :8080/shutdown`, `sleep: 5s`: a hook handler in one line. */
export function handlerSummary(handler: Record<string, unknown> | undefined): string | null {
  if (!handler) return null;
  const exec = handler.exec as { command?: string[] } | undefined;
  if (exec) return `exec: ${(exec.command ?? []).join(' ')}`;
  const http = handler.httpGet as { path?: string; port?: string | number; scheme?: string; host?: string } | undefined;
  if (http) return `httpGet: ${http.scheme ?? 'HTTP'} ${http.host ?? ''}:${http.port ?? ''}${http.path ?? '/'}`;
  const sleep = handler.sleep as { seconds?: number } | undefined;
  if (sleep) return `sleep: ${sleep.seconds ?? 0}s`;
  const tcp = handler.tcpSocket as { port?: string | number } | undefined;
  if (tcp) return `tcpSocket: :${tcp.port ?? ''}`;
  return Object.keys(handler)[0] ?? null;
}

/**
 * The pod's STATUS in one word, as `kubectl get pod` would print it from the object:
 * Terminating, a telling container reason (CrashLoopBackOff, Error…), or the phase.
 */
export function podStatusLabel(pod: PodObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const status = podStatus(pod);
  if (status.reason) return status.reason;
  for (const container of [...(status.containerStatuses ?? [])].reverse()) {
    const reason = container.state.waiting?.reason ?? container.state.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  return status.phase ?? 'Pending';
}

/** The grace period a deletion in progress was given (null when the pod is not being deleted). */
export function deletionGraceSeconds(pod: PodObject): number | null {
  if (!pod.metadata.deletionTimestamp) return null;
  const given = pod.metadata.deletionGracePeriodSeconds;
  return typeof given === 'number' ? given : graceSecondsOf(pod);
}
