// The pod runtime: one worker per pod, woken by engine events, apply/delete and timers. At start
// (and after the engine comes back) it reconciles: adopts the pods' containers it finds by label,
// removes containers of pods it no longer knows, and lets every worker converge.
import { cpus, totalmem } from 'node:os';
import { connectEngine } from '../engine/connect';
import type { Engine, EngineEventStream, EngineInfo } from '../engine/engine';
import { LABELS, MANAGED_VALUE, parseBerthLabels } from '../engine/labels';
import type { PodHost } from './host';
import { nodeReadinessEvent } from './messages';
import { EngineObserver } from './observation/engine-observer';
import { PodWorker } from './pod-worker';
import { BackOffTable } from './restart/backoff';
import { ImagePullBackOff } from '../images/pull-backoff';

export interface RuntimeOptions {
  engine: 'docker' | 'podman' | 'auto';
  env: NodeJS.ProcessEnv;
  host: PodHost;
  /** All pod uids Berth knows (not yet removed). */
  knownPods: () => string[];
  log?: (message: string) => void;
  /** How often every pod is re-synced even without events (a safety net). */
  resyncMs?: number;
  /**
   * `all` (the app, `berth serve`): run every pod Berth knows. `session` (a CLI command running a
   * controller for its own duration): only the pods this command applies or deletes.
   */
  scope?: 'all' | 'session';
  /** How to reach the engine; default connectEngine (the middle tests pass a FakeEngine). */
  connect?: () => Promise<Engine>;
}

const RECONNECT_MS = 2000;

export class PodRuntime {
  private engine: Engine | undefined;
  /** The engine's containers as its event stream tells them; the workers read from it. */
  private observer: EngineObserver | undefined;
  private engineInfo: EngineInfo | undefined;
  private events: EngineEventStream | undefined;
  private readonly workers = new Map<string, PodWorker>();
  private readonly backOff = new BackOffTable();
  private readonly imageBackOff: ImagePullBackOff;
  private stopped = false;
  private resyncTimer: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;
  private readonly log: (message: string) => void;
  /** In `session` scope: the pods this session applied or deleted. */
  private readonly touched = new Set<string>();
  private wakeFromRetry: () => void = () => {};
  /** Whether the engine answered last time we knew: events are recorded on the changes only. */
  private engineReady: boolean | undefined;

  constructor(private readonly options: RuntimeOptions) {
    this.log = options.log ?? ((message) => console.error(`berth: ${message}`));
    this.imageBackOff = new ImagePullBackOff(() => options.host.now());
  }

  /** Connects (retrying in the background when the engine is not there yet) and reconciles. */
  start(): Promise<void> {
    this.connecting ??= this.connectLoop();
    this.resyncTimer = setInterval(() => this.resync(), this.options.resyncMs ?? 30_000);
    this.resyncTimer.unref();
    return this.connecting;
  }

  /** Resolves once connected, or rejects after the first failure (callers that must not wait forever). */
  async ready(): Promise<Engine> {
    if (this.engine) return this.engine;
    const engine = await this.connect();
    await engine.ping();
    return engine;
  }

  get connectedEngine(): Engine | undefined {
    return this.engine;
  }

  podApplied(uid: string): void {
    this.touched.add(uid);
    this.workerFor(uid)?.trigger();
  }

  deletePod(uid: string, gracePeriodSeconds: number | undefined): void {
    this.touched.add(uid);
    this.workerFor(uid)?.requestDelete(gracePeriodSeconds);
  }

