// The dockerode adapter: the engine port for Docker and Podman (its Docker-compatible API). All
// dockerode calls live in engine/dockerode/; the pure parts (spec mapping, event normalisation,
// stream demultiplexing) sit in their own modules one folder up.
import type Docker from 'dockerode';
import { toCreateOptions, toDetails } from '../container-spec';
import type { ContainerDetails, ContainerSpec } from '../container-spec';
import { StreamDemuxer } from '../demux';
import type { OutputChunk } from '../demux';
import type { EngineKind } from '../endpoint';
import { engineStatusCode, RuntimeNotHonouredError, unlessNotFound } from '../errors';
import { labelFilters, matchesLabels } from '../events';
import type {
  ContainerSummary,
  Engine,
  EngineEventStream,
  EngineIdentity,
  EngineInfo,
  EventOptions,
  ExecOptions,
  ExecResult,
  ImageDetails,
  ListOptions,
  LogOptions,
  LogTextOptions,
  PullOptions,
  PullProgressEvent,
  RegistryAuth,
  RemoveOptions,
} from '../port';
import { MAX_LOG_READ_BYTES, TailBytes } from '../log-tail';
import { dialJson, dialStream } from './dial';
import { dockerEvents } from './event-stream';
import { dockerExec } from './exec';
import { DockerodeResources } from './resources';

/** An inspect answer with the engine's JSON kept, for tests that check what the engine itself says. */
export type DockerodeContainerDetails = ContainerDetails & { raw: Docker.ContainerInspectInfo };

export class DockerodeEngine extends DockerodeResources implements Engine {
  readonly kind: EngineKind;

  constructor(
    /**
     * For tests and benches only (bare-dockerode floors, states Berth never makes). App code holds
     * the `Engine` port, and lint keeps engine/dockerode/ out of reach above engine/.
     */
    readonly docker: Docker,
    readonly identity: EngineIdentity,
  ) {
    super(docker, identity.kind);
    this.kind = identity.kind;
  }

