// The engine's floor: a pod's sandbox and containers created, started, stopped and removed with
// bare dockerode calls — what any tool must at least spend on the same containers. Berth's
// figures are ratios against these, measured in the same run.
import type Docker from 'dockerode';
import { BUSYBOX_IMAGE, PAUSE_IMAGE, testLabels } from '../../support/engines';

/** A floor pod on the engine: its sandbox first, then its containers in spec order. */
export interface FloorPod {
  sandbox: Docker.Container;
  containers: Docker.Container[];
}

/**
 * Creates and starts a sandbox and `count` containers joined to it, one after another as the
 * kubelet starts a pod's containers in spec order. The sandbox is on the engine's default network,
 * or on `network` (the profile driver's floor on a network like Berth's namespace network).
 */
export async function startFloorPod(docker: Docker, name: string, count: number, script: string, network?: string): Promise<FloorPod> {
  const Labels = testLabels({ 'berth.bench': 'floor' });
  const sandbox = await docker.createContainer({ name: `${name}-sandbox`, Image: PAUSE_IMAGE, Labels, HostConfig: network ? { NetworkMode: network } : {} });
  await sandbox.start();
  const containers: Docker.Container[] = [];
  for (let i = 0; i < count; i++) {
    const container = await docker.createContainer({
      name: `${name}-c${i}`,
      Image: BUSYBOX_IMAGE,
      Cmd: ['sh', '-c', script],
      Labels,
      HostConfig: { NetworkMode: `container:${sandbox.id}` },
    });
    await container.start();
    containers.push(container);
  }
  return { sandbox, containers };
}

/** Stops a floor pod (containers in parallel with grace `seconds`, then the sandbox) and removes it. */
export async function stopFloorPod(pod: FloorPod, seconds: number): Promise<void> {
  await Promise.all(pod.containers.map((c) => c.stop({ t: seconds }).catch(ignoreNotModified)));
  await pod.sandbox.stop({ t: seconds }).catch(ignoreNotModified);
  await removeFloorPod(pod);
}

/** Removes a floor pod, whatever its state (containers before the sandbox: Podman wants that order). */
export async function removeFloorPod(pod: FloorPod): Promise<void> {
  await Promise.all(pod.containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
  await pod.sandbox.remove({ force: true }).catch(() => undefined);
}

function ignoreNotModified(error: { statusCode?: number }): void {
  if (error.statusCode !== 304) throw error;
}
