// An in-memory container engine that honours the engine port's contract (the cases in
// test/support/engine-contract-cases.ts, which real Docker and Podman pass too). Containers run
// FakePrograms the test declares; time comes from a FakeClock (see clock.ts). For tests and
// benches only: nothing in the app constructs it.
import type { ContainerDetails, ContainerSpec } from '../container-spec';
import type { OutputChunk } from '../demux';
import type { EndpointCandidate, EngineKind } from '../endpoint';
import { engineHttpError, RuntimeNotHonouredError } from '../errors';
import { matchesLabels } from '../events';
import type { EngineEvent } from '../events';
import type {
  ContainerSummary,
  Engine,
  EngineEventStream,
  EngineInfo,
  EventOptions,
  ExecOptions,
  ExecResult,
  ImageDetails,
  ListOptions,
  LogOptions,
  LogTextOptions,
  NetworkCreateOptions,
  NetworkDetails,
  PullOptions,
  RegistryAuth,
  RemoveOptions,
  VolumeCreateOptions,
  VolumeDetails,
} from '../port';
import { MAX_LOG_READ_BYTES, TailBytes } from '../log-tail';
import { linuxSignalNumber, signalName } from '../signals';
import { systemClock } from './clock';
import type { FakeClock } from './clock';
import { FakeContainer } from './container';
import { FakeEventFeed } from './event-feed';
import { fakeExec } from './exec';
import { FakeResources, fakeId } from './resources';
import type { FakeRegistryImage } from './resources';
import { RUNS_UNTIL_SIGNALLED } from './program';
import type { FakeProgram } from './program';

export interface FakeEngineOptions {
  /** Which engine to behave as where Docker and Podman differ (runtimes, default network, DNS check). */
  kind?: EngineKind;
  /** The behaviour of each container, decided from its spec; default RUNS_UNTIL_SIGNALLED. */
  programs?: (spec: ContainerSpec) => FakeProgram | undefined;
  /** Images present from the start. */
  images?: readonly string[];
  /** What a pull can fetch, by reference. */
  registry?: Readonly<Record<string, FakeRegistryImage>>;
  /** OCI runtimes a RuntimeClass handler may name (Docker only; Podman's compat API ignores it). */
  runtimes?: readonly string[];
  /** Podman only: whether networks resolve names (false: no dnsname plugin). Default true. */
  networkDns?: boolean;
  clock?: FakeClock;
}

const FIRST_HOST_PORT = 32768;

export class FakeEngine implements Engine {
  readonly kind: EngineKind;
  readonly address: string;
  readonly clock: FakeClock;
  private readonly containers = new Map<string, FakeContainer>();
  private readonly feed = new FakeEventFeed();
  private readonly resources: FakeResources;
  private readonly runtimes: readonly string[];
  private created = 0;
  private nextHostPort = FIRST_HOST_PORT;

  constructor(private readonly options: FakeEngineOptions = {}) {
    this.kind = options.kind ?? 'docker';
    this.address = `fake://${this.kind}`;
    this.clock = options.clock ?? systemClock;
    this.runtimes = options.runtimes ?? ['runc'];
    this.resources = new FakeResources(this.kind, options.images ?? [], options.registry ?? {}, options.networkDns ?? true);
  }

  /** A stand-in endpoint, for code that prints where the engine is. */
  get endpoint(): EndpointCandidate {
    return { kind: this.kind, transport: { type: 'unix', path: '/fake.sock' }, address: this.address, source: 'FakeEngine', present: true };
  }

  async ping(): Promise<void> {}

  async info(): Promise<EngineInfo> {
    return {
      kind: this.kind,
      version: 'fake',
      apiVersion: '1.41',
      os: 'linux',
      arch: 'amd64',
      socket: this.address,
      runtimes: [...this.runtimes].sort(),
      defaultRuntime: 'runc',
      runtimeSelectable: this.kind === 'docker',
      host: { cpus: 4, memoryBytes: 8 * 1024 ** 3, operatingSystem: 'Fake OS', kernelVersion: '6.0.0-fake' },
    };
  }

  // ---- images ----------------------------------------------------------------------------------

  async imageExists(ref: string): Promise<boolean> {
    return this.resources.inspectImage(ref) !== undefined;
  }

  async inspectImage(ref: string): Promise<ImageDetails | undefined> {
    return this.resources.inspectImage(ref);
  }

  pullImage(ref: string, auth?: RegistryAuth, options: PullOptions = {}): Promise<void> {
    return this.resources.pullImage(ref, auth, options);
  }

  // ---- containers ------------------------------------------------------------------------------

