// Setting up the pod's volumes once, before its first container (the kubelet's volume manager
// WaitForAttachAndMount, reduced to what Berth materialises: kubelet/volumes/). A volume that
// cannot be made yet (a missing ConfigMap or Secret) is a FailedMount event and a retry.
import { failedMountMessage, preparePodVolumes, type PreparedPodVolumes } from '../volumes';
import { REASONS } from '../messages';
import type { PodContext } from './context';
import { RETRY_MS } from './scheduler';
import type { PodDeps } from './state';

export class VolumeSetup {
  private prepared: PreparedPodVolumes | undefined;

  constructor(private readonly deps: PodDeps) {}

  /** The pod's prepared volumes, made on first success; undefined while they cannot be. */
  async ensure(ctx: PodContext): Promise<PreparedPodVolumes | undefined> {
    this.prepared ??= await this.prepare(ctx);
    return this.prepared;
  }

  get current(): PreparedPodVolumes | undefined {
    return this.prepared;
  }

  private async prepare(ctx: PodContext): Promise<PreparedPodVolumes | undefined> {
    const { engine, host, options, uid, state } = this.deps;
    const volumes = await preparePodVolumes({
      pod: ctx.pod,
      podDir: host.podDir(uid),
      podUid: uid,
      engine,
      lookups: {
        configMap: (ns, name) => host.objects.configMap(ns, name),
        secret: (ns, name) => host.objects.secret(ns, name),
        nodeAllocatable: options.nodeAllocatable,
      },
    });
    if (volumes.errors.length === 0) return volumes;
    this.deps.record(volumes.errors.map((e) => ctx.event('Warning', REASONS.failedMount, failedMountMessage(e))));
    for (const container of ctx.allContainers) state.setWaiting(container.name, 'ContainerCreating', '');
    this.deps.scheduler.retryAt(host.now() + RETRY_MS);
    return undefined;
  }
}
