// Delivering postStart: right after the start, the container is not Running — and nothing after it
// starts — until the hook returns; a failure kills the container (FailedPostStartHook, its preStop
// runs) and the restart policy decides what follows (the kubelet's startContainer step 4,
// kuberuntime_container.go). Delivery is at least once: a running container whose postStart never
// completed (Berth died meanwhile) gets it again.
import type { Container } from '../../model';
import { hookFailureMessage } from '../../hooks';
import { waitForExit } from '../stop';
import type { PodContext } from './context';
import type { HookRunner } from './hooks';
import type { PodObserver, PodView } from './observer';
import type { PodDeps } from './state';
import type { StatusPublisher } from './status';
import type { Terminator } from './terminator';
import { hookRunOutcome } from '../../../src-shared/hook-outcome';

export class PostStartDelivery {
  constructor(
    private readonly deps: PodDeps,
    private readonly hooks: HookRunner,
    private readonly observer: PodObserver,
    private readonly status: StatusPublisher,
    private readonly terminator: Terminator,
  ) {}

  /** Runs postStart for a container just started; true when it succeeded. */
  async run(ctx: PodContext, container: Container, containerId: string): Promise<boolean> {
    const { engine, host, uid, state } = this.deps;
    state.setWaiting(container.name, 'ContainerCreating', 'postStart hook running');
    this.status.publish(ctx, await this.observer.observe(ctx), host.getPod(uid)?.status ?? {});
    // The hook ends when the container exits, or when the pod is deleted (or Berth quits) meanwhile.
    const exited = new AbortController();
    const signal = AbortSignal.any([state.syncAbort.signal, exited.signal]);
    void waitForExit(engine, containerId, signal).then(() => exited.abort());
    const result = await this.hooks.run(ctx, container, containerId, 'PostStart', signal);
    exited.abort();
    state.clearWaiting(container.name);
    if (result.ok) return true;
    if (state.syncAbort.signal.aborted) return false; // the pod is being deleted: the terminator stops it
    state.setWaiting(container.name, 'PostStartHookError', hookFailureMessage('PostStart', container.lifecycle!.postStart!, result, container.name, ctx.fullName));
    const view = await this.observer.observe(ctx);
    const instance = view.containers.find((c) => c.engineId === containerId);
    if (instance) await this.terminator.killOne(ctx, instance, view.details.get(containerId), ctx.gracePeriodSeconds, 'PostStartHookError', 'FailedPostStartHook');
    return false;
  }

  /** Running containers whose postStart never completed (Berth died meanwhile): run it again. True when it acted. */
  async deliverPending(ctx: PodContext, view: PodView): Promise<boolean> {
    const { host, uid, state } = this.deps;
    let acted = false;
    for (const instance of view.containers) {
      const container = ctx.specOf(instance.name);
      if (instance.state !== 'running' || !container?.lifecycle?.postStart) continue;
      const runs = host.hookRuns(uid).filter((r) => r.containerId === instance.engineId && r.hook === 'PostStart');
      // Done means a successful run of THIS instance; "not started" can also be a startup probe.
      if (runs.some((r) => r.finishedAt !== null && r.error === null)) continue;
      if (state.syncAbort.signal.aborted) return acted;
      const failed = runs.some((r) => hookRunOutcome(r) === 'failed');
      acted = true;
      if (failed) {
        await this.terminator.killOne(ctx, instance, view.details.get(instance.engineId), ctx.gracePeriodSeconds, 'PostStartHookError', 'FailedPostStartHook');
      } else {
        await this.run(ctx, container, instance.engineId);
      }
    }
    return acted;
  }
}
