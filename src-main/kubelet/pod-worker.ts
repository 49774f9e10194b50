// One pod's worker, as the kubelet has one per pod: every sync observes the pod's containers on
// the engine, publishes the status they imply, and takes the next steps the restart logic decides
// (sandbox, init containers one by one, app containers in spec order, back-off). Syncs never
// overlap; a trigger during a sync runs another one after it.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, ContainerWaitingReason, EventInput, HookName, HookRun, KubeletEventReason, Pod, PodRecord, RecordedPodStatus, StopReason, StoredPod } from '../model';
import type { ContainerDetails, MountSpec } from '../engine/container-spec';
import type { Engine, EngineInfo } from '../engine/engine';
import { engineStatusCode, isNotFound, RuntimeNotHonouredError } from '../engine/engine';
import { LABELS, parseBerthLabels, type PodIdentity } from '../engine/labels';
import { containerSpec, namespaceNetworkName, sandboxSpec } from './engine-specs';
import { buildContainerEnv, expandCommandAndArgs, podHostnameAndDomain } from './environment';
import type { PodHost } from './host';
import { cleanupPodVolumes, ContainerMountError, failedMountMessage, preparePodVolumes, type PreparedPodVolumes } from './volumes';
import { containerFieldPath, kubeletEvent, messages, REASONS } from './messages';
import { ensureNamespaceNetwork, removeNamespaceNetwork, podmanNetworkDnsEnabled, sandboxAddresses, serviceDnsUnavailableMessage } from './network';
import { containerKind, observeContainer, stopSignalOf } from './observe';
import { backOffEventMessage, backOffKey, type BackOffTable } from './restart/backoff';
import { nextActions, type SandboxState } from './restart/next-actions';
import { effectiveState, instancesOf, type ObservedContainer, type WaitingOverride } from './status/observed';
import { generatePodStatus } from './status/pod-status';
import { terminationMessage } from './status/termination-message';
import { stopWithGrace, waitForExit as waitForExitOf } from './stop';
import { killContainer } from './kill-container';
import { GraceBudget } from './grace-budget';
import { formatPodFullName, handlerKind, hookFailureMessage, HOOK_EVENT_REASONS, LIFECYCLE_HTTP_FALLBACK_REASON, runLifecycleHandler, type HandlerResult } from '../hooks';
import { PodProber, type ProbeKill } from './prober';
import { ensureImage } from '../images/puller';
import { podPullCredentials } from '../images/credentials';
import { readUserDockerConfig } from '../images/docker-config';
import { imageBackOffKey, type ImagePullBackOff } from '../images/pull-backoff';
import { engineRuntimeFor, runtimeHandlerProblem } from './runtime-class';

/** How long to wait before retrying a step that failed for a reason that may pass. */
const RETRY_MS = 10_000;
/**
 * Sandbox images known to be on an engine (`address|image`): every pod needs the same one, so it
 * is looked up once, not once per pod. Forgotten when a sandbox cannot be created, so an image
 * removed meanwhile is pulled again.
 */
const sandboxImagesPresent = new Set<string>();
/** Node allocatable for downward API defaults: the machine's, as a kubelet would report it. */
const LOG_TAIL_FOR_MESSAGES = 80;

export interface WorkerOptions {
  engine: Engine;
  /** The node's image pull back-off (keyed by pod and image), shared by all pods. */
  imageBackOff: ImagePullBackOff;
  /** For the user's Docker config ($DOCKER_CONFIG, ~/.docker/config.json). */
  env: NodeJS.ProcessEnv;
  engineInfo: EngineInfo;
  host: PodHost;
  backOff: BackOffTable;
  nodeAllocatable: Record<string, string | number>;
  log: (message: string) => void;
}

/** Whether `hook` ran to success for this engine container (hook runs outlive Berth's restarts). */
function hookSucceeded(runs: readonly HookRun[], containerId: string, hook: HookName): boolean {
  return runs.some((r) => r.containerId === containerId && r.hook === hook && r.finishedAt !== null && r.error === null);
}

interface PodView {
  sandbox: ContainerDetails | undefined;
  staleSandboxes: ContainerDetails[];
  containers: ObservedContainer[];
  details: Map<string, ContainerDetails>;
}

export class PodWorker {
  private syncing = false;
  private rerun = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private closed = false;
  private readonly waiting: Record<string, WaitingOverride> = {};
  private readonly terminationMessages = new Map<string, string>();
  /** Back-off windows already announced with a BackOff event (one per window, aggregated). */
  private readonly announcedBackOffs = new Set<string>();
  private terminal = false;
  private deleteGraceSeconds: number | undefined;
  /** The grace budget of the termination under way, which a later, shorter delete shrinks. */
  private terminationBudget: GraceBudget | undefined;
  private volumes: PreparedPodVolumes | undefined;
  private startTime: number | undefined;
  private idle: Promise<void> = Promise.resolve();
  /** Aborted when the pod is deleted mid-sync: a blocking postStart must not hold up the delete. */
  private syncAbort = new AbortController();
  private interruptedRunsClosed = false;
  private prober: PodProber | undefined;
  private readonly probeKills = new Map<string, ProbeKill>();
  /** Containers whose start failed, with the error: Podman leaves them `created` with none of its own. */
  private readonly startFailures = new Map<string, string>();
  /** After a failed sandbox creation, none is tried again before this (epoch ms), whatever wakes the worker. */
  private sandboxRetryAt = 0;
  /** The dead sandbox a SandboxChanged event was recorded for (once per sandbox, not per sync). */
  private sandboxChangedFor: string | undefined;
  /** Set during a sync when a container was created, or a waiting reason changed. */
  private engineChanged = false;
  private waitingChanged = false;
  private markIdle: () => void = () => {};

