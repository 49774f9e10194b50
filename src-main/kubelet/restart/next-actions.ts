// What the pod worker should do next: a simplified port of computePodActions
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go), computeInitContainerActions
// (kuberuntime_container.go, the sidecar-aware version) and the back-off gate SyncPod applies
// to every start (doBackOff). Left out: liveness/startup-probe kills, spec-hash changes, resize,
// ephemeral containers — Berth's specs are immutable and probes kill through their own path.
import type { Container, PodSpec } from '../../model';
import { effectiveState, instancesOf } from '../status/observed';
import type { ObservedContainer } from '../status/observed';
import { backOffKey, crashLoopMessage } from './backoff';
import type { BackOffTable } from './backoff';
import { lastRunOf, restartsOnFailure, shouldRestart } from './should-restart';

/** The pod sandbox: never created yet, up, or created once and now gone or broken. */
export type SandboxState = 'none' | 'ready' | 'dead';

export interface NextActionsInput {
  spec: PodSpec;
  podUid: string;
  /** format.Pod: `name_namespace(uid)`, for the CrashLoopBackOff message. */
  podFullName: string;
  observed: readonly ObservedContainer[];
  backOff: BackOffTable;
  now: number;
  sandbox?: SandboxState;
}

/** A container that should start but is held by the crash-loop back-off. */
export interface BackOffWait {
  name: string;
  /** When it may start (epoch ms): its last exit plus the back-off window. */
  until: number;
  delayMs: number;
  /** The waiting message to show with reason CrashLoopBackOff. */
  message: string;
}

export type KillPodReason =
  /** A regular init container failed and restartPolicy is Never: the pod fails. */
  | 'InitContainerFailed'
  /** No app container runs or will restart: the pod is done (sidecars and sandbox go too). */
  | 'AllContainersExited'
  /** The sandbox died: everything is killed and the pod starts over in a new sandbox. */
  | 'SandboxChanged';