  async createContainer(spec: ContainerSpec): Promise<string> {
    const image = this.resources.inspectImage(spec.image);
    if (!image) throw engineHttpError(404, `No such image: ${spec.image}`);
    if (spec.runtime !== undefined && this.kind === 'docker' && !this.runtimes.includes(spec.runtime)) {
      throw engineHttpError(400, `Unknown runtime specified ${spec.runtime}`);
    }
    const network = this.networkOf(spec);
    if (network && !this.resources.hasNetwork(network)) throw engineHttpError(404, `network ${network} not found`);
    const id = fakeId(`container:${++this.created}`);
    const name = spec.name ?? `fake_${id.slice(0, 12)}`;
    if ([...this.containers.values()].some((c) => c.name === name)) {
      throw engineHttpError(409, `Conflict. The container name "/${name}" is already in use`);
    }
    const program = this.options.programs?.(spec) ?? RUNS_UNTIL_SIGNALLED;
    const container = new FakeContainer(id, name, spec, image.id, this.clock.now(), program);
    this.containers.set(id, container);
    for (const m of spec.mounts ?? []) if (m.type === 'volume' && m.source) this.resources.createVolume({ name: m.source });
    this.emit(container, 'create');
    if (spec.runtime !== undefined && this.kind === 'podman') {
      // Podman's compat API ignores the runtime: the adapter removes the container and refuses.
      await this.removeContainer(id, { force: true });
      throw new RuntimeNotHonouredError(spec.runtime, 'runc', this.kind);
    }
    return id;
  }

  async containerRuntime(id: string): Promise<string | undefined> {
    const c = this.get(id);
    return this.kind === 'docker' ? (c.spec.runtime ?? 'runc') : 'runc';
  }

  async startContainer(id: string): Promise<void> {
    const c = this.get(id);
    if (c.running) return;
    if (c.program.startError !== undefined) {
      c.error = c.program.startError;
      c.exitCode = 128;
      throw engineHttpError(500, c.program.startError);
    }
    c.status = 'running';
    c.exitCode = 0;
    c.oomKilled = false;
    c.error = '';
    c.startedAt = this.clock.now();
    delete c.finishedAt;
    this.publish(c);
    this.emit(c, 'start');
    const { program } = c;
    for (const out of program.output ?? []) this.after(c, out.afterMs ?? 0, () => c.log.write(out.stream, out.text, this.clock.now()));
    if (program.exitAfterMs !== undefined) this.after(c, program.exitAfterMs, () => this.exit(c, program.exitCode ?? 0));
    if (program.oomAfterMs !== undefined) this.after(c, program.oomAfterMs, () => this.exit(c, 137, { oom: true }));
  }

  async inspectContainer(id: string): Promise<ContainerDetails> {
    return this.get(id).details();
  }

