// Stopping the pod's containers. One container's stop is the kubelet's killContainer
// (kill-container.ts: Killing event, preStop, stop signal, SIGKILL, with a stop timeline); the pod's
// is killPodWithSyncResult (kuberuntime_manager.go): app containers in parallel, then sidecars in
// reverse order, all within one grace budget, then the sandbox. Also the ends of a pod: finishing
// one that completed, and terminating a deleted one down to its removal.
import type { StopReason } from '../../model';
import { rmSync } from 'node:fs';
import type { ContainerDetails } from '../../engine/container-spec';
import { GraceBudget } from '../grace-budget';
import { killContainer } from '../kill-container';
import { messages, REASONS } from '../messages';
import { removeNamespaceNetwork } from '../network';
import { namespaceNetworkName } from '../engine-specs';
import { stopSignalOf } from '../observe';
import type { ObservedContainer } from '../status/observed';
import { cleanupPodVolumes } from '../volumes';
import type { PodContext } from './context';
import { removePodContainers } from './garbage';
import { hookSucceeded, type HookRunner } from './hooks';
import type { PodView } from './observer';
import type { PodDeps } from './state';
import type { StatusPublisher } from './status';

/** The pause container needs no grace: it exits on SIGTERM. */
const SANDBOX_STOP_SECONDS = 2;

export class Terminator {
  /** The smallest grace period a delete asked for (a later, shorter one wins). */
  private deleteGraceSeconds: number | undefined;
  /** The grace budget of the termination under way, which a later, shorter delete shrinks. */
  private terminationBudget: GraceBudget | undefined;

  constructor(
    private readonly deps: PodDeps,
    private readonly hooks: HookRunner,
    private readonly status: StatusPublisher,
  ) {}

  /** A delete asked for `gracePeriodSeconds`: a stop under way gets at most that from now on. */
  deleteRequested(gracePeriodSeconds: number): void {
    this.deleteGraceSeconds = Math.min(gracePeriodSeconds, this.deleteGraceSeconds ?? Infinity);
    this.terminationBudget?.shorten(this.deps.host.now() + gracePeriodSeconds * 1000);
  }

  private budgetOf(grace: number | GraceBudget): GraceBudget {
    return typeof grace === 'number' ? GraceBudget.of(grace * 1000, this.deps.host.now()) : grace;
  }

  /** Stops every running container of the pod in parallel within the grace period, then the sandbox. */
  async killContainers(ctx: PodContext, view: PodView, grace: number | GraceBudget, reason: StopReason): Promise<void> {
    const running = view.containers.filter((c) => c.state === 'running');
    const initOrder = (name: string) => (ctx.pod.spec.initContainers ?? []).findIndex((s) => s.name === name);
    const sidecars = running.filter((c) => c.kind === 'sidecar').sort((a, b) => initOrder(b.name) - initOrder(a.name));
    // One budget for the whole pod: sidecars get what the app containers left of it.
    const budget = this.budgetOf(grace);
    // allSettled: one failed kill must not leave the others unobserved (and re-run their preStop).
    const results = await Promise.allSettled(
      running
        .filter((c) => c.kind !== 'sidecar')
        .map(async (c) => {
          await this.killOne(ctx, c, view.details.get(c.engineId), budget, reason);
          await this.status.publishCurrent(ctx); // each exit shows as it happens, not when all are done
        }),
    );
    // Sidecars stop after the app containers, in reverse order, within what is left of the one
    // grace period (the kubelet's shared budget; killContainer still gives each its 2 s minimum).
    for (const sidecar of sidecars) {
      results.push(...(await Promise.allSettled([this.killOne(ctx, sidecar, view.details.get(sidecar.engineId), budget, reason)])));
    }
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    // The engine's own stop (SIGTERM, SIGKILL after 2 s): Podman tears the sandbox's network down
    // before it answers, where after a kill its removal waits for Podman's cleanup process
    // (about 200 ms more; docs/BENCHMARKS.md, "Profile of the misses").
    if (view.sandbox?.state.running) await this.deps.engine.stopContainer(view.sandbox.id, SANDBOX_STOP_SECONDS);
  }

  /**
   * One container's stop, as the kubelet's killContainer: a `Killing` event, preStop (a container
   * that already exited gets none), the stop signal, SIGKILL when the budget is spent — with the
   * timeline written as it happens.
   */
  async killOne(ctx: PodContext, instance: ObservedContainer, details: ContainerDetails | undefined, grace: number | GraceBudget, reason: StopReason, killingMessage?: string): Promise<void> {
    const { engine, host, uid } = this.deps;
    const budget = this.budgetOf(grace);
    const container = ctx.specOf(instance.name);
    this.deps.record([ctx.containerEvent('Normal', REASONS.killing, killingMessage ?? messages.killing(instance.name), instance.name)]);
    const stop = host.containerStopStarted({
      podUid: uid,
      namespace: ctx.namespace,
      podName: ctx.name,
      container: instance.name,
      containerId: instance.engineId,
      reason,
      gracePeriodMs: budget.gracePeriodMs,
      startedAt: host.now(),
    });
    // A preStop already delivered to this instance (by a Berth that died before the container
    // exited) is not run again: at least once, as postStart.
    const preStopDue = instance.state === 'running' && !hookSucceeded(host.hookRuns(uid), instance.engineId, 'PreStop');
    const preStop =
      container?.lifecycle?.preStop && preStopDue
        ? async (signal: AbortSignal) => {
            await this.hooks.run(ctx, container, instance.engineId, 'PreStop', signal);
          }
        : undefined;
    await killContainer({
      engine,
      containerId: instance.engineId,
      stopSignal: details ? stopSignalOf(details) : 'SIGTERM',
      budget,
      ...(preStop ? { preStop } : {}),
      now: () => host.now(),
      onMilestone: (m) => host.containerStopUpdated(stop.id, m),
    });
  }

  /** Nothing will run again: stop what is left (sidecars, the sandbox); the containers stay for logs. */
  async finishPod(ctx: PodContext, view: PodView): Promise<void> {
    this.deps.state.terminal = true;
    await this.killContainers(ctx, view, ctx.gracePeriodSeconds, 'PodCompleted');
  }

  /** The pod was deleted: stop it within its grace period, remove its containers and files, forget it. */
  async terminate(ctx: PodContext, view: PodView, closeWorker: () => void): Promise<void> {
    const { engine, host, uid } = this.deps;
    // The grace period the delete asked for is on the object (so a controller that started after
    // the delete — the CLI's, or Berth after a restart — still honours it); a later, shorter one wins.
    const requested = ctx.pod.metadata.deletionGracePeriodSeconds;
    const grace = Math.min(requested ?? ctx.gracePeriodSeconds, this.deleteGraceSeconds ?? Infinity);
    this.terminationBudget = GraceBudget.of(grace * 1000, host.now());
    await this.killContainers(ctx, view, this.terminationBudget, 'Delete');
    await removePodContainers(this.deps, view);
    await cleanupPodVolumes({ podDir: host.podDir(uid), podUid: uid });
    rmSync(host.podDir(uid), { recursive: true, force: true });
    closeWorker();
    host.podRemoved(uid);
    if (!host.namespaceHasPods(ctx.namespace)) await removeNamespaceNetwork(engine, namespaceNetworkName(ctx.namespace));
  }
}
