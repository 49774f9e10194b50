// Where each of a pod's volumes lives and how a container mounts it: pure, no I/O.
// The kubelet keeps every volume under /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name> and
// bind-mounts it (`makeMounts` in pkg/kubelet/kubelet_pods.go); Berth does the same on the host
// the engine runs on, so a volume belongs to the POD and outlives container restarts.
import { posix } from 'node:path';
import type { MountSpec } from '../../engine/container-spec';
import type { ConfigMapVolumeSource, Container, DownwardAPIVolumeSource, HostPathType, Pod, SecretVolumeSource, Volume } from '../../model';
import { namespaceOf } from '../../kube/defaults';

export interface VolumePlanOptions {
  /** The pod's own folder on persistent disk (e.g. `<dataDir>/pods/<uid>`); volumes go in `volumes/`. */
  podDir: string;
  podUid: string;
  /**
   * A private folder on a tmpfs (`/dev/shm/berth-<user uid>` or `$XDG_RUNTIME_DIR/berth`, see
   * `hostMemoryDir`), for `medium: Memory` emptyDirs and secrets; undefined when the host has none.
   */
  memoryDir?: string;
}

interface HostDirVolume {
  /** The volume's name in the pod spec. */
  name: string;
  /** The host folder bind-mounted into the containers. */
  hostDir: string;
  /** On a tmpfs (memory) rather than on disk. */
  inMemory: boolean;
}

export interface EmptyDirPlan extends HostDirVolume {
  kind: 'emptyDir';
}

export interface HostPathPlan {
  kind: 'hostPath';
  name: string;
  path: string;
  type: HostPathType;
}

export interface ConfigMapPlan extends HostDirVolume {
  kind: 'configMap';
  source: ConfigMapVolumeSource;
}

export interface SecretPlan extends HostDirVolume {
  kind: 'secret';
  source: SecretVolumeSource;
}

export interface DownwardAPIPlan extends HostDirVolume {
  kind: 'downwardAPI';
  source: DownwardAPIVolumeSource;
}

export interface PersistentVolumeClaimPlan {
  kind: 'persistentVolumeClaim';
  name: string;
  /** The engine's named volume: `berth-pvc-<namespace>-<claimName>`. */
  volumeName: string;
  namespace: string;
  claimName: string;
  readOnly: boolean;
}

/** A source the importer should have refused; materialising it reports `message`. */
export interface UnsupportedVolumePlan {
  kind: 'unsupported';
  name: string;
  message: string;
}

export type PlannedVolume =
  | EmptyDirPlan
  | HostPathPlan
  | ConfigMapPlan
  | SecretPlan
  | DownwardAPIPlan
  | PersistentVolumeClaimPlan
  | UnsupportedVolumePlan;

/** Volumes whose files the kubelet writes with its atomic writer (and always mounts read-only). */
export type ProjectedVolumePlan = ConfigMapPlan | SecretPlan | DownwardAPIPlan;

export interface VolumeMessage {
  volume: string;
  message: string;
}

export interface PodVolumePlan {
  podUid: string;
  /** In spec order. */
  volumes: PlannedVolume[];
  /** What Berth cannot do as the kubelet would (not errors: the pod still starts). */
  warnings: VolumeMessage[];
  /** Folders holding only this pod's volumes: removed with the pod (never a hostPath). */
  ownedDirs: string[];
}

/** The pod's volume folders (removed with the pod): on disk and, when there is one, on the tmpfs. */
export function podVolumeDirs(options: VolumePlanOptions): { onDisk: string; inMemory?: string } {
  const onDisk = posix.join(options.podDir, 'volumes');
  return options.memoryDir === undefined
    ? { onDisk }
    : { onDisk, inMemory: posix.join(options.memoryDir, options.podUid) };
}

/** The engine volume a claim maps to; it outlives the pod, like a bound PV. */
export function pvcVolumeName(namespace: string, claimName: string): string {
  return `berth-pvc-${namespace}-${claimName}`;
}

