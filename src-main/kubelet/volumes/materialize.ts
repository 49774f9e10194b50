// The pod's volumes on the host filesystem: folders for emptyDirs, files for configMap, secret
// and downwardAPI volumes, hostPath type checks. One failing volume does not stop the others:
// each gets its own error, as the kubelet reports a `FailedMount` per volume. Safe to run again
// for the same pod (after an app restart, or to retry): emptyDir contents are never touched, and
// projected files are rewritten only when they changed.
import { chmod, lchown, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ConfigMap, Pod, Secret } from '../../model';
import type { NodeAllocatable } from '../environment';
import { writeAtomicPayload } from './atomic-writer';
import { checkHostPathType } from './host-path';
import { configMapPayload, downwardApiPayload, secretPayload, type PayloadResult } from './payload';
import type { EmptyDirPlan, PlannedVolume, PodVolumePlan, ProjectedVolumePlan, VolumeMessage } from './plan';
import { namespaceOf } from '../../kube/defaults';

type MaybePromise<T> = T | Promise<T>;

/** Where the objects volumes refer to come from (the store); undefined when there is none. */
export interface VolumeSourceLookups {
  configMap(namespace: string, name: string): MaybePromise<ConfigMap | undefined>;
  secret(namespace: string, name: string): MaybePromise<Secret | undefined>;
  /** The node's allocatable resources, for downwardAPI `resourceFieldRef` limits left unset. */
  nodeAllocatable: NodeAllocatable;
}

export interface MaterializeResult {
  /** Volumes that could not be set up, with the kubelet's message; the pod must not start. */
  errors: VolumeMessage[];
  warnings: VolumeMessage[];
}

/** The emptyDir's mode (pkg/volume/emptydir `perm`): any container user may write. */
const EMPTY_DIR_MODE = 0o777;
/** Root of a projected volume: traversable by any container user; the files' modes decide reads. */
const PROJECTED_ROOT_MODE = 0o755;

export async function materializePodVolumes(pod: Pod, plan: PodVolumePlan, lookups: VolumeSourceLookups): Promise<MaterializeResult> {
  const result: MaterializeResult = { errors: [], warnings: [] };
  const fsGroup = pod.spec.securityContext?.fsGroup;
  for (const volume of plan.volumes) {
    try {
      const message = await materializeVolume(pod, volume, lookups, fsGroup, result.warnings);
      if (message !== undefined) result.errors.push({ volume: volume.name, message });
    } catch (err) {
      result.errors.push({ volume: volume.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/** Returns the error message for a volume that could not be set up. */
async function materializeVolume(
  pod: Pod,
  volume: PlannedVolume,
  lookups: VolumeSourceLookups,
  fsGroup: number | undefined,
  warnings: VolumeMessage[],
): Promise<string | undefined> {
  switch (volume.kind) {
    case 'emptyDir':
      await setUpEmptyDir(volume, fsGroup, warnings);
      return undefined;
    case 'hostPath': {
      const checked = await checkHostPathType(volume.path, volume.type);
      return checked.ok ? undefined : checked.message;
    }
    case 'configMap':
    case 'secret':
    case 'downwardAPI':
      return setUpProjected(volume, await payloadFor(pod, volume, lookups), fsGroup, warnings);
    case 'persistentVolumeClaim':
      return undefined; // an engine named volume: see named-volumes.ts
    case 'unsupported':
      return volume.message;
  }
}

async function payloadFor(pod: Pod, volume: ProjectedVolumePlan, lookups: VolumeSourceLookups): Promise<PayloadResult> {
  const namespace = namespaceOf(pod.metadata);
  switch (volume.kind) {
    case 'configMap':
      return configMapPayload(volume.source, await lookups.configMap(namespace, volume.source.name));
    case 'secret':
      return secretPayload(volume.source, await lookups.secret(namespace, volume.source.secretName));
    case 'downwardAPI':
      return downwardApiPayload(volume.source, { pod, nodeAllocatable: lookups.nodeAllocatable });
  }
}

/** Parent folders of volumes: only Berth's user needs them (mounts don't traverse host parents). */
async function makeParents(hostDir: string): Promise<void> {
  await mkdir(posix.dirname(hostDir), { recursive: true, mode: 0o700 });
}

async function setUpEmptyDir(volume: EmptyDirPlan, fsGroup: number | undefined, warnings: VolumeMessage[]): Promise<void> {
  await makeParents(volume.hostDir);
  const exists = await lstat(volume.hostDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (exists) return; // set up before: its contents and any chmod a container made stay
  await mkdir(volume.hostDir, { mode: EMPTY_DIR_MODE });
  await chmod(volume.hostDir, EMPTY_DIR_MODE); // `setupDir` chmods because of the umask
  if (fsGroup !== undefined) await applyFsGroup(volume.hostDir, fsGroup, false, volume.name, warnings);
}

async function setUpProjected(
  volume: ProjectedVolumePlan,
  payload: PayloadResult,
  fsGroup: number | undefined,
  warnings: VolumeMessage[],
): Promise<string | undefined> {
  if (!payload.ok) return payload.message;
  await makeParents(volume.hostDir);
  await mkdir(volume.hostDir, { recursive: true, mode: PROJECTED_ROOT_MODE });
  await chmod(volume.hostDir, PROJECTED_ROOT_MODE);
  const written = await writeAtomicPayload(volume.hostDir, payload.payload);
  // SetVolumeOwnership runs after each write; an unchanged payload kept its ownership.
  if (written.written && fsGroup !== undefined) {
    await applyFsGroup(volume.hostDir, fsGroup, true, volume.name, warnings);
  }
  return undefined;
}

/**
 * pkg/volume/volume_linux.go `SetVolumeOwnership`: group `fsGroup` on everything, files get
 * g+r (read-only volumes) or g+rw, folders also g+x and setgid so new files inherit the group.
 * Changing a group needs root (or membership): a rootless run warns instead.
 */
async function applyFsGroup(path: string, gid: number, readOnly: boolean, volume: string, warnings: VolumeMessage[]): Promise<void> {
  const mask = readOnly ? 0o440 : 0o660;
  const walk = async (p: string): Promise<void> => {
    const info = await lstat(p);
    await lchown(p, info.uid, gid);
    if (info.isSymbolicLink()) return;
    const extra = info.isDirectory() ? mask | 0o110 | 0o2000 : mask;
    await chmod(p, (info.mode & 0o7777) | extra);
    if (info.isDirectory()) for (const entry of await readdir(p)) await walk(join(p, entry));
  };
  try {
    await walk(path);
  } catch (err) {
    warnings.push({ volume, message: `fsGroup ${gid} not applied: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/**
 * Removes everything the plan's volumes put on the host (never hostPaths, never the claims'
 * engine volumes). Symlinks a container left in an emptyDir are removed, not followed.
 */
export async function removePodVolumes(plan: Pick<PodVolumePlan, 'ownedDirs'>): Promise<void> {
  for (const dir of plan.ownedDirs) await rm(dir, { recursive: true, force: true });
}