  get address(): string {
    return this.identity.endpoint.address;
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async info(): Promise<EngineInfo> {
    const info = (await this.docker.info()) as {
      Runtimes?: Record<string, unknown>;
      DefaultRuntime?: string;
      NCPU?: number;
      MemTotal?: number;
      OperatingSystem?: string;
      KernelVersion?: string;
    };
    const { kind, version, apiVersion, os, arch, endpoint } = this.identity;
    return {
      kind,
      version,
      apiVersion,
      os,
      arch,
      socket: endpoint.address,
      runtimes: Object.keys(info.Runtimes ?? {}).sort(),
      defaultRuntime: info.DefaultRuntime ?? 'runc',
      runtimeSelectable: kind === 'docker',
      host: {
        cpus: info.NCPU ?? 0,
        memoryBytes: info.MemTotal ?? 0,
        operatingSystem: info.OperatingSystem ?? '',
        kernelVersion: info.KernelVersion ?? '',
      },
    };
  }

  imageExists(ref: string): Promise<boolean> {
    return unlessNotFound(this.docker.getImage(ref).inspect().then(() => true), false);
  }

  async inspectImage(ref: string): Promise<ImageDetails | undefined> {
    const details = (await unlessNotFound(this.docker.getImage(ref).inspect(), undefined)) as { Id?: string; Size?: number } | undefined;
    return details && { id: details.Id ?? '', sizeBytes: details.Size ?? 0 };
  }

  /**
   * Docker answers some pull failures with an HTTP error (500 "no basic auth credentials");
   * Podman answers 200 and puts the error in the stream: both reject here.
   */
  async pullImage(ref: string, auth?: RegistryAuth, options: PullOptions = {}): Promise<void> {
    const stream = (await this.docker.pull(ref, {
      ...(auth ? { authconfig: auth } : {}),
      ...(options.signal ? { abortSignal: options.signal } : {}),
    })) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, output: unknown[]) => {
          if (err) return reject(err);
          // Errors may also arrive in-band as the last progress message.
          const failed = output.find((m): m is { error: string } => typeof (m as { error?: unknown })?.error === 'string');
          if (failed) return reject(new Error(failed.error));
          resolve();
        },
        options.onProgress ? (event: PullProgressEvent) => options.onProgress?.(event) : undefined,
      );
    });
  }

  /** Checks which runtime the engine really chose when `spec.runtime` is set (see the port). */
  async createContainer(spec: ContainerSpec): Promise<string> {
    const container = await this.docker.createContainer(toCreateOptions(spec));
    if (spec.runtime !== undefined) {
      const actual = await this.containerRuntime(container.id);
      if (actual !== spec.runtime) {
        await this.removeContainer(container.id, { force: true, volumes: true }).catch(() => undefined);
        throw new RuntimeNotHonouredError(spec.runtime, actual, this.kind);
      }
    }
    return container.id;
  }

  /** Podman: libpod's `OCIRuntime`, not the compat field (which echoes what was asked). */
  async containerRuntime(id: string): Promise<string | undefined> {
    if (this.kind === 'podman') {
      const libpod = (await dialJson(this.docker, `/v4.0.0/libpod/containers/${encodeURIComponent(id)}/json`)) as {
        OCIRuntime?: string;
      };
      return libpod.OCIRuntime;
    }
    const raw = await this.docker.getContainer(id).inspect();
    return raw.HostConfig.Runtime ?? undefined;
  }

  async startContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (err) {
      if (engineStatusCode(err) === 304) return; // already running
      throw err;
    }
  }

  async inspectContainer(id: string): Promise<DockerodeContainerDetails> {
    return toDetails(await this.docker.getContainer(id).inspect());
  }

  async killContainer(id: string, signal: string): Promise<boolean> {
    try {
      await this.docker.getContainer(id).kill({ signal });
      return true;
    } catch (err) {
      if (engineStatusCode(err) === 409 || isNotRunningError(err)) return false;
      throw err;
    }
  }

  /**
   * `t` is always sent: Podman's compat API once defaulted to 0 s. There is no HTTP timeout on
   * this call, since a stop may legitimately take the whole grace period.
   */
  async stopContainer(id: string, timeoutSeconds: number): Promise<boolean> {
    try {
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.ceil(timeoutSeconds)) });
      return true;
    } catch (err) {
      if (engineStatusCode(err) === 304) return false;
      throw err;
    }
  }

  removeContainer(id: string, opts: RemoveOptions = {}): Promise<boolean> {
    const removed = this.docker.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false });
    return unlessNotFound(removed.then(() => true), false);
  }

  async listContainers(opts: ListOptions = {}): Promise<ContainerSummary[]> {
    const selector = opts.labels ?? {};
    const filters: Record<string, string[]> = {};
    if (Object.keys(selector).length > 0) filters.label = labelFilters(selector);
    const list = await this.docker.listContainers({ all: opts.all ?? false, filters });
    return list
      .map(
        (c): ContainerSummary => ({
          id: c.Id,
          name: (c.Names?.[0] ?? '').replace(/^\//, ''),
          image: c.Image,
          labels: c.Labels ?? {},
          state: c.State,
          status: c.Status,
          created: c.Created * 1000,
        }),
      )
      .filter((c) => matchesLabels(c.labels, selector)); // in case an engine ignores a filter
  }

  async waitContainer(id: string, opts: { signal?: AbortSignal } = {}): Promise<number | undefined> {
    const result = (await this.docker.getContainer(id).wait({
      condition: 'not-running',
      ...(opts.signal ? { abortSignal: opts.signal } : {}),
    })) as { StatusCode?: number };
    return result.StatusCode;
  }

  exec(id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return dockerExec(this.docker, id, cmd, opts);
  }

  async *logs(id: string, opts: LogOptions = {}): AsyncGenerator<OutputChunk> {
    const details = await this.inspectContainer(id);
    const query: Record<string, string | number | boolean> = {
      stdout: true,
      stderr: true,
      follow: opts.follow ?? false,
      timestamps: opts.timestamps ?? false,
    };
    if (opts.tail !== undefined) query.tail = opts.tail;
    if (opts.since !== undefined) query.since = Math.floor(opts.since / 1000);
    // Dialled as a stream even without follow: docker-modem would otherwise try JSON.parse on it.
    const stream = await dialStream(this.docker, `/containers/${encodeURIComponent(id)}/logs?`, query, opts.signal);
    const demuxer = new StreamDemuxer();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (details.tty) {
          yield { stream: 'stdout', data: chunk };
        } else {
          yield* demuxer.push(chunk);
        }
      }
    } finally {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    }
  }

  async logsText(id: string, opts: LogTextOptions = {}): Promise<string> {
    // Podman 4.3's `tail` mangles a log that ends in a partial line (no final newline): it glues
    // it onto the line before (`a\nb\nDONE` → `a\nbDONE\n`) or drops it when it is the only
    // line. So on Podman the whole log is streamed and cut to the last lines here; either way
    // only the last `limitBytes` are ever held.
    const { tail, limitBytes = MAX_LOG_READ_BYTES, ...rest } = opts;
    const cutHere = this.kind === 'podman' && tail !== undefined;
    const kept = new TailBytes(limitBytes);
    for await (const chunk of this.logs(id, { ...rest, ...(cutHere || tail === undefined ? {} : { tail }), follow: false })) kept.push(chunk.data);
    const text = kept.text();
    if (!cutHere) return text;
    const lines = text.split(/(?<=\n)/).filter((line) => line !== '');
    return tail === 0 ? '' : lines.slice(-tail).join('');
  }

  events(opts: EventOptions = {}): Promise<EngineEventStream> {
    return dockerEvents(this.docker, this.kind, opts);
  }
}

function isNotRunningError(err: unknown): boolean {
  return /is not running|not running|container state improper/i.test(String((err as Error)?.message ?? ''));
}