export function planPodVolumes(pod: Pod, options: VolumePlanOptions): PodVolumePlan {
  const dirs = podVolumeDirs(options);
  const warnings: VolumeMessage[] = [];
  const ownedDirs = dirs.inMemory === undefined ? [dirs.onDisk] : [dirs.onDisk, dirs.inMemory];
  const namespace = namespaceOf(pod.metadata);

  const hostDir = (plugin: string, name: string, wantMemory: boolean): { hostDir: string; inMemory: boolean } => {
    const inMemory = wantMemory && dirs.inMemory !== undefined;
    return { hostDir: posix.join(inMemory ? (dirs.inMemory as string) : dirs.onDisk, plugin, name), inMemory };
  };

  const volumes = (pod.spec.volumes ?? []).map((volume): PlannedVolume => {
    const { name } = volume;
    if (volume.emptyDir) {
      const memory = volume.emptyDir.medium === 'Memory';
      // An engine tmpfs mount is per container, but an emptyDir is shared by the pod's
      // containers and survives their restarts: bind a folder that itself sits on a tmpfs.
      const where = hostDir('empty-dir', name, memory);
      if (memory && !where.inMemory) {
        warnings.push({ volume: name, message: 'no tmpfs is available on this host: the Memory emptyDir is kept on disk' });
      }
      if (volume.emptyDir.sizeLimit !== undefined) {
        warnings.push({
          volume: name,
          message: `sizeLimit ${String(volume.emptyDir.sizeLimit)} is not enforced: Berth's emptyDir is a host folder without a quota`,
        });
      }
      return { kind: 'emptyDir', name, ...where };
    }
    if (volume.hostPath) {
      return { kind: 'hostPath', name, path: volume.hostPath.path, type: volume.hostPath.type ?? '' };
    }
    if (volume.configMap) {
      // pkg/volume/configmap wraps an on-disk emptyDir.
      return { kind: 'configMap', name, source: volume.configMap, ...hostDir('configmap', name, false) };
    }
    if (volume.secret) {
      // pkg/volume/secret wraps a Memory emptyDir: secret material never touches the disk.
      const where = hostDir('secret', name, true);
      if (!where.inMemory) {
        warnings.push({ volume: name, message: 'no tmpfs is available on this host: the secret files are written to disk' });
      }
      return { kind: 'secret', name, source: volume.secret, ...where };
    }
    if (volume.downwardAPI) {
      return { kind: 'downwardAPI', name, source: volume.downwardAPI, ...hostDir('downward-api', name, false) };
    }
    if (volume.persistentVolumeClaim) {
      const { claimName } = volume.persistentVolumeClaim;
      return {
        kind: 'persistentVolumeClaim',
        name,
        volumeName: pvcVolumeName(namespace, claimName),
        namespace,
        claimName,
        readOnly: volume.persistentVolumeClaim.readOnly ?? false,
      };
    }
    return { kind: 'unsupported', name, message: unsupportedMessage(volume) };
  });

  return { podUid: options.podUid, volumes, warnings, ownedDirs };
}

function unsupportedMessage(volume: Volume): string {
  const sources = Object.keys(volume).filter((k) => k !== 'name');
  return sources.length === 0
    ? 'the volume has no source'
    : `volume type ${sources.join(', ')} is not supported by Berth`;
}

// ---- container mounts ----

/** A bind of part of a volume: the host side must be prepared (and checked) before create. */
export interface SubPathMount {
  /** The volume's host folder (or hostPath). */
  volumeRoot: string;
  /** Relative to the volume root; the importer refused `..` and absolute paths. */
  subPath: string;
}

export interface PlannedMount {
  /** The volumeMount's volume name. */
  volume: string;
  /** For a subPath mount, `source` is `<volumeRoot>/<subPath>` before symlinks are resolved. */
  spec: MountSpec;
  subPath?: SubPathMount;
}

export type ContainerMountsResult = { ok: true; mounts: PlannedMount[] } | { ok: false; message: string };

/**
 * The engine mounts for one container's `volumeMounts` (`makeMounts`): read-only when the mount
 * says so or the volume must be (configMap, secret, downwardAPI, a read-only claim).
 */
export function containerMounts(container: Container, plan: PodVolumePlan): ContainerMountsResult {
  const mounts: PlannedMount[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = plan.volumes.find((v) => v.name === mount.name);
    const where = `volumeMount "${mount.name}" of container "${container.name}"`;
    if (!volume) return { ok: false, message: `cannot find volume "${mount.name}" to mount into container "${container.name}"` };
    if (volume.kind === 'unsupported') return { ok: false, message: `${where}: ${volume.message}` };
    const subPath = normaliseSubPath(mount.subPath);
    if (subPath !== undefined && (subPath.startsWith('/') || subPath === '..' || subPath.startsWith('../'))) {
      // The importer refuses these; checked again because a bind source outside the volume is a host escape.
      return { ok: false, message: `${where}: subPath "${mount.subPath ?? ''}" must be a relative path inside the volume` };
    }

    if (volume.kind === 'persistentVolumeClaim') {
      if (subPath !== undefined) {
        // VolumeOptions.Subpath needs Docker API 1.45 / Podman 5; Docker 20.10 and Podman 4.3 lack it.
        return {
          ok: false,
          message: `${where}: subPath is not supported on persistentVolumeClaim volumes by this engine (its named volumes cannot mount a sub-directory)`,
        };
      }
      mounts.push({
        volume: volume.name,
        spec: { type: 'volume', source: volume.volumeName, target: mount.mountPath, readOnly: volume.readOnly || mount.readOnly === true },
      });
      continue;
    }

    const root = volume.kind === 'hostPath' ? volume.path : volume.hostDir;
    const mustMountReadOnly = volume.kind === 'configMap' || volume.kind === 'secret' || volume.kind === 'downwardAPI';
    const spec: MountSpec = {
      type: 'bind',
      source: subPath === undefined ? root : posix.join(root, subPath),
      target: mount.mountPath,
      readOnly: mustMountReadOnly || mount.readOnly === true,
    };
    mounts.push(subPath === undefined ? { volume: volume.name, spec } : { volume: volume.name, spec, subPath: { volumeRoot: root, subPath } });
  }
  return { ok: true, mounts };
}

/** `subPath: ""` or `.` mounts the whole volume; anything with `..` was refused by the importer. */
function normaliseSubPath(subPath: string | undefined): string | undefined {
  if (subPath === undefined || subPath === '') return undefined;
  const clean = posix.normalize(subPath).replace(/\/+$/, '');
  return clean === '.' || clean === '' ? undefined : clean;
}

/** Every container of the pod, init containers included, by name. */
export function findPodContainer(pod: Pod, containerName: string): Container | undefined {
  return (
    pod.spec.containers.find((c) => c.name === containerName) ??
    pod.spec.initContainers?.find((c) => c.name === containerName)
  );
}
