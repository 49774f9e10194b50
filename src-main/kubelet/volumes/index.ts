// A pod's volumes as the kubelet provides them, mapped onto the engine. The runtime calls
// `preparePodVolumes` before it creates the pod's containers (and again on a retry or after an
// app restart: it is idempotent), and `cleanupPodVolumes` once the pod's containers are removed.
//
//   const volumes = await preparePodVolumes({ pod, podDir, podUid, engine, lookups });
//   for (const e of volumes.errors) warn('FailedMount', failedMountMessage(e)); // then retry later
//   if (volumes.errors.length === 0) spec.mounts = volumes.mountsFor(container.name);
import type { Engine } from '../../engine/engine';
import type { MountSpec } from '../../engine/container-spec';
import type { Pod } from '../../model';
import { materializePodVolumes, removePodVolumes, type VolumeSourceLookups } from './materialize';
import { hostMemoryDir } from './memory-dir';
import { ensureClaimVolumes } from './named-volumes';
import { containerMounts, findPodContainer, planPodVolumes, podVolumeDirs, type PodVolumePlan, type VolumeMessage } from './plan';
import { prepareSubPath } from './sub-path';

export type { VolumeSourceLookups, MaterializeResult } from './materialize';
export type { PlannedMount, PlannedVolume, PodVolumePlan, VolumeMessage, VolumePlanOptions } from './plan';
export { containerMounts, planPodVolumes, podVolumeDirs, pvcVolumeName } from './plan';
export { materializePodVolumes, removePodVolumes } from './materialize';
export { ensureVolume, ensureClaimVolumes, pvcVolumeLabels, PVC_LABEL } from './named-volumes';
export type { NamedVolume } from './named-volumes';
export { hostMemoryDir } from './memory-dir';

/** Where a pod's volumes live on the host. */
export interface PodVolumeLocation {
  /** The pod's folder on persistent disk, e.g. `<dataDir>/pods/<uid>`; volumes go in `volumes/`. */
  podDir: string;
  podUid: string;
  /**
   * The tmpfs folder for secrets and Memory emptyDirs: undefined = find one (`hostMemoryDir`),
   * null = none (everything on disk, with a warning). Pass the same at prepare and cleanup.
   */
  memoryDir?: string | null;
}

export interface PreparePodVolumesInput extends PodVolumeLocation {
  pod: Pod;
  engine: Engine;
  lookups: VolumeSourceLookups;
}

export interface PreparedPodVolumes {
  plan: PodVolumePlan;
  /** Volumes not set up (one per volume): the kubelet starts none of the pod's containers then. */
  errors: VolumeMessage[];
  /** Not errors: what Berth does differently from a kubelet (e.g. an unenforced sizeLimit). */
  warnings: VolumeMessage[];
  /**
   * The engine mounts of a container (or init container) of the pod. Throws a
   * `ContainerMountError` when they cannot be made: a subPath that escapes its volume or cannot
   * be created, a volume in `errors`, subPath on a claim.
   */
  mountsFor(containerName: string): MountSpec[];
}

/** A container's mounts cannot be made: the kubelet's `CreateContainerConfigError`. */
export class ContainerMountError extends Error {
  readonly reason = 'CreateContainerConfigError';
  constructor(message: string) {
    super(message);
    this.name = 'ContainerMountError';
  }
}

/** The `FailedMount` warning event message for a volume error. */
export function failedMountMessage(error: VolumeMessage): string {
  return `MountVolume.SetUp failed for volume "${error.volume}" : ${error.message}`;
}

async function resolveMemoryDir(location: PodVolumeLocation): Promise<string | undefined> {
  if (location.memoryDir === null) return undefined;
  return location.memoryDir ?? (await hostMemoryDir());
}

export async function preparePodVolumes(input: PreparePodVolumesInput): Promise<PreparedPodVolumes> {
  const { pod, engine, lookups } = input;
  const memoryDir = await resolveMemoryDir(input);
  const plan = planPodVolumes(pod, { podDir: input.podDir, podUid: input.podUid, ...(memoryDir ? { memoryDir } : {}) });
  const onHost = await materializePodVolumes(pod, plan, lookups);
  const claimErrors = await ensureClaimVolumes(engine, plan);
  const errors = [...onHost.errors, ...claimErrors];
  const failed = new Set(errors.map((e) => e.volume));

  const mountsFor = (containerName: string): MountSpec[] => {
    const container = findPodContainer(pod, containerName);
    if (!container) throw new ContainerMountError(`container "${containerName}" is not in pod "${pod.metadata.name}"`);
    const unmounted = (container.volumeMounts ?? []).map((m) => m.name).filter((n) => failed.has(n));
    if (unmounted.length > 0) {
      throw new ContainerMountError(`unmounted volumes=[${[...new Set(unmounted)].join(' ')}]`);
    }
    const planned = containerMounts(container, plan);
    if (!planned.ok) throw new ContainerMountError(planned.message);
    return planned.mounts.map(({ spec, subPath, volume }) => {
      if (!subPath) return spec;
      const prepared = prepareSubPath(subPath);
      if (!prepared.ok) {
        // The kubelet keeps host details out of the message (they go to its log).
        const verb = prepared.reason === 'create' ? 'create subPath directory' : 'prepare subPath';
        throw new ContainerMountError(`failed to ${verb} for volumeMount "${volume}" of container "${containerName}"`);
      }
      return { ...spec, source: prepared.hostPath };
    });
  };

  return { plan, errors, warnings: [...plan.warnings, ...onHost.warnings], mountsFor };
}

/** Removes the pod's volume folders from the host; claims' engine volumes stay. */
export async function cleanupPodVolumes(location: PodVolumeLocation): Promise<void> {
  const memoryDir = await resolveMemoryDir(location);
  const dirs = podVolumeDirs({ podDir: location.podDir, podUid: location.podUid, ...(memoryDir ? { memoryDir } : {}) });
  await removePodVolumes({ ownedDirs: dirs.inMemory === undefined ? [dirs.onDisk] : [dirs.onDisk, dirs.inMemory] });
}
