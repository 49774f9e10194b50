// The middle test layer's rig: the real core (store in a temp data dir, PodRuntime, PodWorkers)
// on a FakeEngine, all on virtual time (virtual-time.ts). A test applies YAML, deletes pods,
// advances the clock and reads what a user would see: pod status, events, hook runs and stop
// timelines. `crash()` makes Berth die where it stands — its engine connection never answers
// again and its timers are dropped, so nothing it had in flight is ever recorded — and `reopen()`
// starts a new Berth on the same data dir and the same engine, as after a restart.
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { openCore, type Core } from '../../src-main/api/core';
import { toPodObject } from '../../src-main/api/pod-object';
import type { PodObject } from '../../src-main/api/results';
import type { ContainerSpec } from '../../src-main/engine/container-spec';
import type { Engine, EngineEventStream } from '../../src-main/engine/engine';
import { FakeEngine, type FakeProgram } from '../../src-main/engine/fake';
import { LABELS } from '../../src-main/engine/labels';
import type { BerthEvent, ContainerStop, HookRun } from '../../src-main/model';
import { formatEvents, statusOf, type ContainerStatus, type PodStatus } from './pod-harness';
import { makeTempDir } from './temp';
import { VirtualTime } from './virtual-time';

export const IMAGE = 'local/busybox:1';
export const SANDBOX_IMAGE = 'local/pause:1';
const NAMESPACE = 'default';

/** A container block for `pod()`: what the fake runs is declared by `programs`, by container name. */
export function container(name: string, extra = ''): string {
  return `
  - name: ${name}
    image: ${IMAGE}
    imagePullPolicy: Never
    command: ["app"]${extra}`;
}