  async killContainer(id: string, signal: string): Promise<boolean> {
    const c = this.get(id);
    if (!c.running) return false;
    this.signal(c, signal);
    return true;
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<boolean> {
    const c = this.get(id);
    if (!c.running) return false;
    const exited = new Promise<void>((resolve) => c.onExit.add(() => resolve()));
    this.signal(c, c.spec.stopSignal ?? 'SIGTERM');
    if (c.running) this.after(c, Math.max(0, Math.ceil(timeoutSeconds)) * 1000, () => this.signal(c, 'SIGKILL'));
    await exited;
    this.emit(c, 'stop');
    return true;
  }

  async removeContainer(id: string, opts: RemoveOptions = {}): Promise<boolean> {
    const c = this.containers.get(id) ?? this.byName(id);
    if (!c) return false;
    if (c.running && !opts.force) {
      throw this.kind === 'podman'
        ? engineHttpError(500, `cannot remove container ${c.id} as it is running - running or paused containers cannot be removed without force: container state improper`)
        : engineHttpError(409, `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
    }
    if (this.kind === 'podman' && [...this.containers.values()].some((o) => o.spec.networkMode === `container:${c.id}`)) {
      throw engineHttpError(500, `container ${c.id} has dependent containers which must be removed before it`);
    }
    if (c.running) this.signal(c, 'SIGKILL');
    this.containers.delete(c.id);
    this.emit(c, 'destroy');
    return true;
  }

  async listContainers(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    const now = this.clock.now();
    return [...this.containers.values()]
      .filter((c) => (opts.all ? true : c.running) && matchesLabels(c.labels, opts.labels ?? {}))
      .sort((a, b) => b.created - a.created) // newest first, as the engines list
      .map((c) => c.summary(now));
  }

  async waitContainer(id: string, opts: { signal?: AbortSignal } = {}): Promise<number | undefined> {
    const c = this.get(id);
    opts.signal?.throwIfAborted();
    if (!c.running) return c.exitCode;
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => {
        c.onExit.delete(done);
        reject(opts.signal?.reason as Error);
      };
      const done = (code: number): void => {
        opts.signal?.removeEventListener('abort', onAbort);
        resolve(code);
      };
      c.onExit.add(done);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async exec(id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    opts.signal?.throwIfAborted();
    const c = this.get(id);
    if (!c.running) {
      throw this.kind === 'podman'
        ? engineHttpError(500, 'can only create exec sessions on running containers: container state improper')
        : engineHttpError(409, `Container ${c.id} is not running`);
    }
    return fakeExec(c, cmd, opts, this.clock);
  }

  async *logs(id: string, opts: LogOptions = {}): AsyncGenerator<OutputChunk> {
    const c = this.get(id);
    yield* c.log.read(opts, () => c.running);
  }

  async logsText(id: string, opts: LogTextOptions = {}): Promise<string> {
    const { limitBytes = MAX_LOG_READ_BYTES, ...rest } = opts;
    const kept = new TailBytes(limitBytes);
    for await (const chunk of this.logs(id, { ...rest, follow: false })) kept.push(chunk.data);
    return kept.text();
  }

  async events(opts: EventOptions = {}): Promise<EngineEventStream> {
    return this.feed.subscribe(opts);
  }

  // ---- networks and volumes --------------------------------------------------------------------

  async inspectNetwork(name: string): Promise<NetworkDetails | undefined> {
    return this.resources.inspectNetwork(name);
  }

  async createNetwork(opts: NetworkCreateOptions): Promise<string> {
    return this.resources.createNetwork(opts);
  }

  async removeNetwork(name: string): Promise<boolean> {
    return this.resources.removeNetwork(name, [...this.containers.values()].some((c) => c.running && c.networks[name]));
  }

  async networkDnsEnabled(name: string): Promise<boolean | undefined> {
    return this.resources.networkDnsEnabled(name);
  }

  async inspectVolume(name: string): Promise<VolumeDetails | undefined> {
    return this.resources.inspectVolume(name);
  }

  async createVolume(opts: VolumeCreateOptions): Promise<void> {
    this.resources.createVolume(opts);
  }

  async removeVolume(name: string): Promise<boolean> {
    const inUse = [...this.containers.values()].some((c) => (c.spec.mounts ?? []).some((m) => m.type === 'volume' && m.source === name));
    return this.resources.removeVolume(name, inUse);
  }

  // ---- the fake's own controls -----------------------------------------------------------------

  /** Makes an image present, as if pulled or loaded. */
  addImage(ref: string, sizeBytes?: number): ImageDetails {
    return this.resources.addImage(ref, sizeBytes);
  }

  /** Ends a running container's main process now, with `exitCode` (it crashed, or finished). */
  crash(id: string, exitCode: number, opts: { oom?: boolean } = {}): void {
    const c = this.get(id);
    if (c.running) this.exit(c, exitCode, opts);
  }

  // ---- internals -------------------------------------------------------------------------------

  private get(id: string): FakeContainer {
    const c = this.containers.get(id) ?? this.byName(id);
    if (!c) throw engineHttpError(404, `No such container: ${id}`);
    return c;
  }

  private byName(name: string): FakeContainer | undefined {
    return [...this.containers.values()].find((c) => c.name === name.replace(/^\//, ''));
  }

  /** The user-defined or default network a container joins; undefined for none/host/container:. */
  private networkOf(spec: ContainerSpec): string | undefined {
    const mode = spec.networkMode ?? 'bridge';
    if (mode === 'none' || mode === 'host' || mode.startsWith('container:')) return undefined;
    return mode === 'bridge' || mode === 'default' ? this.resources.defaultNetwork : mode;
  }

  /** Addresses and published ports of a run: given on start, taken back on exit. */
  private publish(c: FakeContainer): void {
    const network = this.networkOf(c.spec);
    const address = network ? this.resources.allocateAddress(network) : undefined;
    c.networks = network && address ? { [network]: address } : {};
    c.ports = (c.spec.portBindings ?? []).map((p) => ({
      containerPort: p.containerPort,
      protocol: p.protocol ?? 'tcp',
      hostIp: p.hostIp ?? '127.0.0.1',
      hostPort: p.hostPort || this.nextHostPort++,
    }));
  }

  private signal(c: FakeContainer, signal: string): void {
    const name = signalName(signal.toUpperCase());
    const number = linuxSignalNumber(name);
    this.emit(c, 'kill', { signal: String(number ?? name) });
    if (name === 'SIGKILL') return this.exit(c, 137);
    const reaction = c.program.onSignal?.(name) ?? 'terminate';
    if (reaction === 'ignore') return;
    if (reaction === 'terminate') return this.exit(c, 128 + (number ?? 15));
    this.after(c, reaction.afterMs ?? 0, () => this.exit(c, reaction.exitCode));
  }

  private exit(c: FakeContainer, exitCode: number, opts: { oom?: boolean } = {}): void {
    if (!c.running) return;
    for (const t of c.timers) this.clock.clearTimeout(t);
    c.timers.clear();
    c.status = 'exited';
    c.exitCode = exitCode;
    c.oomKilled = opts.oom ?? false;
    c.finishedAt = this.clock.now();
    c.ports = [];
    c.networks = {};
    if (opts.oom) this.emit(c, 'oom');
    this.emit(c, 'die', { exitCode });
    const waiting = [...c.onExit];
    c.onExit.clear();
    for (const done of waiting) done(exitCode);
    c.log.wake();
  }

  /** A timer of the container's current run (cleared when the run ends). */
  private after(c: FakeContainer, ms: number, fn: () => void): void {
    const handle = this.clock.setTimeout(() => {
      c.timers.delete(handle);
      fn();
    }, ms);
    c.timers.add(handle);
  }

  private emit(c: FakeContainer, action: string, extra: Partial<EngineEvent> = {}): void {
    this.feed.emit({ action, containerId: c.id, name: c.name, image: c.spec.image, labels: c.labels, time: this.clock.now(), ...extra });
  }
}