  /** Resolves when every worker is between syncs. */
  async settled(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.settled()));
  }

  /** Stops every pod's containers gracefully (preStop hooks included), keeping the pods. */
  async stopPods(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.stopForShutdown()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    this.wakeFromRetry();
    // A connection attempt in flight must finish (and see `stopped`) before anything is closed.
    await this.connecting?.catch(() => undefined);
    this.events?.close();
    for (const worker of this.workers.values()) worker.close();
    await Promise.all([...this.workers.values()].map((w) => w.settled()));
    this.workers.clear();
  }

  private connect(): Promise<Engine> {
    return this.options.connect?.() ?? connectEngine({ engine: this.options.engine, env: this.options.env });
  }

  private workerFor(uid: string): PodWorker | undefined {
    if (!this.engine || !this.engineInfo || !this.observer) return undefined; // it syncs every pod once connected
    let worker = this.workers.get(uid);
    if (!worker || worker.isClosed) {
      worker = new PodWorker(uid, {
        engine: this.observer.engine,
        engineInfo: this.engineInfo,
        host: this.options.host,
        backOff: this.backOff,
        imageBackOff: this.imageBackOff,
        env: this.options.env,
        nodeAllocatable: { cpu: cpus().length, memory: totalmem(), 'ephemeral-storage': 0 },
        log: this.log,
      });
      this.workers.set(uid, worker);
    }
    return worker;
  }

  /** The periodic safety net: one list checked against the view, then every pod syncs. */
  private resync(): void {
    void this.observer?.checkAgainstList().catch((error: unknown) => this.log(`engine list failed: ${(error as Error).message}`));
    this.syncAll();
  }

  private syncAll(): void {
    const known = this.options.knownPods();
    const pods = this.options.scope === 'session' ? known.filter((uid) => this.touched.has(uid)) : known;
    for (const uid of pods) this.workerFor(uid)?.trigger();
  }

  private async connectLoop(): Promise<void> {
    let lastError = '';
    while (!this.stopped) {
      try {
        const engine = await this.connect();
        const info = await engine.info();
        if (this.stopped) return;
        this.engineInfo = info;
        // A new observer each time: after the stream reconnects, the view is read afresh.
        const observer = new EngineObserver(engine, {
          selector: this.ownLabels(),
          onPodChanged: (uid) => this.workers.get(uid)?.trigger(),
          now: () => this.options.host.now(),
        });
        this.observer = observer;
        this.engine = engine;
        this.noteEngineReady(true);
        // Watch before reconciling, so nothing that happens in between is missed.
        await this.watchEvents(engine, observer);
        if (this.stopped) {
          this.events?.close();
          return;
        }
        await this.reconcile(observer);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (this.stopped) return;
        if (message !== lastError) this.log(`container engine not reachable, retrying: ${message}`);
        lastError = message;
        this.noteEngineReady(false, `container runtime is down: ${message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RECONNECT_MS);
          this.wakeFromRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** The labels on everything this Berth creates. */
  private ownLabels(): Record<string, string> {
    return { [LABELS.managed]: MANAGED_VALUE, [LABELS.instance]: this.options.host.instance };
  }

  private async watchEvents(engine: Engine, observer: EngineObserver): Promise<void> {
    // Only what changes a pod's state: hooks' and probes' exec events would each cost a sync.
    const stream = await engine.events({ labels: this.ownLabels(), actions: ['start', 'die', 'oom', 'destroy'] });
    this.events = stream;
    void (async () => {
      // Taken off the stream as fast as it comes (dockerd drops events a slow reader misses),
      // applied to the view one after the other, in order.
      let applied = Promise.resolve();
      try {
        for await (const event of stream) {
          applied = applied.then(() => observer.handle(event)).catch((error: unknown) => this.log(`engine event not applied: ${(error as Error).message}`));
        }
      } catch (error) {
        if (!this.stopped) this.log(`engine event stream failed: ${(error as Error).message}`);
      }
      if (this.stopped) return;
      // The engine went away (restarted?): reconnect, then resync everything.
      this.log('lost the engine event stream; reconnecting');
      this.engine = undefined;
      this.observer = undefined;
      this.noteEngineReady(false, 'lost the container runtime’s event stream; reconnecting');
      // Workers hold the old connection: new ones are made once the engine answers again.
      for (const worker of this.workers.values()) worker.close();
      this.workers.clear();
      this.connecting = this.connectLoop();
    })();
  }

  /** Records NodeNotReady / NodeReady when the engine goes away or comes back (not at a first connect). */
  private noteEngineReady(ready: boolean, detail?: string): void {
    const before = this.engineReady;
    this.engineReady = ready;
    if (before === ready || (before === undefined && ready)) return;
    const host = this.options.host;
    host.recordEvents([nodeReadinessEvent(host.node.name, ready, host.now(), detail)]);
  }

  private async reconcile(observer: EngineObserver): Promise<void> {
    const known = new Set(this.options.knownPods());
    // The engine's list is the source of truth after a crash: a full read seeds the view.
    await observer.resync();
    const ours = observer.view.list(this.ownLabels(), true);
    const orphans = ours.filter((c) => {
      const uid = parseBerthLabels(c.labels)?.pod.uid;
      return uid !== undefined && !known.has(uid);
    });
    // Pods deleted while Berth was away: their containers first, then their sandboxes (Podman).
    const byRole = (role: string) => orphans.filter((c) => c.labels[LABELS.role] === role);
    for (const role of ['container', 'sandbox']) {
      await Promise.all(byRole(role).map((c) => observer.engine.removeContainer(c.id, { force: true })));
    }
    if (orphans.length) this.log(`removed ${orphans.length} container(s) of pods Berth no longer knows`);
    this.syncAll();
  }
}