export function pod(name: string, containers: string, opts: { grace?: number; restartPolicy?: string } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}}`,
    'spec:',
    ...(opts.grace !== undefined ? [`  terminationGracePeriodSeconds: ${opts.grace}`] : []),
    ...(opts.restartPolicy ? [`  restartPolicy: ${opts.restartPolicy}`] : []),
    `  containers:${containers}`,
  ].join('\n');
}

/** A `lifecycle:` block for `container()`; each hook is an exec of `[hook-name]` unless given. */
export function lifecycle(hooks: { postStart?: string; preStop?: string }): string {
  const handler = (command: string) => (/^\s*(sleep|exec|httpGet):/.test(command) ? `{${command}}` : `{exec: {command: [${command}]}}`);
  return `
    lifecycle:${hooks.postStart ? `\n      postStart: ${handler(hooks.postStart)}` : ''}${hooks.preStop ? `\n      preStop: ${handler(hooks.preStop)}` : ''}`;
}

/**
 * An engine connection: answers arrive on a later event-loop turn (VirtualTime.deliver); after
 * `sever()`, nothing in flight or asked later ever settles.
 */
function severable(engine: Engine, time: VirtualTime): { engine: Engine; sever: () => void } {
  let alive = true;
  const never = new Promise<never>(() => undefined);
  const streams = new Set<EngineEventStream>();
  const guard = <T>(p: Promise<T>): Promise<T> => time.deliver(p).then((v) => (alive ? v : never), (e: unknown) => (alive ? Promise.reject(e) : never));
  const guardIterable = <T>(source: AsyncIterable<T>): AsyncIterable<T> => ({
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        next: () => guard(it.next()),
        return: (value?: unknown) => guard(it.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined })),
      };
    },
  });
  const proxy = new Proxy(engine, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!alive) return never;
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (prop === 'events') {
          return guard(result as Promise<EngineEventStream>).then((stream) => {
            streams.add(stream);
            return { close: () => stream.close(), ...guardIterable(stream) } satisfies EngineEventStream;
          });
        }
        if (result instanceof Promise) return guard(result);
        if (result && typeof result === 'object' && Symbol.asyncIterator in result) return guardIterable(result as AsyncIterable<unknown>);
        return result;
      };
    },
  });
  return {
    engine: proxy,
    sever() {
      alive = false;
      for (const s of streams) s.close(); // the engine forgets the dead subscriber
    },
  };
}

/** What a container runs: the same program every time, or one per instance (by restart count). */
export type ProgramOf = FakeProgram | ((restartCount: number) => FakeProgram);

export interface WorldOptions {
  /** What each spec container runs, by its name; the sandbox and unnamed ones run until signalled. */
  programs?: Record<string, ProgramOf>;
}

/** An engine event as the test saw it: which container (name, restart count), what, when. */
export interface SeenEvent {
  action: string;
  container: string | undefined;
  restartCount: number;
  time: number;
  exitCode?: number;
}

/** One Berth (core) on the world's engine and data dir. */
export class Berth {
  crashed = false;

  constructor(
    readonly world: KubeletWorld,
    readonly core: Core,
    private readonly connection: { sever: () => void },
  ) {}

  async apply(yaml: string): Promise<void> {
    const texts = parseAllDocuments(yaml).map((d) => JSON.stringify(d.toJSON()));
    await this.core.api.apply({ fileName: 'test.yaml', text: texts.join('\n---\n') });
    await this.world.time.flush();
  }

  async deletePod(name: string, gracePeriodSeconds?: number): Promise<void> {
    await this.core.api.deletePod({ namespace: NAMESPACE, name, ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}) });
    await this.world.time.flush();
  }

  /** The pod as `kubectl get -o json` shows it; undefined once it is gone. */
  pod(name: string): PodObject | undefined {
    const record = this.core.store.getPod(NAMESPACE, name);
    return record ? toPodObject(record) : undefined;
  }

  uid(name: string): string {
    const record = this.core.store.getPod(NAMESPACE, name);
    assert.ok(record, `pod ${name} exists`);
    return record.uid;
  }

  status(name: string): PodStatus {
    const found = this.pod(name);
    assert.ok(found, `pod ${name} exists`);
    return statusOf(found);
  }

  containerStatus(podName: string, containerName: string): ContainerStatus | undefined {
    return this.status(podName).containerStatuses?.find((c) => c.name === containerName);
  }

  /** Kept by uid: they outlive the pod. */
  events(uid: string): BerthEvent[] {
    return this.core.store.listEvents({ namespace: NAMESPACE }).filter((e) => e.involvedObject.uid === uid);
  }

  hookRuns(uid: string): HookRun[] {
    return this.core.store.listHookRuns(uid);
  }

  stops(uid: string): ContainerStop[] {
    return this.core.store.listContainerStops(uid);
  }

  /** Events as `kubectl describe` lists them, for assertion messages. */
  describe(uid: string): string {
    return formatEvents(this.events(uid));
  }

  /** Berth dies here: no write of what it had in flight ever happens. */
  crash(): void {
    this.crashed = true;
    this.connection.sever();
    this.world.time.drop('berth');
  }
}

/** A FakeEngine, a data dir and virtual time, shared by every Berth a test opens on them. */
export class KubeletWorld {
  readonly time = new VirtualTime();
  readonly engine: FakeEngine;
  private readonly temp = makeTempDir('berth-middle-');
  private readonly berths: Berth[] = [];
  readonly logs: string[] = [];

  constructor(options: WorldOptions = {}) {
    const programs = options.programs ?? {};
    this.engine = new FakeEngine({
      images: [IMAGE, SANDBOX_IMAGE],
      clock: this.time.engineClock,
      programs: (spec: ContainerSpec) => {
        const program = programs[spec.labels?.[LABELS.containerName] ?? ''];
        return typeof program === 'function' ? program(Number(spec.labels?.[LABELS.restartCount] ?? 0)) : program;
      },
    });
    this.time.install();
    void this.watch();
  }

  /** Every start/die/kill on the engine, in order (the test's own subscription, never severed). */
  readonly seen: SeenEvent[] = [];
  private stream: EngineEventStream | undefined;

  private async watch(): Promise<void> {
    this.stream = await this.engine.events({ actions: ['start', 'die', 'kill'] });
    for await (const e of this.stream) {
      this.seen.push({
        action: e.action,
        container: e.labels[LABELS.containerName],
        restartCount: Number(e.labels[LABELS.restartCount] ?? 0),
        time: e.time,
        ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}),
      });
    }
  }

  get dataDir(): string {
    return this.temp.path;
  }

  /** Opens a Berth on the data dir (a new one after a crash) and lets it connect and reconcile. */
  async open(): Promise<Berth> {
    const connection = severable(this.engine, this.time);
    const core = await openCore({
      dataDir: this.temp.path,
      engine: 'docker',
      env: {},
      runPods: true,
      sandboxImage: SANDBOX_IMAGE,
      connectEngine: async () => connection.engine,
      log: (message) => this.logs.push(message),
    });
    const berth = new Berth(this, core, connection);
    this.berths.push(berth);
    await this.time.flush();
    return berth;
  }

  /** The engine containers of a pod (sandbox included), oldest first. */
  async containers(uid: string): Promise<{ id: string; name: string | undefined; role: string | undefined; state: string; restartCount: string | undefined }[]> {
    const list = await this.engine.listContainers({ all: true, labels: { [LABELS.podUid]: uid } });
    return list.reverse().map((c) => ({ id: c.id, name: c.labels[LABELS.containerName], role: c.labels[LABELS.role], state: c.state, restartCount: c.labels[LABELS.restartCount] }));
  }

  /** Closes every Berth still alive (advancing time for stops under way), then the crashed ones' stores. */
  async close(): Promise<void> {
    try {
      for (const berth of this.berths) {
        if (berth.crashed) continue;
        let closed = false;
        const closing = berth.core.close().then(() => (closed = true));
        try {
          await this.time.until(() => closed, 600_000, 'the core closes', 1000);
          await closing;
        } catch (error) {
          berth.crash(); // whatever it still runs must stop with the test
          throw error;
        }
      }
    } finally {
      this.stream?.close();
      for (const berth of this.berths) if (berth.crashed) berth.core.store.close();
      this.time.uninstall();
      this.temp.remove();
    }
  }
}

/** A world for one test, closed when it ends. */
export function worldFor(t: { after: (fn: () => Promise<void>) => void }, options: WorldOptions = {}): KubeletWorld {
  const world = new KubeletWorld(options);
  t.after(() => world.close());
  return world;
}
