// What to ask the engine for when a container starts: which attempt it is, its environment, mounts
// (the pod's volumes and the termination-log file), runtime handler and command, as one
// ContainerSpec. Pure: the kubelet's generateContainerConfig (kuberuntime_container.go) and
// makeMounts/makeEnvironmentVariables (kubelet_pods.go), with every lookup passed in.
import { join } from 'node:path';
import type { ContainerSpec, MountSpec } from '../../engine/container-spec';
import type { EngineKind } from '../../engine/endpoint';
import type { PodIdentity } from '../../engine/labels';
import type { Container, Pod, RecordedPodStatus } from '../../model';
import { containerSpec } from '../engine-specs';
import { buildContainerEnv, expandCommandAndArgs, podHostnameAndDomain, type ContainerEnvInput } from '../environment';
import type { ObservedContainer } from '../status/observed';
import { ContainerMountError } from '../volumes';

/** Where a container attempt's termination-log file lives on the host (bind-mounted into it). */
export function terminationLogPath(podDir: string, name: string, attempt: number): string {
  return join(podDir, 'containers', `${name}-${attempt}`, 'termination-log');
}

/**
 * The next attempt of a container none of whose instances remains (the sandbox was re-created):
 * the count goes on from the last status, as the kubelet's does.
 */
export function restartsBefore(status: RecordedPodStatus, name: string): number {
  const { containerStatuses, initContainerStatuses } = status;
  const known = [...(containerStatuses ?? []), ...(initContainerStatuses ?? [])].find((c) => c.name === name);
  return known?.containerID ? (known.restartCount ?? 0) + 1 : 0;
}

export interface AttemptPlan {
  /** Created but never started (Berth died between the engine's create and start): replaced, not restarted. */
  neverRan: ObservedContainer | undefined;
  /** The instances that did run, newest first. */
  instances: ObservedContainer[];
  /** The newest instance that ran: its exit feeds the back-off. */
  previous: ObservedContainer | undefined;
  attempt: number;
}

/** Which attempt the next instance is, from the container's instances (newest first, instancesOf). */
export function planAttempt(all: ObservedContainer[], restartsBeforeThis: () => number): AttemptPlan {
  // A never-started instance never ran, so it is replaced under its own attempt number, not counted as a restart.
  const neverRan = all[0]?.state === 'created' && !all[0].startError ? all[0] : undefined;
  const instances = neverRan ? all.slice(1) : all;
  const previous = instances[0];
  const attempt = neverRan ? neverRan.attempt : previous ? previous.attempt + 1 : restartsBeforeThis();
  return { neverRan, instances, previous, attempt };
}

export interface ContainerSpecPlanInput {
  pod: Pod;
  /** The `berth.instance` label value of this Berth. */
  instance: string;
  identity: PodIdentity;
  container: Container;
  /** The image reference to create from (as the image manager resolved it). */
  image: string;
  attempt: number;
  engine: EngineKind;
  sandboxId: string;
  /** Addresses, lookups and the clock for the environment. */
  env: Omit<ContainerEnvInput, 'pod' | 'container'>;
  /** The volume mounts of a container; throws ContainerMountError when they cannot be made. */
  mountsFor: (container: string) => MountSpec[];
  /** The host file mounted at terminationMessagePath. */
  terminationLogPath: string;
  runtimeHandler?: string | undefined;
}

export type ContainerSpecPlan =
  | { ok: true; spec: ContainerSpec; warnings: string[] }
  | { ok: false; reason: 'CreateContainerConfigError'; message: string; warnings: string[] };

/** The ContainerSpec, or the CreateContainerConfigError that stops it (with the environment's warnings). */
export function planContainerSpec(input: ContainerSpecPlanInput): ContainerSpecPlan {
  const { pod, container } = input;
  const env = buildContainerEnv({ pod, container, ...input.env });
  if (!env.ok) return { ok: false, reason: env.reason, message: env.message, warnings: [] };
  let volumeMounts: MountSpec[];
  try {
    volumeMounts = input.mountsFor(container.name);
  } catch (error) {
    if (!(error instanceof ContainerMountError)) throw error;
    return { ok: false, reason: error.reason, message: error.message, warnings: env.warnings };
  }
  const expanded = expandCommandAndArgs(container, env.env);
  const mounts: MountSpec[] = [...volumeMounts, { type: 'bind', source: input.terminationLogPath, target: container.terminationMessagePath }];
  const { hostname } = podHostnameAndDomain(pod);
  const spec = containerSpec({
    pod,
    instance: input.instance,
    identity: input.identity,
    container: { ...container, image: input.image },
    attempt: input.attempt,
    engine: input.engine,
    sandboxId: input.sandboxId,
    hostname,
    env: env.env,
    ...(expanded.command ? { command: expanded.command } : {}),
    ...(expanded.args ? { args: expanded.args } : {}),
    mounts,
    ...(input.runtimeHandler ? { runtimeHandler: input.runtimeHandler } : {}),
  });
  return { ok: true, spec, warnings: env.warnings };
}
