// A pod's READY, STATUS and RESTARTS as kubectl and the API server's table printer compute them
// (printPod in pkg/printers/internalversion/printers.go, sidecars included). The one place for
// that rule: Berth's pod list (api/pod-summary.ts) and the Kubernetes API's Table both use it.
// Pure: reads only what it needs of a Kubernetes-shaped spec and status, tolerating what is missing.

interface ContainerStateLike {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateLike;
  lastState?: ContainerStateLike;
}

export interface PodStatusLike {
  phase?: string;
  reason?: string;
  podIP?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  initContainerStatuses?: ContainerStatusLike[];
  containerStatuses?: ContainerStatusLike[];
}

export interface PodSpecLike {
  nodeName?: string;
  containers?: { name: string }[];
  initContainers?: { name: string; restartPolicy?: string }[];
}

export interface PodColumns {
  /** "ready/total" */
  ready: string;
  status: string;
  restarts: number;
  /** When the last restart's container finished (ms), null when none did. */
  lastRestartAt: number | null;
}

// pkg/util/node: the reason the node lifecycle controller gives a pod whose node is gone.
const NODE_UNREACHABLE_REASON = 'NodeLost';

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

/** `deleting`: the pod has a deletionTimestamp. */
export function podColumns(spec: PodSpecLike, status: PodStatusLike, deleting: boolean): PodColumns {
  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));

  let total = (spec.containers ?? []).length + sidecars.size;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason = status.reason || status.phase || 'Pending';
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

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
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && !terminal) reason = 'Terminating';
  if (total === 0) total = (spec.containers ?? []).length;

  return { ready: `${ready}/${total}`, status: reason, restarts, lastRestartAt: lastRestart > 0 ? lastRestart : null };
}