  constructor(
    readonly uid: string,
    private readonly options: WorkerOptions,
  ) {}

  /** Something changed (engine event, apply, timer): sync soon. */
  trigger(): void {
    if (this.closed) return;
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
    if (gracePeriodSeconds !== undefined) {
      this.deleteGraceSeconds = Math.min(gracePeriodSeconds, this.deleteGraceSeconds ?? Infinity);
      // Already stopping: the containers get at most the new, shorter grace period from now on.
      this.terminationBudget?.shorten(this.host.now() + gracePeriodSeconds * 1000);
    }
    this.syncAbort.abort();
    this.trigger();
  }

  /** Resolves when no sync is running (tests and shutdown). */
  settled(): Promise<void> {
    return this.idle;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.syncAbort.abort(); // a blocking hook or pull must not hold up quitting
    this.prober?.stop();
  }

  /**
   * Berth is quitting with "stop pods": stop the containers within their grace period but keep
   * the pod, so the next start brings it back (as a node that reboots does).
   */
  async stopForShutdown(): Promise<void> {
    this.close();
    await this.idle;
    const record = this.host.getPod(this.uid);
    if (!record) return;
    const pod = this.podFrom(record);
    await this.killContainers(pod, await this.observe(pod), pod.spec.terminationGracePeriodSeconds ?? 30, 'Shutdown');
  }