export interface NextActions {
  /** Create the sandbox before starting anything. */
  createSandbox: boolean;
  /**
   * Init containers to start, in spec order: sidecars to (re)start and at most one regular init
   * container. Start them one at a time; a regular one must exit 0 before anything after it.
   */
  startInit: string[];
  /** App containers to start, in spec order, only once initialisation is complete. */
  start: string[];
  /** Containers that would start but are in back-off. */
  backoff: BackOffWait[];
  killPod?: KillPodReason;
  /** Nothing in the pod will run again: it reached Succeeded or Failed. */
  podDone: boolean;
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/** The sidecar's postStart returned and its startup probe (if any) passed. */
function hasStarted(container: Container, instance: ObservedContainer): boolean {
  return instance.started ?? !container.startupProbe;
}

/** computeInitContainerActions: which init containers to start, whether the pod is initialised, or whether it failed. */
function initContainerActions(
  spec: PodSpec,
  latest: (name: string) => ObservedContainer | undefined,
): { toStart: number[]; initialized: boolean; failed: boolean } {
  const initContainers = spec.initContainers ?? [];
  if (initContainers.length === 0) return { toStart: [], initialized: true, failed: false };
  // An app container created or running means the init containers ran at some point.
  let podHasInitialized = spec.containers.some((c) => {
    const instance = latest(c.name);
    return instance !== undefined && ['created', 'running'].includes(effectiveState(instance));
  });
  let isPreviouslyInitialized = podHasInitialized;
  const toStart: number[] = [];
  // Walk backwards: the last init container with a status tells how far initialisation got.
  for (let i = initContainers.length - 1; i >= 0; i--) {
    const container = initContainers[i]!;
    const instance = latest(container.name);
    if (!instance) {
      if (isPreviouslyInitialized && isSidecar(container)) toStart.push(i);
      continue;
    }
    if (isPreviouslyInitialized && !isSidecar(container)) continue; // only sidecars are kept running
    const state = effectiveState(instance);
    if (state === 'created') {
      toStart.push(i); // the start failed half-way: start it again
    } else if (state === 'running') {
      if (isSidecar(container) && hasStarted(container, instance)) {
        if (i === initContainers.length - 1) podHasInitialized = true;
        else if (!isPreviouslyInitialized) toStart.push(i + 1); // started for the first time: next one
      }
      // a regular init container: wait for it to finish
    } else if (isSidecar(container)) {
      toStart.push(i);
    } else if ((instance.exitCode ?? 0) !== 0 || instance.startError) {
      if (!restartsOnFailure(spec.restartPolicy)) return { toStart: [], initialized: false, failed: true };
      toStart.push(i);
    } else if (i === initContainers.length - 1) {
      podHasInitialized = true;
    } else {
      toStart.push(i + 1);
    }
    isPreviouslyInitialized = true;
  }
  if (!isPreviouslyInitialized) toStart.push(0); // nothing ran yet: the first one
  return { toStart: [...new Set(toStart)].sort((a, b) => a - b), initialized: podHasInitialized, failed: false };
}

/** The newest exited instance: doBackOff measures the back-off from its finish time. */
function lastExit(instances: readonly ObservedContainer[]): ObservedContainer | undefined {
  return instances.find((c) => effectiveState(c) === 'exited');
}

/** computePodActions, then SyncPod's doBackOff gate on each start. */
export function nextActions(input: NextActionsInput): NextActions {
  const { spec, observed } = input;
  const latest = (name: string) => instancesOf(observed, name)[0];
  const initContainers = spec.initContainers ?? [];
  const actions: NextActions = { createSandbox: false, startInit: [], start: [], backoff: [], podDone: false };
  const sandbox = input.sandbox ?? 'ready';

  if (sandbox !== 'ready') {
    const killPod = sandbox === 'dead' ? ('SandboxChanged' as const) : undefined;
    // A pod that must not restart is not given a new sandbox once it ran.
    if (spec.restartPolicy === 'Never' && sandbox === 'dead' && observed.length > 0) {
      return { ...actions, killPod: 'SandboxChanged', podDone: true };
    }
    const toStart = spec.containers.filter((c) => {
      const instance = latest(c.name);
      const succeeded = instance && effectiveState(instance) === 'exited' && (instance.exitCode ?? 0) === 0 && !instance.startError;
      return !(spec.restartPolicy === 'OnFailure' && succeeded);
    });
    const hasInitialized = spec.containers.some((c) => latest(c.name) !== undefined);
    if (hasInitialized && toStart.length === 0) return { ...actions, killPod: 'SandboxChanged', podDone: true };
    const fresh: NextActions = { ...actions, createSandbox: true, ...(killPod ? { killPod } : {}) };
    if (initContainers.length > 0) fresh.startInit = [initContainers[0]!.name];
    else fresh.start = toStart.map((c) => c.name);
    return gateBackOff(fresh, input);
  }

  const init = initContainerActions(spec, latest);
  if (init.failed) return { ...actions, killPod: 'InitContainerFailed', podDone: true };
  actions.startInit = init.toStart.map((i) => initContainers[i]!.name);
  if (!init.initialized) return gateBackOff(actions, input);

  let keepCount = 0;
  for (const container of spec.containers) {
    const instance = latest(container.name);
    if (instance && effectiveState(instance) === 'running') {
      keepCount++;
      continue;
    }
    if (shouldRestart(spec.restartPolicy, lastRunOf(instance), 'app')) actions.start.push(container.name);
  }
  if (keepCount === 0 && actions.start.length === 0) {
    // Don't let sidecars keep a finished pod alive.
    return { ...actions, startInit: [], killPod: 'AllContainersExited', podDone: true };
  }
  return gateBackOff(actions, input);
}

/**
 * SyncPod's start(): doBackOff holds a container whose last exit is still inside its back-off
 * window. A regular init container held (or failing) stops everything after it; a held sidecar
 * does not.
 */
function gateBackOff(actions: NextActions, input: NextActionsInput): NextActions {
  const held = (name: string): BackOffWait | undefined => {
    const exit = lastExit(instancesOf(input.observed, name));
    if (!exit) return undefined;
    const key = backOffKey(input.podUid, name);
    const finishedAt = exit.finishedAt ?? exit.startedAt ?? exit.createdAt ?? 0;
    const until = input.backOff.until(key, finishedAt, input.now);
    if (until === undefined) return undefined;
    const delayMs = input.backOff.get(key);
    return { name, until, delayMs, message: crashLoopMessage(delayMs, name, input.podFullName) };
  };
  const sidecars = new Set((input.spec.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  const result: NextActions = { ...actions, startInit: [], start: [], backoff: [] };
  for (const name of actions.startInit) {
    const wait = held(name);
    if (!wait) {
      result.startInit.push(name);
      continue;
    }
    result.backoff.push(wait);
    if (!sidecars.has(name)) return result; // the init sequence stops here
  }
  for (const name of actions.start) {
    const wait = held(name);
    if (wait) result.backoff.push(wait);
    else result.start.push(name);
  }
  return result;
}
