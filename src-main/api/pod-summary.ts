// The pod list row as kubectl computes it (printPod in kubectl's printers.go): READY, STATUS,
// RESTARTS. Pure: a function of the stored pod record.
import type { PodSummary } from './results';
import type { PodRecord } from '../model';

interface ContainerStateLike {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateLike;
  lastState?: ContainerStateLike;
}

interface PodStatusLike {
  phase?: string;
  reason?: string;
  podIP?: string;
  conditions?: { type: string; status: string }[];
  initContainerStatuses?: ContainerStatusLike[];
  containerStatuses?: ContainerStatusLike[];
}

interface PodSpecLike {
  nodeName?: string;
  containers?: { name: string }[];
  initContainers?: { name: string; restartPolicy?: string }[];
}

function terminatedReason(t: NonNullable<ContainerStateLike['terminated']>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

function finishedAt(status: ContainerStatusLike): number {
  const at = status.lastState?.terminated?.finishedAt;
  return at ? Date.parse(at) : 0;
}

function conditionTrue(status: PodStatusLike, type: string): boolean {
  return (status.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Reads only what it needs, and tolerates what is missing, as kubectl's printer does. */
export function summarizePod(record: PodRecord<{ spec: PodSpecLike }, PodStatusLike>): PodSummary {
  const spec = record.manifest.spec;
  const status = record.status;
  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));

  let total = (spec.containers ?? []).length + sidecars.size;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason = status.reason || status.phase || 'Pending';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, c] of initStatuses.entries()) {
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(c));
    const isSidecar = sidecars.has(c.name);
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${index}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (record.deletionTimestamp !== null && !terminal) reason = 'Terminating';
  if (total === 0) total = (spec.containers ?? []).length;

  return {
    uid: record.uid,
    namespace: record.namespace,
    name: record.name,
    ready: `${ready}/${total}`,
    status: reason,
    restarts,
    lastRestartAt: lastRestart > 0 ? lastRestart : null,
    createdAt: record.createdAt,
    podIP: status.podIP ?? null,
    node: spec.nodeName ?? null,
    engine: record.engine,
    terminating: record.deletionTimestamp !== null,
  };
}