  private podFrom(record: PodRecord): StoredPod {
    const pod = { ...record.manifest };
    pod.metadata = { ...pod.metadata, uid: this.uid, namespace: record.namespace };
    return pod;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private get engine(): Engine {
    return this.options.engine;
  }

  private get host(): PodHost {
    return this.options.host;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.rerun = false;
        try {
          await this.syncOnce();
        } catch (error) {
          this.options.log(`pod ${this.uid}: sync failed: ${(error as Error).message}`);
          this.retryAt(this.host.now() + RETRY_MS / 2);
        }
      } while (this.rerun && !this.closed);
    } finally {
      this.syncing = false;
      this.markIdle();
    }
  }

  /** Wake up at `at` (the earliest of the requested times wins). */
  private retryAt(at: number): void {
    if (this.closed || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
      this.trigger();
    }, Math.max(0, at - this.host.now()));
  }

  private identity(pod: Pod): PodIdentity {
    return { uid: this.uid, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
  }

  private event(pod: Pod, type: EventInput['type'], reason: KubeletEventReason, message: string, fieldPath?: string): EventInput {
    return kubeletEvent(this.identity(pod), this.host.node.name, type, reason, message, this.host.now(), fieldPath);
  }

  private record(events: EventInput[]): void {
    if (events.length) this.host.recordEvents(events);
  }

  private async syncOnce(): Promise<void> {
    if (this.closed) return;
    this.syncAbort = new AbortController();
    const record = this.host.getPod(this.uid);
    if (!record) {
      this.close();
      return;
    }
    const pod = this.podFrom(record);
    // Also before a termination: a preStop cut by the crash is closed, then delivered again.
    this.closeInterruptedHookRuns();
    if (record.deletionTimestamp !== null) {
      await this.terminate(pod);
      return;
    }
    if (!pod.spec.nodeName) return; // not scheduled: stays Pending with its FailedScheduling event
    this.startTime ??= this.host.now();

    const view = await this.observe(pod);
    this.publishStatus(pod, view, record.status);
    if (this.terminal) return;
    if (await this.applyProbeKills(pod, view)) {
      this.rerun = true;
      return;
    }
    if (await this.deliverPendingPostStarts(pod, view)) {
      this.rerun = true;
      return;
    }

    const sandboxState: SandboxState = !view.sandbox ? 'none' : view.sandbox.state.running ? 'ready' : 'dead';
    const now = this.host.now();
    const fullName = formatPodFullName(pod.metadata.name, record.namespace, this.uid);
    const actions = nextActions({ spec: pod.spec, podUid: this.uid, podFullName: fullName, observed: view.containers, backOff: this.options.backOff, now, sandbox: sandboxState });

    let acted = false;
    if (view.staleSandboxes.length) {
      await this.collectGarbage(view.staleSandboxes.map((s) => s.id));
      acted = true;
    }
    if (actions.killPod === 'SandboxChanged' && view.sandbox) {
      if (!actions.podDone && this.sandboxChangedFor !== view.sandbox.id) this.record([this.event(pod, 'Normal', REASONS.sandboxChanged, messages.sandboxChanged())]);
      this.sandboxChangedFor = view.sandbox.id;
      await this.killContainers(pod, view, pod.spec.terminationGracePeriodSeconds ?? 30, 'SandboxChanged');
      if (!actions.podDone) {
        await this.collectGarbage(view.containers.map((c) => c.engineId));
        await this.collectGarbage([view.sandbox.id]);
      }
      acted = true;
    }
    if (actions.podDone) {
      await this.finishPod(pod, view);
      this.rerun = true;
      return;
    }

    let sandboxId = view.sandbox?.state.running ? view.sandbox.id : undefined;
    if (actions.createSandbox) {
      // Engine events (say, a daemon shutting down) must not turn a failed creation into a hot loop.
      if (now < this.sandboxRetryAt) return;
      sandboxId = await this.createSandbox(pod);
      if (!sandboxId) return;
      // The new sandbox's addresses: containers started in this same sync get status.podIP/hostIP.
      view.sandbox = await this.engine.inspectContainer(sandboxId);
      acted = true;
    }
    if (!sandboxId) return;
    this.volumes ??= await this.prepareVolumes(pod);
    if (!this.volumes) return;

    // Sync again at once only when the engine or a waiting reason changed; a start that could
    // not even create its container (image, config, mounts) has scheduled its own retry.
    this.engineChanged = false;
    this.waitingChanged = false;
    const initSpecs = pod.spec.initContainers ?? [];
    for (const name of actions.startInit) {
      const container = initSpecs.find((c) => c.name === name)!;
      const started = await this.startContainer(pod, container, view, sandboxId);
      // A regular init container must finish before anything after it starts.
      if (!started || container.restartPolicy !== 'Always') break;
    }
    const initPending = actions.startInit.some((name) => initSpecs.find((c) => c.name === name)?.restartPolicy !== 'Always');
    if (!initPending) {
      for (const name of actions.start) {
        const container = pod.spec.containers.find((c) => c.name === name)!;
        await this.startContainer(pod, container, view, sandboxId);
      }
    }
    if (this.engineChanged || this.waitingChanged) acted = true;
    // A changed waiting reason (CrashLoopBackOff) must be shown now, not at the next wake-up.
    if (this.holdBackOffs(pod, actions.backoff, fullName)) acted = true;
    if (acted) this.rerun = true;
  }

  // ---- observation ----------------------------------------------------------------------------

  private async observe(pod: Pod): Promise<PodView> {
    const list = await this.engine.listContainers({ labels: { [LABELS.podUid]: this.uid }, all: true });
    const inspected = await Promise.all(
      list.map((c) =>
        this.engine.inspectContainer(c.id).catch((error: unknown) => {
          if (isNotFound(error)) return undefined; // removed between list and inspect
          throw error;
        }),
      ),
    );
    const details = inspected.filter((d): d is ContainerDetails => d !== undefined);
    const sandboxes = details
      .filter((d) => parseBerthLabels(d.labels)?.role === 'sandbox')
      .sort((a, b) => b.created - a.created);
    const containers: ObservedContainer[] = [];
    const hookRuns = this.host.hookRuns(this.uid);
    for (const d of details) {
      const observed = observeContainer(d, pod.spec);
      if (!observed) continue;
      // A failed start is an exit (ContainerCannotRun, back-off), not a container yet to start.
      const startFailure = this.startFailures.get(d.id);
      if (startFailure !== undefined && observed.state === 'created') observed.startError = startFailure;
      if (observed.state === 'running' && this.specOf(pod, observed.name)?.lifecycle?.postStart) {
        // Not Running until its postStart returned (successfully) for THIS instance.
        observed.started = hookSucceeded(hookRuns, observed.engineId, 'PostStart');
      }
      if (observed.state === 'running') {
        const probes = this.proberFor(pod).statusOf(observed.engineId);
        if (probes) {
          observed.ready = probes.ready;
          observed.started = (observed.started ?? true) && probes.started;
        }
      }
      if (observed.state === 'exited') observed.terminationMessage = await this.terminationMessageOf(pod, observed);
      containers.push(observed);
    }
    if (!this.closed) this.proberFor(pod).update(
      containers
        .filter((c) => c.state === 'running')
        .map((c) => ({
          engineId: c.engineId,
          container: this.specOf(pod, c.name)!,
          startedAt: c.startedAt ?? this.host.now(),
          postStartDone: !this.specOf(pod, c.name)?.lifecycle?.postStart || hookSucceeded(hookRuns, c.engineId, 'PostStart'),
        })),
    );
    return { sandbox: sandboxes[0], staleSandboxes: sandboxes.slice(1), containers, details: new Map(details.map((d) => [d.id, d])) };
  }

  // ---- probes ---------------------------------------------------------------------------------

  private proberFor(pod: Pod): PodProber {
    this.prober ??= new PodProber({
      engine: this.engine,
      now: () => this.host.now(),
      target: () => this.hookTarget(pod),
      event: (type, reason, message, container) => {
        const kind = containerKind(pod.spec, container) ?? 'app';
        this.record([this.event(pod, type, reason, message, containerFieldPath(kind, container))]);
      },
      changed: () => this.trigger(),
      kill: (request) => {
        this.probeKills.set(request.engineId, request);
        this.trigger();
      },
      podGracePeriodSeconds: pod.spec.terminationGracePeriodSeconds ?? 30,
      restartOnFailure: pod.spec.restartPolicy !== 'Never',
    });
    return this.prober;
  }

  /** Liveness/startup failures: kill the container (with preStop); the restart policy follows. */
  private async applyProbeKills(pod: Pod, view: PodView): Promise<boolean> {
    if (this.probeKills.size === 0) return false;
    const kills = [...this.probeKills.values()];
    this.probeKills.clear();
    let acted = false;
    for (const kill of kills) {
      const instance = view.containers.find((c) => c.engineId === kill.engineId && c.state === 'running');
      if (!instance) continue;
      await this.killOne(pod, instance, view.details.get(kill.engineId), kill.gracePeriodSeconds, kill.reason, kill.message);
      acted = true;
    }
    return acted;
  }

  private terminationLogPath(pod: Pod, name: string, attempt: number): string {
    return join(this.host.podDir(this.uid), 'containers', `${name}-${attempt}`, 'termination-log');
  }

  private async terminationMessageOf(pod: Pod, instance: ObservedContainer): Promise<string> {
    const cached = this.terminationMessages.get(instance.engineId);
    if (cached !== undefined) return cached;
    const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === instance.name);
    let fileContents: Buffer | null;
    try {
      fileContents = readFileSync(this.terminationLogPath(pod, instance.name, instance.attempt));
    } catch {
      fileContents = null; // never written: the container started before Berth made the file
    }
    const policy = spec?.terminationMessagePolicy ?? 'File';
    const exitCode = instance.exitCode ?? 0;
    const needsLogs = policy === 'FallbackToLogsOnError' && exitCode !== 0 && !fileContents?.length && !instance.startError;
    const logTail = needsLogs ? await this.engine.logsText(instance.engineId, { tail: LOG_TAIL_FOR_MESSAGES }).catch(() => '') : '';
    const message = terminationMessage({ policy, exitCode, fileContents, logTail, startFailed: Boolean(instance.startError) });
    this.terminationMessages.set(instance.engineId, message);
    return message;
  }

  // ---- status ---------------------------------------------------------------------------------

  private publishStatus(pod: Pod, view: PodView, previous: RecordedPodStatus): void {
    const network = namespaceNetworkName(pod.metadata.namespace ?? 'default');
    const addresses = view.sandbox?.state.running ? sandboxAddresses(view.sandbox, network) : {};
    const status = generatePodStatus({
      spec: pod.spec,
      observed: { engine: this.engine.kind, containers: view.containers, waiting: this.waiting },
      now: this.host.now(),
      previous,
      sandboxReady: Boolean(view.sandbox?.state.running),
      hostIPs: addresses.hostIP ? [addresses.hostIP] : [],
      podIPs: addresses.podIP ? [addresses.podIP] : [],
      ...(this.startTime !== undefined ? { startTime: this.startTime } : {}),
      podIsTerminal: this.terminal,
      podDeleting: (this.host.getPod(this.uid)?.deletionTimestamp ?? null) !== null,
    });
    // The earlier status may hold what generatePodStatus cannot know (a sandbox failure's reason).
    if (JSON.stringify(status) !== JSON.stringify(previous)) this.host.setStatus(this.uid, status, this.engine.kind);
  }

  private async publishCurrentStatus(pod: Pod): Promise<void> {
    const record = this.host.getPod(this.uid);
    if (record) this.publishStatus(pod, await this.observe(pod), record.status);
  }

  private setWaiting(name: string, reason: ContainerWaitingReason, message: string): void {
    const current = this.waiting[name];
    if (current?.reason !== reason || current.message !== message) this.waitingChanged = true;
    this.waiting[name] = { reason, message };
  }

  // ---- sandbox --------------------------------------------------------------------------------

  private failPod(pod: Pod, reason: string, message: string): void {
    this.terminal = true;
    const record = this.host.getPod(this.uid);
    const status: RecordedPodStatus = { ...(record?.status ?? {}), phase: 'Failed', reason, message };
    this.host.setStatus(this.uid, status, this.engine.kind);
  }

  private async createSandbox(pod: Pod): Promise<string | undefined> {
    const namespace = pod.metadata.namespace ?? 'default';
    const runtimeClassName = pod.spec.runtimeClassName;
    let handler: string | undefined;
    if (runtimeClassName) {
      const runtimeClass = this.host.objects.runtimeClass(runtimeClassName);
      handler = runtimeClass ? engineRuntimeFor(runtimeClass.handler, this.options.engineInfo) : undefined;
      const problem = runtimeClass ? runtimeHandlerProblem(runtimeClass.handler, this.options.engineInfo) : `RuntimeClass "${runtimeClassName}" not found`;
      if (problem) {
        this.record([this.event(pod, 'Warning', REASONS.failedCreatePodSandBox, messages.failedCreateSandbox(problem))]);
        this.failPod(pod, REASONS.failedCreatePodSandBox, problem);
        return undefined;
      }
    }
    let created: string | undefined;
    try {
      const imageKey = `${this.engine.address}|${this.host.sandboxImage}`;
      if (!sandboxImagesPresent.has(imageKey)) {
        if (!(await this.engine.imageExists(this.host.sandboxImage))) await this.engine.pullImage(this.host.sandboxImage);
        sandboxImagesPresent.add(imageKey);
      }
      const network = namespaceNetworkName(namespace);
      await ensureNamespaceNetwork(this.engine, network, namespace);
      if (this.host.objects.services(namespace).length > 0 && (await podmanNetworkDnsEnabled(this.engine, network)) === false) {
        this.record([this.event(pod, 'Warning', 'ServiceDNSUnavailable', serviceDnsUnavailableMessage(network))]);
      }
      const { hostname } = podHostnameAndDomain(pod);
      const labels = pod.metadata.labels ?? {};
      const aliases = this.host.objects
        .services(namespace)
        .map(({ service }) => service)
        .filter((svc) => {
          const selector = svc.spec?.selector ?? {};
          return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
        })
        .map((svc) => svc.metadata.name);
      const spec = sandboxSpec({
        pod,
        instance: this.host.instance,
        identity: this.identity(pod),
        generation: this.host.now(),
        image: this.host.sandboxImage,
        hostname,
        serviceAliases: aliases,
        ...(handler ? { runtimeHandler: handler } : {}),
      });
      created = await this.engine.createContainer(spec);
      await this.engine.startContainer(created);
      return created;
    } catch (error) {
      const message = (error as Error).message;
      // A sandbox that was made but could not start is no use: it goes now, not at the next sync.
      if (created) await this.collectGarbage([created]);
      sandboxImagesPresent.delete(`${this.engine.address}|${this.host.sandboxImage}`);
      this.record([this.event(pod, 'Warning', REASONS.failedCreatePodSandBox, messages.failedCreateSandbox(message))]);
      if (error instanceof RuntimeNotHonouredError) this.failPod(pod, REASONS.failedCreatePodSandBox, message);
      else {
        this.sandboxRetryAt = this.host.now() + RETRY_MS;
        this.retryAt(this.sandboxRetryAt);
      }
      return undefined;
    }
  }

  private async prepareVolumes(pod: Pod): Promise<PreparedPodVolumes | undefined> {
    const volumes = await preparePodVolumes({
      pod,
      podDir: this.host.podDir(this.uid),
      podUid: this.uid,
      engine: this.engine,
      lookups: {
        configMap: (ns, name) => this.host.objects.configMap(ns, name),
        secret: (ns, name) => this.host.objects.secret(ns, name),
        nodeAllocatable: this.options.nodeAllocatable,
      },
    });
    if (volumes.errors.length === 0) return volumes;
    this.record(volumes.errors.map((e) => this.event(pod, 'Warning', REASONS.failedMount, failedMountMessage(e))));
    for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      this.setWaiting(container.name, 'ContainerCreating', '');
    }
    this.retryAt(this.host.now() + RETRY_MS);
    return undefined;
  }

  // ---- containers -----------------------------------------------------------------------------

  /** Creates and starts the next instance of a container. False when it did not start. */
  private async startContainer(pod: Pod, container: Container, view: PodView, sandboxId: string): Promise<boolean> {
    const kind = containerKind(pod.spec, container.name) ?? 'app';
    const fieldPath = containerFieldPath(kind, container.name);
    const all = instancesOf(view.containers, container.name);
    // Created but never started (Berth died between the engine's create and start): it never ran,
    // so it is replaced under its own attempt number, not counted as a restart.
    const neverRan = all[0]?.state === 'created' && !all[0].startError ? all[0] : undefined;
    const instances = neverRan ? all.slice(1) : all;
    const previous = instances[0];
    const attempt = neverRan ? neverRan.attempt : previous ? previous.attempt + 1 : this.restartsBefore(container.name);
    const now = this.host.now();
    if (previous && effectiveState(previous) === 'exited') {
      this.options.backOff.next(backOffKey(this.uid, container.name), previous.finishedAt ?? now, now);
    }

    const image = await this.ensureImage(pod, container, fieldPath);
    if (!image) return false;

    const namespace = pod.metadata.namespace ?? 'default';
    const addresses = view.sandbox ? sandboxAddresses(view.sandbox, namespaceNetworkName(namespace)) : {};
    const env = buildContainerEnv({
      pod,
      container,
      runtime: { podIPs: addresses.podIP ? [addresses.podIP] : [], hostIPs: addresses.hostIP ? [addresses.hostIP] : [], nodeName: this.host.node.name },
      nodeAllocatable: this.options.nodeAllocatable,
      getConfigMap: (ns, name) => this.host.objects.configMap(ns, name),
      getSecret: (ns, name) => this.host.objects.secret(ns, name),
      services: this.host.objects.services(namespace),
      containerCreatedAt: now,
    });
    if (!env.ok) {
      this.setWaiting(container.name, env.reason, env.message);
      this.record([this.event(pod, 'Warning', REASONS.failed, messages.createError(env.message), fieldPath)]);
      this.retryAt(now + RETRY_MS);
      return false;
    }
    if (env.warnings.length) {
      this.record(env.warnings.map((w) => this.event(pod, 'Warning', REASONS.invalidEnvironmentVariableNames, w, fieldPath)));
    }
    const expanded = expandCommandAndArgs(container, env.env);
    const logPath = this.terminationLogPath(pod, container.name, attempt);
    mkdirSync(join(logPath, '..'), { recursive: true, mode: 0o755 });
    writeFileSync(logPath, '');
    chmodSync(logPath, 0o666); // any user in the container may write its termination message
    let volumeMounts: MountSpec[];
    try {
      volumeMounts = this.volumes?.mountsFor(container.name) ?? [];
    } catch (error) {
      if (!(error instanceof ContainerMountError)) throw error;
      this.setWaiting(container.name, error.reason, error.message);
      this.record([this.event(pod, 'Warning', REASONS.failed, messages.createError(error.message), fieldPath)]);
      this.retryAt(now + RETRY_MS);
      return false;
    }
    const mounts: MountSpec[] = [...volumeMounts, { type: 'bind', source: logPath, target: container.terminationMessagePath }];
    const { hostname } = podHostnameAndDomain(pod);
    const runtimeClass = pod.spec.runtimeClassName ? this.host.objects.runtimeClass(pod.spec.runtimeClassName) : undefined;
    const handler = engineRuntimeFor(runtimeClass?.handler, this.options.engineInfo);
    const spec = containerSpec({
      pod,
      instance: this.host.instance,
      identity: this.identity(pod),
      container: { ...container, image },
      attempt,
      engine: this.engine.kind,
      sandboxId,
      hostname,
      env: env.env,
      ...(expanded.command ? { command: expanded.command } : {}),
      ...(expanded.args ? { args: expanded.args } : {}),
      mounts,
      ...(handler ? { runtimeHandler: handler } : {}),
    });

    if (neverRan) await this.engine.removeContainer(neverRan.engineId, { force: true });
    let id: string;
    try {
      id = await this.engine.createContainer(spec);
    } catch (error) {
      if (engineStatusCode(error) === 409) {
        // Created by an earlier run of Berth that died before it could start it: adopt it.
        const existing = (await this.engine.listContainers({ labels: { [LABELS.podUid]: this.uid }, all: true })).find((c) => c.name === spec.name);
        if (!existing) throw error;
        id = existing.id;
      } else {
        const message = (error as Error).message;
        this.setWaiting(container.name, 'CreateContainerError', message);
        this.record([this.event(pod, 'Warning', REASONS.failed, messages.createError(message), fieldPath)]);
        this.retryAt(now + RETRY_MS);
        return false;
      }
    }
    this.engineChanged = true;
    this.record([this.event(pod, 'Normal', REASONS.created, messages.created(container.name), fieldPath)]);
    try {
      await this.engine.startContainer(id);
    } catch (error) {
      delete this.waiting[container.name];
      this.startFailures.set(id, (error as Error).message);
      this.record([this.event(pod, 'Warning', REASONS.failed, messages.createError(`failed to start container "${container.name}": ${(error as Error).message}`), fieldPath)]);
      return false;
    }
    delete this.waiting[container.name];
    this.record([this.event(pod, 'Normal', REASONS.started, messages.started(container.name), fieldPath)]);
    // Keep the newest exited instance (lastState, logs --previous); older ones go.
    for (const old of instances.slice(1)) await this.engine.removeContainer(old.engineId, { force: true });
    if (container.lifecycle?.postStart) return this.runPostStart(pod, container, id);
    return true;
  }

  /**
   * The next attempt of a container none of whose instances remains (the sandbox was re-created):
   * the count goes on from the last status, as the kubelet's does.
   */
  private restartsBefore(name: string): number {
    const status = this.host.getPod(this.uid)?.status ?? {};
    const known = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === name);
    return known?.containerID ? (known.restartCount ?? 0) + 1 : 0;
  }

  // ---- lifecycle hooks ------------------------------------------------------------------------

  private specOf(pod: Pod, name: string): Container | undefined {
    return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
  }

  /**
   * Hook runs left unfinished are from a Berth that died while they ran: close them as such. The
   * hooks themselves are delivered again where still needed (at least once, as Kubernetes says).
   */
  private closeInterruptedHookRuns(): void {
    if (this.interruptedRunsClosed) return;
    this.interruptedRunsClosed = true;
    for (const run of this.host.hookRuns(this.uid).filter((r) => r.finishedAt === null)) {
      this.host.hookRunFinished(run.id, {
        finishedAt: this.host.now(),
        exitCode: null,
        httpStatus: null,
        output: run.output,
        error: 'interrupted: Berth stopped while the hook ran; it is delivered again if its container still runs',
      });
    }
  }

  /** Running containers whose postStart never completed (Berth died meanwhile): run it again. */
  private async deliverPendingPostStarts(pod: Pod, view: PodView): Promise<boolean> {
    let acted = false;
    for (const instance of view.containers) {
      const container = this.specOf(pod, instance.name);
      if (instance.state !== 'running' || !container?.lifecycle?.postStart) continue;
      const runs = this.host.hookRuns(this.uid).filter((r) => r.containerId === instance.engineId && r.hook === 'PostStart');
      // Done means a successful run of THIS instance; "not started" can also be a startup probe.
      if (runs.some((r) => r.finishedAt !== null && r.error === null)) continue;
      if (this.syncAbort.signal.aborted) return acted;
      const failed = runs.some((r) => r.finishedAt !== null && r.error !== null && !r.error.startsWith('interrupted'));
      acted = true;
      if (failed) {
        await this.killOne(pod, instance, view.details.get(instance.engineId), pod.spec.terminationGracePeriodSeconds ?? 30, 'PostStartHookError', 'FailedPostStartHook');
      } else {
        await this.runPostStart(pod, container, instance.engineId);
      }
    }
    return acted;
  }

  /** The pod's sandbox as a hook target: its published ports and the pod IP. */
  private async hookTarget(pod: Pod): Promise<{ publishedPort: (port: number) => number | undefined; podIP?: string }> {
    const sandbox = (await this.engine.listContainers({ labels: { [LABELS.podUid]: this.uid, [LABELS.role]: 'sandbox' } }))[0];
    if (!sandbox) return { publishedPort: () => undefined };
    const details = await this.engine.inspectContainer(sandbox.id);
    const { podIP } = sandboxAddresses(details, namespaceNetworkName(pod.metadata.namespace ?? 'default'));
    return {
      publishedPort: (port) => details.ports.find((p) => p.containerPort === port && p.protocol === 'tcp')?.hostPort,
      ...(podIP ? { podIP } : {}),
    };
  }

  private async runHook(pod: Pod, container: Container, containerId: string, hook: HookName, signal: AbortSignal): Promise<HandlerResult> {
    const handler = hook === 'PostStart' ? container.lifecycle!.postStart! : container.lifecycle!.preStop!;
    // Resolved first, so an engine error here cannot leave a hook run "running" forever.
    const target = await this.hookTarget(pod);
    const run = this.host.hookRunStarted({
      podUid: this.uid,
      namespace: pod.metadata.namespace ?? 'default',
      podName: pod.metadata.name,
      container: container.name,
      containerId,
      hook,
      handler: handlerKind(handler),
      startedAt: this.host.now(),
    });
    const result = await runLifecycleHandler(handler, { engine: this.engine, containerId, container, signal, now: () => this.host.now(), ...target });
    this.host.hookRunFinished(run.id, {
      finishedAt: result.finishedAt,
      exitCode: result.exitCode ?? null,
      httpStatus: result.httpStatus ?? null,
      output: result.output,
      error: result.ok ? null : (result.error ?? `${hook}Hook failed`),
    });
    const kind = containerKind(pod.spec, container.name) ?? 'app';
    const fieldPath = containerFieldPath(kind, container.name);
    if (result.fallbackWarning) this.record([this.event(pod, 'Warning', LIFECYCLE_HTTP_FALLBACK_REASON, result.fallbackWarning, fieldPath)]);
    // A hook cut short by Berth (the grace period ran out, the container exited, the pod went)
    // keeps its hook run with the reason, but is no failure event: the kubelet lets such a hook
    // go on in the background and records nothing.
    if (!result.ok && !signal.aborted) {
      const fullName = formatPodFullName(pod.metadata.name, pod.metadata.namespace ?? 'default', this.uid);
      this.record([this.event(pod, 'Warning', HOOK_EVENT_REASONS[hook], hookFailureMessage(hook, handler, result, container.name, fullName), fieldPath)]);
    }
    return result;
  }

  /**
   * postStart runs right after the start; the container is not Running, and nothing after it
   * starts, until it returns. A failure kills the container (its preStop runs) and the restart
   * policy decides what follows.
   */
  private async runPostStart(pod: Pod, container: Container, containerId: string): Promise<boolean> {
    this.setWaiting(container.name, 'ContainerCreating', 'postStart hook running');
    this.publishStatus(pod, await this.observe(pod), this.host.getPod(this.uid)?.status ?? {});
    // The hook ends when the container exits, or when the pod is deleted (or Berth quits) meanwhile.
    const exited = new AbortController();
    const signal = AbortSignal.any([this.syncAbort.signal, exited.signal]);
    void waitForExitOf(this.engine, containerId, signal).then(() => exited.abort());
    const result = await this.runHook(pod, container, containerId, 'PostStart', signal);
    exited.abort();
    delete this.waiting[container.name];
    if (result.ok) return true;
    if (this.syncAbort.signal.aborted) return false; // the pod is being deleted: terminate() stops it
    const fullName = formatPodFullName(pod.metadata.name, pod.metadata.namespace ?? 'default', this.uid);
    this.setWaiting(container.name, 'PostStartHookError', hookFailureMessage('PostStart', container.lifecycle!.postStart!, result, container.name, fullName));
    const view = await this.observe(pod);
    const instance = view.containers.find((c) => c.engineId === containerId);
    if (instance) await this.killOne(pod, instance, view.details.get(containerId), pod.spec.terminationGracePeriodSeconds ?? 30, 'PostStartHookError', 'FailedPostStartHook');
    return false;
  }

  /**
   * The image by pull policy, with the pod's imagePullSecrets and the user's Docker config, and
   * the node's pull back-off. Returns the reference to create the container from, or undefined
   * (the waiting reason is set and a retry scheduled).
   */
  private async ensureImage(pod: Pod, container: Container, fieldPath: string): Promise<string | undefined> {
    const namespace = pod.metadata.namespace ?? 'default';
    const credentials = podPullCredentials({
      namespace,
      imagePullSecrets: pod.spec.imagePullSecrets,
      getSecret: (ns, name) => {
        const secret = this.host.objects.secret(ns, name);
        return secret ? { type: secret.type ?? 'Opaque', data: secret.data ?? {} } : null;
      },
      userConfig: readUserDockerConfig({ env: this.options.env }),
    });
    this.record(credentials.events.map((e) => this.event(pod, e.type, e.reason, e.message)));
    const result = await ensureImage({
      engine: this.engine,
      image: container.image,
      policy: container.imagePullPolicy,
      credentials: credentials.keyring,
      backOff: { tracker: this.options.imageBackOff, podUid: this.uid },
      onEvent: (e) => this.record([this.event(pod, e.type, e.reason, e.message, fieldPath)]),
      onProgress: (p) =>
        this.host.pullProgress({
          podUid: this.uid,
          namespace,
          podName: pod.metadata.name,
          container: container.name,
          image: p.image,
          percent: p.percent ?? null,
          layers: p.layers,
        }),
      signal: this.syncAbort.signal,
    }).catch((error: unknown) => {
      if (this.syncAbort.signal.aborted) return undefined; // the pod is being deleted
      throw error;
    });
    if (!result) return undefined;
    // The last word on a pull, so a progress bar knows it is over (also when it failed).
    const pulled = result.ok ? result.pulled : result.reason === 'ErrImagePull';
    if (pulled) {
      this.host.pullProgress({
        podUid: this.uid,
        namespace,
        podName: pod.metadata.name,
        container: container.name,
        image: container.image,
        percent: result.ok ? 100 : null,
        layers: [],
        done: true,
        ...(result.ok ? {} : { error: result.message }),
      });
    }
    if (result.ok) {
      if (this.waiting[container.name]?.reason.includes('Image')) delete this.waiting[container.name];
      return result.image;
    }
    this.setWaiting(container.name, result.reason, result.message);
    const wait = this.options.imageBackOff.remainingMs(imageBackOffKey(this.uid, container.image));
    this.retryAt(this.host.now() + Math.max(wait, 1000));
    return undefined;
  }

  /** Shows the containers held by back-off as CrashLoopBackOff; true when that changed anything. */
  private holdBackOffs(pod: Pod, waits: { name: string; until: number; message: string }[], fullName: string): boolean {
    let changed = false;
    for (const wait of waits) {
      const current = this.waiting[wait.name];
      if (current?.reason !== 'CrashLoopBackOff' || current.message !== wait.message) changed = true;
      this.setWaiting(wait.name, 'CrashLoopBackOff', wait.message);
      const key = `${wait.name}@${wait.until}`;
      if (!this.announcedBackOffs.has(key)) {
        this.announcedBackOffs.add(key);
        const kind = containerKind(pod.spec, wait.name) ?? 'app';
        this.record([this.event(pod, 'Warning', REASONS.backOff, backOffEventMessage(wait.name, fullName), containerFieldPath(kind, wait.name))]);
      }
      this.retryAt(wait.until);
    }
    return changed;
  }

  // ---- stopping -------------------------------------------------------------------------------

  /** Stops every running container of the pod in parallel within the grace period. */
  private budgetOf(grace: number | GraceBudget): GraceBudget {
    return typeof grace === 'number' ? GraceBudget.of(grace * 1000, this.host.now()) : grace;
  }

  private async killContainers(pod: Pod, view: PodView, grace: number | GraceBudget, reason: StopReason): Promise<void> {
    const running = view.containers.filter((c) => c.state === 'running');
    const initOrder = (name: string) => (pod.spec.initContainers ?? []).findIndex((s) => s.name === name);
    const sidecars = running.filter((c) => c.kind === 'sidecar').sort((a, b) => initOrder(b.name) - initOrder(a.name));
    // One budget for the whole pod: sidecars get what the app containers left of it.
    const budget = this.budgetOf(grace);
    // allSettled: one failed kill must not leave the others unobserved (and re-run their preStop).
    const results = await Promise.allSettled(
      running
        .filter((c) => c.kind !== 'sidecar')
        .map(async (c) => {
          await this.killOne(pod, c, view.details.get(c.engineId), budget, reason);
          await this.publishCurrentStatus(pod); // each exit shows as it happens, not when all are done
        }),
    );
    // Sidecars stop after the app containers, in reverse order, within what is left of the one
    // grace period (the kubelet's shared budget; killContainer still gives each its 2 s minimum).
    for (const sidecar of sidecars) {
      results.push(...(await Promise.allSettled([this.killOne(pod, sidecar, view.details.get(sidecar.engineId), budget, reason)])));
    }
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (view.sandbox?.state.running) await stopWithGrace(this.engine, view.sandbox.id, 'SIGTERM', 2000);
  }

  /**
   * One container's stop, as the kubelet's killContainer: a `Killing` event, preStop (a container
   * that already exited gets none), the stop signal, SIGKILL when the budget is spent — with the
   * timeline written as it happens.
   */
  private async killOne(pod: Pod, instance: ObservedContainer, details: ContainerDetails | undefined, grace: number | GraceBudget, reason: StopReason, killingMessage?: string): Promise<void> {
    const budget = this.budgetOf(grace);
    const container = this.specOf(pod, instance.name);
    this.record([this.event(pod, 'Normal', REASONS.killing, killingMessage ?? messages.killing(instance.name), containerFieldPath(instance.kind, instance.name))]);
    const stop = this.host.containerStopStarted({
      podUid: this.uid,
      namespace: pod.metadata.namespace ?? 'default',
      podName: pod.metadata.name,
      container: instance.name,
      containerId: instance.engineId,
      reason,
      gracePeriodMs: budget.gracePeriodMs,
      startedAt: this.host.now(),
    });
    // A preStop already delivered to this instance (by a Berth that died before the container
    // exited) is not run again: at least once, as postStart.
    const preStopDue = instance.state === 'running' && !hookSucceeded(this.host.hookRuns(this.uid), instance.engineId, 'PreStop');
    const preStop =
      container?.lifecycle?.preStop && preStopDue
        ? async (signal: AbortSignal) => {
            await this.runHook(pod, container, instance.engineId, 'PreStop', signal);
          }
        : undefined;
    await killContainer({
      engine: this.engine,
      containerId: instance.engineId,
      stopSignal: details ? stopSignalOf(details) : 'SIGTERM',
      budget,
      ...(preStop ? { preStop } : {}),
      now: () => this.host.now(),
      onMilestone: (m) => this.host.containerStopUpdated(stop.id, m),
    });
  }

  /**
   * Removes dead containers and sandboxes the pod no longer needs, containers first (Podman). Like
   * the kubelet's garbage collection it never blocks the pod: an engine that cannot remove one
   * ("device or resource busy" after a daemon restart) gets another try at a later sync, while
   * the new sandbox and containers start.
   */
  private async collectGarbage(ids: string[]): Promise<void> {
    const results = await Promise.allSettled(ids.map((id) => this.engine.removeContainer(id, { force: true })));
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') this.options.log(`pod ${this.uid}: could not remove dead container ${ids[i]!.slice(0, 12)} yet: ${(result.reason as Error).message}`);
    }
  }

  private async removePodContainers(view: PodView): Promise<void> {
    // Podman refuses to remove a sandbox others joined: containers first, then sandboxes.
    await Promise.all(view.containers.map((c) => this.engine.removeContainer(c.engineId, { force: true })));
    const sandboxes = [view.sandbox, ...view.staleSandboxes].filter((s): s is ContainerDetails => s !== undefined);
    await Promise.all(sandboxes.map((s) => this.engine.removeContainer(s.id, { force: true })));
  }

  /** Nothing will run again: stop what is left (sidecars, the sandbox); the containers stay for logs. */
  private async finishPod(pod: Pod, view: PodView): Promise<void> {
    this.terminal = true;
    await this.killContainers(pod, view, pod.spec.terminationGracePeriodSeconds ?? 30, 'PodCompleted');
  }

  private async terminate(pod: StoredPod): Promise<void> {
    const view = await this.observe(pod);
    // The grace period the delete asked for is on the object (so a controller that started after
    // the delete — the CLI's, or Berth after a restart — still honours it); a later, shorter one wins.
    const requested = pod.metadata.deletionGracePeriodSeconds;
    const grace = Math.min(requested ?? pod.spec.terminationGracePeriodSeconds ?? 30, this.deleteGraceSeconds ?? Infinity);
    this.terminationBudget = GraceBudget.of(grace * 1000, this.host.now());
    await this.killContainers(pod, view, this.terminationBudget, 'Delete');
    await this.removePodContainers(view);
    await cleanupPodVolumes({ podDir: this.host.podDir(this.uid), podUid: this.uid });
    rmSync(this.host.podDir(this.uid), { recursive: true, force: true });
    this.close();
    this.host.podRemoved(this.uid);
    if (!this.host.namespaceHasPods(pod.metadata.namespace ?? 'default')) await removeNamespaceNetwork(this.engine, namespaceNetworkName(pod.metadata.namespace ?? 'default'));
  }
}
