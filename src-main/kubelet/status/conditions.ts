// The kubelet-owned pod conditions: a port of pkg/kubelet/status/generate.go, with
// lastTransitionTime kept as the status manager does (updateLastTransitionTime in
// status_manager.go: the old time survives while the condition's status is unchanged).
import type { ContainerStatus, PodCondition, PodConditionType, PodPhase, PodSpec } from '../../model';
import { rfc3339 } from '../../model';

// Reasons (generate.go).
export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
export const POD_COMPLETED = 'PodCompleted';
export const POD_FAILED = 'PodFailed';
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';

/** A condition before its time is stamped. */
export interface ConditionValue {
  type: PodConditionType;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

/** Go's `%s` of a []string: `[a b]`. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}

function condition(type: PodConditionType, status: 'True' | 'False', reason?: string, message?: string): ConditionValue {
  return { type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

/** GenerateContainersReadyCondition: every app container and every sidecar is ready. */
export function containersReadyCondition(
  spec: PodSpec,
  statuses: readonly ContainerStatus[],
  phase: PodPhase,
): ConditionValue {
  const unknown: string[] = [];
  const unready: string[] = [];
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const container of [...sidecars, ...spec.containers]) {
    const status = statuses.find((s) => s.name === container.name);
    if (!status) unknown.push(container.name);
    else if (!status.ready) unready.push(container.name);
  }
  // generateContainersReadyConditionForTerminalPhase
  if (phase === 'Succeeded' && unknown.length === 0) return condition('ContainersReady', 'False', POD_COMPLETED);
  if (phase === 'Failed') return condition('ContainersReady', 'False', POD_FAILED);
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length > 0) return condition('ContainersReady', 'False', CONTAINERS_NOT_READY, messages.join(', '));
  return condition('ContainersReady', 'True');
}

/** GeneratePodReadyCondition: ContainersReady's status, reason and message (Berth has no readiness gates). */
export function podReadyCondition(spec: PodSpec, statuses: readonly ContainerStatus[], phase: PodPhase): ConditionValue {
  const containersReady = containersReadyCondition(spec, statuses, phase);
  return { ...containersReady, type: 'Ready' };
}

/** HasAnyRegularContainerStarted: an app container is running or has terminated. */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  const names = new Set(spec.containers.map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (s.state.running !== undefined || s.state.terminated !== undefined));
}

/**
 * GeneratePodInitializedCondition: every regular init container completed (ready) and every
 * sidecar started — or an app container already started, so the pod was initialised before.
 */
export function initializedCondition(
  spec: PodSpec,
  statuses: readonly ContainerStatus[],
  phase: PodPhase,
): ConditionValue {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const container of spec.initContainers ?? []) {
    const status = statuses.find((s) => s.name === container.name);
    if (!status) unknown.push(container.name);
    else if (!isInitContainerInitialized(container.restartPolicy === 'Always', status)) incomplete.push(container.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return condition('Initialized', 'True', POD_COMPLETED);
  if (hasAnyRegularContainerStarted(spec, statuses)) return condition('Initialized', 'True');
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length > 0) {
    return condition('Initialized', 'False', CONTAINERS_NOT_INITIALIZED, messages.join(', '));
  }
  return condition('Initialized', 'True');
}

/**
 * isInitContainerInitialized: a sidecar must have started; a regular init container must be
 * ready, which the probe manager sets for an init container that exited 0.
 */
function isInitContainerInitialized(sidecar: boolean, status: ContainerStatus): boolean {
  return sidecar ? status.started : status.ready;
}

/** GeneratePodReadyToStartContainersCondition: the sandbox exists with its network set up. */
export function readyToStartContainersCondition(sandboxReady: boolean): ConditionValue {
  return condition('PodReadyToStartContainers', sandboxReady ? 'True' : 'False');
}

/** updateLastTransitionTime: keep the old time while the status is unchanged, else now. */
export function stampCondition(value: ConditionValue, previous: readonly PodCondition[] | undefined, now: number): PodCondition {
  const old = previous?.find((c) => c.type === value.type);
  const lastTransitionTime = old && old.status === value.status ? old.lastTransitionTime : rfc3339(now);
  return { type: value.type, status: value.status, lastProbeTime: null, lastTransitionTime, ...pick(value) };
}

function pick(value: ConditionValue): Pick<PodCondition, 'reason' | 'message'> {
  return { ...(value.reason ? { reason: value.reason } : {}), ...(value.message ? { message: value.message } : {}) };
}

export interface ConditionsInput {
  spec: PodSpec;
  /** Init and app container statuses. */
  statuses: readonly ContainerStatus[];
  phase: PodPhase;
  sandboxReady: boolean;
  previous?: readonly PodCondition[];
  now: number;
}

/** The conditions in generateAPIPodStatus's order; PodScheduled is always True (Berth's one node took the pod). */
export function podConditions(input: ConditionsInput): PodCondition[] {
  const { spec, statuses, phase, previous, now } = input;
  return [
    readyToStartContainersCondition(input.sandboxReady),
    initializedCondition(spec, statuses, phase),
    podReadyCondition(spec, statuses, phase),
    containersReadyCondition(spec, statuses, phase),
    condition('PodScheduled', 'True'),
  ].map((value) => stampCondition(value, previous, now));
}
