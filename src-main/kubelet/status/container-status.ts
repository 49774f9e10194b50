// Observed engine containers → Kubernetes ContainerStatus objects: the kubelet's
// convertToAPIContainerStatuses (pkg/kubelet/kubelet_pods.go), minus its recovery paths for
// statuses lost across kubelet restarts (Berth rebuilds its records from engine labels).
import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, ContainerTerminatedReason, ContainerWaitingReason, PodRestartPolicy, PodSpec } from '../../model';
import { rfc3339 } from '../../model';
import { lastRunOf, shouldRestart } from '../restart/should-restart';
import { effectiveExitCode, effectiveState, instancesOf } from './observed';
import type { ContainerKind, EngineName, ObservedContainer, ObservedPod, WaitingOverride } from './observed';

/** Waiting reasons the kubelet uses for containers not yet created (kubelet_pods.go). */
export const CONTAINER_CREATING: ContainerWaitingReason = 'ContainerCreating';
export const POD_INITIALIZING: ContainerWaitingReason = 'PodInitializing';

export interface ContainerStatusContext {
  engine: EngineName;
  restartPolicy: PodRestartPolicy;
  /** Pods with init containers show `PodInitializing` rather than `ContainerCreating` for containers not yet created. */
  hasInitContainers: boolean;
  podDeleting?: boolean;
  /** The last published statuses by name: a container with no instance left keeps what they say. */
  previous?: ReadonlyMap<string, ContainerStatus>;
}

/** `docker://<id>` / `podman://<id>`: the kubelet prints `<runtime>://<id>` (kubecontainer.ContainerID.String). */
export function containerID(engine: EngineName, engineId: string): string {
  return `${engine}://${engineId}`;
}

/**
 * The terminated reason. The CRI shims for Docker report OOMKilled first, then
 * ContainerCannotRun for a start that failed (Docker's State.Error), then Completed for exit 0,
 * else Error.
 */
export function terminatedReason(instance: ObservedContainer): ContainerTerminatedReason {
  if (instance.oomKilled) return 'OOMKilled';
  if (instance.startError) return 'ContainerCannotRun';
  return effectiveExitCode(instance) === 0 ? 'Completed' : 'Error';
}

function terminatedState(instance: ObservedContainer, engine: EngineName): ContainerStateTerminated {
  // convertToKubeContainerStatus: the runtime's message, then ": " and the termination message.
  const message = [instance.startError, instance.terminationMessage].filter((m) => m).join(': ');
  const startedAt = instance.startedAt ?? instance.createdAt;
  const finishedAt = instance.finishedAt ?? startedAt;
  return {
    exitCode: effectiveExitCode(instance),
    ...(instance.signal !== undefined ? { signal: instance.signal } : {}),
    reason: terminatedReason(instance),
    ...(message ? { message } : {}),
    ...(startedAt !== undefined ? { startedAt: rfc3339(startedAt) } : {}),
    ...(finishedAt !== undefined ? { finishedAt: rfc3339(finishedAt) } : {}),
    containerID: containerID(engine, instance.engineId),
  };
}

/** convertContainerStatus: running → running, created → waiting {}, exited → terminated. */
export function instanceState(instance: ObservedContainer, engine: EngineName): ContainerState {
  switch (effectiveState(instance)) {
    case 'running':
      return { running: { startedAt: rfc3339(instance.startedAt ?? instance.createdAt ?? 0) } };
    case 'created':
      return { waiting: {} };
    case 'exited':
      return { terminated: terminatedState(instance, engine) };
  }
}

/**
 * The probe manager's readiness (prober_manager.go UpdatePodStatus): a regular init container
 * is ready once it exited 0; any other container while running and its readiness probe passes
 * (ready at once without a readiness probe).
 */
function isReady(container: Container, kind: ContainerKind, latest: ObservedContainer): boolean {
  const state = effectiveState(latest);
  if (kind === 'init') return state === 'exited' && effectiveExitCode(latest) === 0;
  return state === 'running' && (latest.ready ?? !container.readinessProbe);
}

/**
 * One container's status. The newest instance gives `state`, the one before it `lastState`
 * (the kubelet looks at two per name). A waiting override replaces the state — and moves a
 * terminated state to `lastState` — unless the container exited and will not be restarted,
 * as in the last loop of convertToAPIContainerStatuses.
 */
export function containerStatus(
  container: Container,
  kind: ContainerKind,
  instances: readonly ObservedContainer[],
  override: WaitingOverride | undefined,
  ctx: ContainerStatusContext,
): ContainerStatus {
  const [latest, previous] = instances;
  const defaultWaiting = { reason: ctx.hasInitContainers ? POD_INITIALIZING : CONTAINER_CREATING };
  const old = ctx.previous?.get(container.name);
  // No instance left (removed with a re-created sandbox): as convertToAPIContainerStatuses does,
  // a terminated old status stays whole, and any other lends its count and last state.
  if (!latest && old?.state.terminated) return old;
  const status: ContainerStatus = latest
    ? {
        name: container.name,
        state: instanceState(latest, ctx.engine),
        lastState: previous ? instanceState(previous, ctx.engine) : {},
        ready: isReady(container, kind, latest),
        started: effectiveState(latest) === 'running' && (latest.started ?? !container.startupProbe),
        restartCount: latest.attempt,
        image: latest.image ?? container.image,
        imageID: latest.imageID ?? '',
        containerID: containerID(ctx.engine, latest.engineId),
      }
    : {
        name: container.name,
        state: { waiting: defaultWaiting },
        lastState: old?.lastState ?? {},
        ready: false,
        started: false,
        restartCount: old?.restartCount ?? 0,
        image: container.image,
        imageID: '',
      };
  if (!override) return status;
  const last = lastRunOf(latest);
  const willRun = last?.state === 'running' || shouldRestart(ctx.restartPolicy, last, kind, ctx.podDeleting);
  if (!willRun) return status;
  return {
    ...status,
    lastState: status.state.terminated ? status.state : status.lastState,
    state: { waiting: { reason: override.reason, ...(override.message ? { message: override.message } : {}) } },
    ready: false,
    started: false,
  };
}

export interface ContainerStatusLists {
  initContainerStatuses: ContainerStatus[];
  containerStatuses: ContainerStatus[];
}

/** Both lists: init containers in spec order (SortStatusesOfInitContainers), app containers by name (SortedContainerStatuses). */
export function containerStatusLists(
  spec: PodSpec,
  observed: ObservedPod,
  podDeleting = false,
  previous: readonly ContainerStatus[] = [],
): ContainerStatusLists {
  const initContainers = spec.initContainers ?? [];
  const ctx: ContainerStatusContext = {
    engine: observed.engine,
    restartPolicy: spec.restartPolicy,
    hasInitContainers: initContainers.length > 0,
    podDeleting,
    previous: new Map(previous.map((s) => [s.name, s])),
  };
  const statusOf = (c: Container, kind: ContainerKind): ContainerStatus =>
    containerStatus(c, kind, instancesOf(observed.containers, c.name), observed.waiting?.[c.name], ctx);
  return {
    initContainerStatuses: initContainers.map((c) => statusOf(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init')),
    containerStatuses: spec.containers
      .map((c) => statusOf(c, 'app'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
