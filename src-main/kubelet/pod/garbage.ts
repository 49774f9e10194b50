// Removing the dead containers and sandboxes a pod no longer needs (the kubelet's container GC,
// pkg/kubelet/kuberuntime/kuberuntime_gc.go, reduced to one pod).
import type { ContainerDetails } from '../../engine/container-spec';
import type { PodDeps } from './state';
import type { PodView } from './observer';

/**
 * Removes dead containers and sandboxes, containers first (Podman). Like the kubelet's garbage
 * collection it never blocks the pod: an engine that cannot remove one ("device or resource busy"
 * after a daemon restart) gets another try at a later sync, while the new sandbox and containers start.
 */
export async function collectGarbage(deps: PodDeps, ids: string[]): Promise<void> {
  const results = await Promise.allSettled(ids.map((id) => deps.engine.removeContainer(id, { force: true })));
  for (const [i, result] of results.entries()) {
    if (result.status === 'rejected') deps.options.log(`pod ${deps.uid}: could not remove dead container ${ids[i]!.slice(0, 12)} yet: ${(result.reason as Error).message}`);
  }
}

/** Every container of the pod, then its sandboxes: Podman refuses to remove a sandbox others joined. */
export async function removePodContainers(deps: PodDeps, view: PodView): Promise<void> {
  await Promise.all(view.containers.map((c) => deps.engine.removeContainer(c.engineId, { force: true })));
  const sandboxes = [view.sandbox, ...view.staleSandboxes].filter((s): s is ContainerDetails => s !== undefined);
  await Promise.all(sandboxes.map((s) => deps.engine.removeContainer(s.id, { force: true })));
}
