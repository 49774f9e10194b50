// One pod's worker, as the kubelet has one per pod (pkg/kubelet/pod_workers.go): the loop and
// state machine. Every sync observes the pod's containers on the engine, publishes the status they
// imply, and takes the next steps the restart logic decides (restart/next-actions.ts) — sandbox,
// init containers one by one, app containers in spec order, back-off — by calling the parts in
// pod/, each with one job. Syncs never overlap; a trigger during a sync runs another one after it.
import type { EventInput, PodRecord } from '../model';
import { nextActions, type SandboxState } from './restart/next-actions';
import { BackOffHolder } from './pod/back-off';
import { ContainerStarter } from './pod/container-starter';
import { PodContext } from './pod/context';
import { collectGarbage } from './pod/garbage';
import { HookRunner } from './pod/hooks';
import { ImageEnsurer } from './pod/image';
import { PodObserver, type PodView } from './pod/observer';
import { PostStartDelivery } from './pod/post-start';
import { PodProbing } from './pod/probing';
import { SandboxCreator } from './pod/sandbox';
import { RetryScheduler, RETRY_MS } from './pod/scheduler';
import { PodState, type PodDeps, type WorkerOptions } from './pod/state';
import { StatusPublisher } from './pod/status';
import { Terminator } from './pod/terminator';
import { VolumeSetup } from './pod/volume-setup';
import { messages, REASONS } from './messages';

export type { WorkerOptions } from './pod/state';

export class PodWorker {
  private syncing = false;
  private rerun = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  /** The dead sandbox a SandboxChanged event was recorded for (once per sandbox, not per sync). */
  private sandboxChangedFor: string | undefined;

  private readonly deps: PodDeps;
  private readonly state = new PodState();
  private readonly scheduler: RetryScheduler;
  private readonly hooks: HookRunner;
  private readonly probing: PodProbing;
  private readonly observer: PodObserver;
  private readonly status: StatusPublisher;
  private readonly terminator: Terminator;
  private readonly postStart: PostStartDelivery;
  private readonly sandboxes: SandboxCreator;
  private readonly volumes: VolumeSetup;
  private readonly starter: ContainerStarter;
  private readonly backOffs: BackOffHolder;

  constructor(
    readonly uid: string,
    private readonly options: WorkerOptions,
  ) {
    const host = options.host;
    this.scheduler = new RetryScheduler(() => this.trigger(), () => host.now());
    this.deps = {
      uid,
      engine: options.engine,
      host,
      options,
      state: this.state,
      scheduler: this.scheduler,
      record: (events: EventInput[]) => {
        if (events.length) host.recordEvents(events);
      },
    };
    this.hooks = new HookRunner(this.deps);
    this.probing = new PodProbing(this.deps, this.hooks, () => this.trigger());
    this.observer = new PodObserver(this.deps, this.probing);
    this.status = new StatusPublisher(this.deps, this.observer);
    this.terminator = new Terminator(this.deps, this.hooks, this.status);
    this.postStart = new PostStartDelivery(this.deps, this.hooks, this.observer, this.status, this.terminator);
    this.sandboxes = new SandboxCreator(this.deps, this.status);
    this.volumes = new VolumeSetup(this.deps);
    this.starter = new ContainerStarter(this.deps, new ImageEnsurer(this.deps), this.volumes, this.postStart);
    this.backOffs = new BackOffHolder(this.deps);
  }

  /** Something changed (engine event, apply, timer): sync soon. */
  trigger(): void {
    if (this.state.closed) return;
    if (this.syncing) {
      this.rerun = true;
      return;
    }
    this.syncing = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    void this.loop();
  }

  /** Start terminating the pod; the worker closes once it is gone. */
  requestDelete(gracePeriodSeconds: number | undefined): void {
    // Already stopping: the containers get at most the new, shorter grace period from now on.
    if (gracePeriodSeconds !== undefined) this.terminator.deleteRequested(gracePeriodSeconds);
    this.state.syncAbort.abort();
    this.trigger();
  }

  /** Resolves when no sync is running (tests and shutdown). */
  settled(): Promise<void> {
    return this.idle;
  }

  close(): void {
    this.state.closed = true;
    this.scheduler.stop();
    this.state.syncAbort.abort(); // a blocking hook or pull must not hold up quitting
    this.probing.stop();
  }

  /**
   * Berth is quitting with "stop pods": stop the containers within their grace period but keep
   * the pod, so the next start brings it back (as a node that reboots does).
   */
  async stopForShutdown(): Promise<void> {
    this.close();
    await this.idle;
    const record = this.options.host.getPod(this.uid);
    if (!record) return;
    const ctx = this.contextOf(record);
    await this.terminator.killContainers(ctx, await this.observer.observe(ctx), ctx.gracePeriodSeconds, 'Shutdown');
  }

  get isClosed(): boolean {
    return this.state.closed;
  }

