// The Engine the pod workers get: the real engine, with the reads of a pod's containers answered
// from the EngineObserver's view and Berth's own container writes reported to it, so a sync that
// follows a write sees it (read-your-writes). Every other call goes to the engine as it is.
import type { ContainerDetails, ContainerSpec } from '../../engine/container-spec';
import type { EngineKind } from '../../engine/endpoint';
import type { ContainerSummary, Engine, ListOptions, RemoveOptions } from '../../engine/engine';
import type { EngineObserver } from './engine-observer';

export class ObservedEngine implements Engine {
  constructor(
    private readonly inner: Engine,
    private readonly observer: EngineObserver,
  ) {}

  get kind(): EngineKind {
    return this.inner.kind;
  }

  get address(): string {
    return this.inner.address;
  }

  // ---- served from the view ------------------------------------------------------------------

  async listContainers(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    if (this.observer.servesList(opts.labels)) return this.observer.list(opts.labels!, opts.all ?? false);
    return this.inner.listContainers(opts);
  }

  inspectContainer(id: string): Promise<ContainerDetails> {
    return this.observer.inspect(id);
  }

  /** The exit as the view learns it from the `die` event, or the engine's own /wait if that is first. */
  waitContainer(id: string, opts: { signal?: AbortSignal } = {}): Promise<number | undefined> {
    return this.observer.waitForExit(id, opts.signal, (signal) => this.inner.waitContainer(id, { signal }));
  }

  // ---- writes the view learns of before they return --------------------------------------------

  async createContainer(spec: ContainerSpec): Promise<string> {
    const id = await this.inner.createContainer(spec);
    // A container with a network of its own (a sandbox) is read after its start instead, when
    // its addresses and published ports exist.
    if (spec.networkMode?.startsWith('container:')) await this.observer.created(id);
    return id;
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.inner.startContainer(id);
    } catch (error) {
      await this.observer.refresh(id).catch(() => undefined);
      throw error;
    }
    await this.observer.started(id);
  }

  /** The engine answers once the container stopped: the view shows that at once, not at the `die` event. */
  async stopContainer(id: string, timeoutSeconds: number): Promise<boolean> {
    const stopped = await this.inner.stopContainer(id, timeoutSeconds);
    await this.observer.refresh(id);
    return stopped;
  }

  async removeContainer(id: string, opts?: RemoveOptions): Promise<boolean> {
    let removed: boolean;
    try {
      removed = await this.inner.removeContainer(id, opts);
    } catch (error) {
      // Still there (Podman refuses a sandbox others joined): keep it in the view as it is now.
      await this.observer.refresh(id).catch(() => undefined);
      throw error;
    }
    this.observer.removed(id);
    return removed;
  }

  // ---- the engine as it is -------------------------------------------------------------------

  ping(...args: Parameters<Engine['ping']>): ReturnType<Engine['ping']> {
    return this.inner.ping(...args);
  }
  info(...args: Parameters<Engine['info']>): ReturnType<Engine['info']> {
    return this.inner.info(...args);
  }
  imageExists(...args: Parameters<Engine['imageExists']>): ReturnType<Engine['imageExists']> {
    return this.inner.imageExists(...args);
  }
  inspectImage(...args: Parameters<Engine['inspectImage']>): ReturnType<Engine['inspectImage']> {
    return this.inner.inspectImage(...args);
  }
  pullImage(...args: Parameters<Engine['pullImage']>): ReturnType<Engine['pullImage']> {
    return this.inner.pullImage(...args);
  }
  containerRuntime(...args: Parameters<Engine['containerRuntime']>): ReturnType<Engine['containerRuntime']> {
    return this.inner.containerRuntime(...args);
  }
  killContainer(...args: Parameters<Engine['killContainer']>): ReturnType<Engine['killContainer']> {
    return this.inner.killContainer(...args);
  }
  exec(...args: Parameters<Engine['exec']>): ReturnType<Engine['exec']> {
    return this.inner.exec(...args);
  }
  logs(...args: Parameters<Engine['logs']>): ReturnType<Engine['logs']> {
    return this.inner.logs(...args);
  }
  logsText(...args: Parameters<Engine['logsText']>): ReturnType<Engine['logsText']> {
    return this.inner.logsText(...args);
  }
  events(...args: Parameters<Engine['events']>): ReturnType<Engine['events']> {
    return this.inner.events(...args);
  }
  inspectNetwork(...args: Parameters<Engine['inspectNetwork']>): ReturnType<Engine['inspectNetwork']> {
    return this.inner.inspectNetwork(...args);
  }
  createNetwork(...args: Parameters<Engine['createNetwork']>): ReturnType<Engine['createNetwork']> {
    return this.inner.createNetwork(...args);
  }
  removeNetwork(...args: Parameters<Engine['removeNetwork']>): ReturnType<Engine['removeNetwork']> {
    return this.inner.removeNetwork(...args);
  }
  networkDnsEnabled(...args: Parameters<Engine['networkDnsEnabled']>): ReturnType<Engine['networkDnsEnabled']> {
    return this.inner.networkDnsEnabled(...args);
  }
  inspectVolume(...args: Parameters<Engine['inspectVolume']>): ReturnType<Engine['inspectVolume']> {
    return this.inner.inspectVolume(...args);
  }
  createVolume(...args: Parameters<Engine['createVolume']>): ReturnType<Engine['createVolume']> {
    return this.inner.createVolume(...args);
  }
  removeVolume(...args: Parameters<Engine['removeVolume']>): ReturnType<Engine['removeVolume']> {
    return this.inner.removeVolume(...args);
  }
}
