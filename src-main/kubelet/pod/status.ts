// Publishing the pod's status: the PodStatus the observed containers, the waiting reasons and the
// sandbox's addresses imply (status/pod-status.ts), written only when it changed. The kubelet's
// generateAPIPodStatus + status manager (kubelet_pods.go, pkg/kubelet/status/status_manager.go).
import type { RecordedPodStatus } from '../../model';
import { namespaceNetworkName } from '../engine-specs';
import { sandboxAddresses } from '../network';
import { generatePodStatus } from '../status/pod-status';
import type { PodContext } from './context';
import type { PodObserver, PodView } from './observer';
import type { PodDeps } from './state';

export class StatusPublisher {
  constructor(
    private readonly deps: PodDeps,
    private readonly observer: PodObserver,
  ) {}

  publish(ctx: PodContext, view: PodView, previous: RecordedPodStatus): void {
    const { engine, host, uid, state } = this.deps;
    const network = namespaceNetworkName(ctx.namespace);
    const addresses = view.sandbox?.state.running ? sandboxAddresses(view.sandbox, network) : {};
    const status = generatePodStatus({
      spec: ctx.pod.spec,
      observed: { engine: engine.kind, containers: view.containers, waiting: state.waiting },
      now: host.now(),
      previous,
      sandboxReady: Boolean(view.sandbox?.state.running),
      hostIPs: addresses.hostIP ? [addresses.hostIP] : [],
      podIPs: addresses.podIP ? [addresses.podIP] : [],
      ...(state.startTime !== undefined ? { startTime: state.startTime } : {}),
      podIsTerminal: state.terminal,
      podDeleting: (host.getPod(uid)?.deletionTimestamp ?? null) !== null,
    });
    // The earlier status may hold what generatePodStatus cannot know (a sandbox failure's reason).
    if (JSON.stringify(status) !== JSON.stringify(previous)) host.setStatus(uid, status, engine.kind);
  }

  /** Observes the pod again and publishes what it shows (each exit as it happens, a hook running). */
  async publishCurrent(ctx: PodContext): Promise<void> {
    const record = this.deps.host.getPod(this.deps.uid);
    if (record) this.publish(ctx, await this.observer.observe(ctx), record.status);
  }

  /** The pod cannot run at all (its RuntimeClass): phase Failed with the reason, and nothing more runs. */
  failPod(reason: string, message: string): void {
    const { engine, host, uid, state } = this.deps;
    state.terminal = true;
    const record = host.getPod(uid);
    const status: RecordedPodStatus = { ...(record?.status ?? {}), phase: 'Failed', reason, message };
    host.setStatus(uid, status, engine.kind);
  }
}