  private contextOf(record: PodRecord): PodContext {
    return new PodContext({ uid: this.uid, record, nodeName: this.options.host.node.name, now: () => this.options.host.now() });
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.rerun = false;
        try {
          await this.syncOnce();
        } catch (error) {
          this.options.log(`pod ${this.uid}: sync failed: ${(error as Error).message}`);
          this.scheduler.retryAt(this.options.host.now() + RETRY_MS / 2);
        }
      } while (this.rerun && !this.state.closed);
    } finally {
      this.syncing = false;
      this.markIdle();
    }
  }

  private async syncOnce(): Promise<void> {
    const { state } = this;
    if (state.closed) return;
    state.syncAbort = new AbortController();
    const record = this.options.host.getPod(this.uid);
    if (!record) {
      this.close();
      return;
    }
    const ctx = this.contextOf(record);
    const { pod } = ctx;
    // Also before a termination: a preStop cut by the crash is closed, then delivered again.
    this.hooks.closeInterruptedRuns();
    if (record.deletionTimestamp !== null) {
      await this.terminator.terminate(ctx, await this.observer.observe(ctx), () => this.close());
      return;
    }
    if (!pod.spec.nodeName) return; // not scheduled: stays Pending with its FailedScheduling event
    state.startTime ??= this.options.host.now();

    const view = await this.observer.observe(ctx);
    this.status.publish(ctx, view, record.status);
    if (state.terminal) return;
    if (await this.applyProbeKills(ctx, view)) {
      this.rerun = true;
      return;
    }
    if (await this.postStart.deliverPending(ctx, view)) {
      this.rerun = true;
      return;
    }

    const sandboxState: SandboxState = !view.sandbox ? 'none' : view.sandbox.state.running ? 'ready' : 'dead';
    const now = this.options.host.now();
    const actions = nextActions({ spec: pod.spec, podUid: this.uid, podFullName: ctx.fullName, observed: view.containers, backOff: this.options.backOff, now, sandbox: sandboxState });

    let acted = false;
    if (view.staleSandboxes.length) {
      await collectGarbage(this.deps, view.staleSandboxes.map((s) => s.id));
      acted = true;
    }
    if (actions.killPod === 'SandboxChanged' && view.sandbox) {
      if (!actions.podDone && this.sandboxChangedFor !== view.sandbox.id) this.deps.record([ctx.event('Normal', REASONS.sandboxChanged, messages.sandboxChanged())]);
      this.sandboxChangedFor = view.sandbox.id;
      await this.terminator.killContainers(ctx, view, ctx.gracePeriodSeconds, 'SandboxChanged');
      if (!actions.podDone) {
        await collectGarbage(this.deps, view.containers.map((c) => c.engineId));
        await collectGarbage(this.deps, [view.sandbox.id]);
      }
      acted = true;
    }
    if (actions.podDone) {
      await this.terminator.finishPod(ctx, view);
      this.rerun = true;
      return;
    }

    let sandboxId = view.sandbox?.state.running ? view.sandbox.id : undefined;
    if (actions.createSandbox) {
      // Engine events (say, a daemon shutting down) must not turn a failed creation into a hot loop.
      if (!this.sandboxes.mayTry(now)) return;
      sandboxId = await this.sandboxes.create(ctx);
      if (!sandboxId) return;
      // The new sandbox's addresses: containers started in this same sync get status.podIP/hostIP.
      view.sandbox = await this.options.engine.inspectContainer(sandboxId);
      acted = true;
    }
    if (!sandboxId) return;
    if (!(await this.volumes.ensure(ctx))) return;

    // Sync again at once only when the engine or a waiting reason changed; a start that could
    // not even create its container (image, config, mounts) has scheduled its own retry.
    state.engineChanged = false;
    state.waitingChanged = false;
    await this.startContainers(ctx, view, sandboxId, actions);
    if (state.engineChanged || state.waitingChanged) acted = true;
    // A changed waiting reason (CrashLoopBackOff) must be shown now, not at the next wake-up.
    if (this.backOffs.hold(ctx, actions.backoff)) acted = true;
    if (acted) this.rerun = true;
  }

  /** Init containers one by one (a regular one must finish first), then app containers in spec order. */
  private async startContainers(ctx: PodContext, view: PodView, sandboxId: string, actions: { startInit: string[]; start: string[] }): Promise<void> {
    const initSpecs = ctx.pod.spec.initContainers ?? [];
    for (const name of actions.startInit) {
      const container = initSpecs.find((c) => c.name === name)!;
      const started = await this.starter.start(ctx, container, view, sandboxId);
      // A regular init container must finish before anything after it starts.
      if (!started || container.restartPolicy !== 'Always') break;
    }
    const initPending = actions.startInit.some((name) => initSpecs.find((c) => c.name === name)?.restartPolicy !== 'Always');
    if (initPending) return;
    for (const name of actions.start) {
      const container = ctx.pod.spec.containers.find((c) => c.name === name)!;
      await this.starter.start(ctx, container, view, sandboxId);
    }
  }

  /** Liveness/startup failures: kill the container (with preStop); the restart policy follows. */
  private async applyProbeKills(ctx: PodContext, view: PodView): Promise<boolean> {
    let acted = false;
    for (const kill of this.probing.takeKills()) {
      const instance = view.containers.find((c) => c.engineId === kill.engineId && c.state === 'running');
      if (!instance) continue;
      await this.terminator.killOne(ctx, instance, view.details.get(kill.engineId), kill.gracePeriodSeconds, kill.reason, kill.message);
      acted = true;
    }
    return acted;
  }
}
