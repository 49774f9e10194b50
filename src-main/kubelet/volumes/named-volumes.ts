// persistentVolumeClaim volumes as engine named volumes: they outlive the pod (like a bound PV),
// and a new pod naming the same claim in the same namespace sees the same data.
import type { Engine } from '../../engine/engine';
import { LABELS, MANAGED_VALUE } from '../../engine/labels';
import type { PersistentVolumeClaimPlan, PodVolumePlan, VolumeMessage } from './plan';

/** `<namespace>/<claimName>` on the engine volume of a claim. */
export const PVC_LABEL = 'berth.pvc';

export function pvcVolumeLabels(plan: Pick<PersistentVolumeClaimPlan, 'namespace' | 'claimName'>): Record<string, string> {
  return { [LABELS.managed]: MANAGED_VALUE, [PVC_LABEL]: `${plan.namespace}/${plan.claimName}` };
}

export interface NamedVolume {
  name: string;
  labels: Record<string, string>;
  /** Where the engine keeps its data (inside the engine's VM on Docker Desktop / Podman machine). */
  mountpoint: string;
  /** False when it existed already. */
  created: boolean;
}

/** Creates the volume unless it exists; the engines answer an existing name with that volume. */
export async function ensureVolume(engine: Engine, name: string, labels: Record<string, string>): Promise<NamedVolume> {
  const existing = await inspectVolume(engine, name);
  if (existing) return { ...existing, created: false };
  try {
    await engine.createVolume({ name, labels });
  } catch (err) {
    // Another pod created it between inspect and create: that one is as good.
    const raced = await inspectVolume(engine, name);
    if (raced) return { ...raced, created: false };
    throw err;
  }
  const made = await inspectVolume(engine, name);
  if (!made) throw new Error(`the engine created volume ${name} but cannot find it`);
  return { ...made, created: true };
}

function inspectVolume(engine: Engine, name: string): Promise<Omit<NamedVolume, 'created'> | undefined> {
  return engine.inspectVolume(name);
}

/**
 * Ensures every claim's volume; one error per failing volume. `berth-pvc-a-b-c` could be claim
 * `b-c` in namespace `a` or claim `c` in `a-b`: the label tells them apart, and a volume that
 * belongs to another claim is refused rather than shared.
 */
export async function ensureClaimVolumes(engine: Engine, plan: PodVolumePlan): Promise<VolumeMessage[]> {
  const errors: VolumeMessage[] = [];
  for (const volume of plan.volumes) {
    if (volume.kind !== 'persistentVolumeClaim') continue;
    const wanted = pvcVolumeLabels(volume);
    try {
      const named = await ensureVolume(engine, volume.volumeName, wanted);
      const owner = named.labels[PVC_LABEL];
      if (owner !== wanted[PVC_LABEL]) {
        errors.push({
          volume: volume.name,
          message: `engine volume ${volume.volumeName} belongs to ${owner ? `claim ${owner}` : 'something other than Berth'}, not to claim ${wanted[PVC_LABEL]}`,
        });
      }
    } catch (err) {
      errors.push({ volume: volume.name, message: `cannot create engine volume ${volume.volumeName}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return errors;
}
