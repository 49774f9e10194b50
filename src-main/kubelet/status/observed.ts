// What Berth saw on the engine for one pod: every container instance it ran, plus the
// "waiting" reasons the pod worker wants to show (the kubelet keeps those in its reasonCache).
// These records are the input of every status and restart decision; nothing here does I/O.
import type { ContainerWaitingReason } from '../../model';

/** Which list of the spec a container comes from. A sidecar is an init container with `restartPolicy: Always`. */
export type ContainerKind = 'init' | 'sidecar' | 'app';

/** The engine-level state, as the CRI reports it (`CONTAINER_CREATED` / `RUNNING` / `EXITED`). */
export type ObservedState = 'created' | 'running' | 'exited';

export type EngineName = 'docker' | 'podman';

/** One engine container Berth created for a spec container: one attempt of it. */
export interface ObservedContainer {
  /** The spec container's name. */
  name: string;
  kind: ContainerKind;
  /** The restart count this instance was created with (0 for the first run; a label on the container). */
  attempt: number;
  /** The engine's container id (full). */
  engineId: string;
  state: ObservedState;
  /** The image reference as run, and its resolved id (`sha256:…` or `repo@sha256:…`). */
  image?: string;
  imageID?: string;
  /** Epoch milliseconds. `startedAt` is absent while `created`; `finishedAt` only once `exited`. */
  createdAt?: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  /** The signal that killed the process, when the engine knows it. */
  signal?: number;
  oomKilled?: boolean;
  /**
   * The engine's error when the process could not be started at all (Docker's `State.Error`,
   * e.g. `exec: "nope": executable file not found`). Gives the reason `ContainerCannotRun`.
   */
  startError?: string;
  /** The termination message, already read and capped (see termination-message.ts). */
  terminationMessage?: string;
  /**
   * postStart returned and the startup probe (if any) succeeded. Undefined: a running
   * container counts as started when it has no startup probe.
   */
  started?: boolean;
  /** Readiness from probes. Undefined: a running container is ready when it has no readiness probe. */
  ready?: boolean;
}

/** A reason to show a container as waiting, e.g. `CrashLoopBackOff`, `ErrImagePull`, `CreateContainerConfigError`. */
export interface WaitingOverride {
  reason: ContainerWaitingReason;
  message?: string;
}

export interface ObservedPod {
  engine: EngineName;
  /** Every instance of every container of the pod, in any order (at least the last two per name). */
  containers: readonly ObservedContainer[];
  /**
   * Waiting reasons by container name, set by the pod worker and cleared when the container
   * starts (the kubelet's reasonCache). Shown instead of the instance's own state, except for a
   * container that exited and will not be restarted (as the kubelet does).
   */
  waiting?: Readonly<Record<string, WaitingOverride>>;
}

/** The instances of one container, newest first (by attempt, then creation time). */
export function instancesOf(containers: readonly ObservedContainer[], name: string): ObservedContainer[] {
  return containers
    .filter((c) => c.name === name)
    .sort((a, b) => b.attempt - a.attempt || (b.createdAt ?? 0) - (a.createdAt ?? 0));
}

/** The newest instance of a container, if it ever ran. */
export function latestInstance(
  containers: readonly ObservedContainer[],
  name: string,
): ObservedContainer | undefined {
  return instancesOf(containers, name)[0];
}

/**
 * The state the kubelet would see. A container the engine failed to start stays `created` in
 * Docker but carries an exit code and error; the CRI shims report it as exited
 * (reason ContainerCannotRun), so it counts as exited here too.
 */
export function effectiveState(instance: ObservedContainer): ObservedState {
  return instance.startError ? 'exited' : instance.state;
}

/** The exit code the kubelet would see (Docker uses 128 for a failed start when it gives none). */
export function effectiveExitCode(instance: ObservedContainer): number {
  return instance.exitCode ?? (instance.startError ? 128 : 0);
}
