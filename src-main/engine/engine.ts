// The dockerode adapter: the container operations Berth needs, typed in Berth's own terms, for
// Docker and Podman (its Docker-compatible API). All engine I/O lives here; the pure parts
// (endpoint resolution, event normalisation, stream demultiplexing) sit in their own modules.
import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { CappedOutput, StreamDemuxer } from './demux';
import type { OutputChunk } from './demux';
import { envList, toCreateOptions, toDetails } from './container-spec';
import type { ContainerDetails, ContainerSpec } from './container-spec';
import type { EndpointCandidate, EngineKind } from './endpoint';
import { eventFilters, labelFilters, matchesLabels, normaliseEvent, splitJsonLines } from './events';
import type { EngineEvent } from './events';

export type { EngineEvent } from './events';
export type { OutputChunk } from './demux';
export type {
  ContainerDetails,
  ContainerSpec,
  ContainerState,
  MountSpec,
  PortBinding,
  PublishedPort,
} from './container-spec';

export interface EngineInfo {
  kind: EngineKind;
  /** The engine's own version (Docker `20.10.24+dfsg1`, Podman `4.3.1`). */
  version: string;
  /** The Docker API version it speaks (Podman's compat API reports one too). */
  apiVersion: string;
  os: string;
  arch: string;
  /** Where it answered, e.g. `unix:///run/podman/podman.sock`. */
  socket: string;
  /** OCI runtimes the engine lists. Podman lists every runtime its config knows, installed or not. */
  runtimes: string[];
  defaultRuntime: string;
  /**
   * Whether a requested runtime (RuntimeClass handler) is actually applied on create. Podman's
   * compat API ignores `HostConfig.Runtime`, so a handler there is never honoured.
   */
  runtimeSelectable: boolean;
}

/** What a container engine answered on /version during connect. */
export interface EngineIdentity {
  kind: EngineKind;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  endpoint: EndpointCandidate;
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  state: string;
  status: string;
  /** Epoch ms. */
  created: number;
}

export interface ExecOptions {
  /** Output kept (stdout and stderr merged in order); the rest is drained and dropped. */
  maxOutputBytes?: number;
  env?: Record<string, string>;
  user?: string;
  workingDir?: string;
  /** Stops waiting (the process may keep running in the container: engines cannot kill an exec). */
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number;
  output: string;
  /** True when the command wrote more than maxOutputBytes. */
  truncated: boolean;
}

export interface LogOptions {
  /** Last N lines only. */
  tail?: number;
  /** Epoch ms. */
  since?: number;
  follow?: boolean;
  timestamps?: boolean;
  signal?: AbortSignal;
}

export interface EventOptions {
  /** Only containers with all these labels (`true` = has the label, any value). */
  labels?: Record<string, string | true>;
  /** Epoch ms: replay from then (engines keep a short history only). */
  since?: number;
  /** Only these actions, e.g. `['start', 'die']` (normalised names: `die`, `destroy`). */
  actions?: string[];
}

/** A live event stream: iterate it, and close it when done. */
export interface EngineEventStream extends AsyncIterable<EngineEvent> {
  close(): void;
}

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

/** One message of an engine's pull stream (Docker's JSON progress format; Podman's compat API mimics it). */
export interface PullProgressEvent {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
}

export interface PullOptions {
  /** Every progress message of the pull stream, as it arrives. */
  onProgress?: (event: PullProgressEvent) => void;
  /** Aborts the HTTP request (the engine may still finish the pull on its own). */
  signal?: AbortSignal;
}

const DEFAULT_EXEC_OUTPUT_BYTES = 1024 * 1024;
const EXEC_HEAD_BYTES = 1024;
/** ExitCode can still be null right after an exec's stream ends: how long to keep asking. */
const EXEC_EXIT_POLL_MS = 10_000;

/** The HTTP status of a failed engine call, if it was one. */
export function engineStatusCode(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (err: unknown): boolean => engineStatusCode(err) === 404;

/** A runtime (RuntimeClass handler) was asked for but the engine ran something else. */
export class RuntimeNotHonouredError extends Error {
  constructor(
    readonly requested: string,
    readonly actual: string | undefined,
    readonly engine: EngineKind,
  ) {
    super(
      engine === 'podman'
        ? `Podman's Docker-compatible API ignores the runtime "${requested}" (the container would run on ${actual ?? 'its default runtime'})`
        : `the engine ran "${actual ?? 'its default runtime'}" instead of the requested runtime "${requested}"`,
    );
    this.name = 'RuntimeNotHonouredError';
  }
}

export class Engine {
  readonly kind: EngineKind;

  constructor(
    /** Escape hatch for operations not wrapped here; prefer adding a typed method. */
    readonly docker: Docker,
    readonly identity: EngineIdentity,
  ) {
    this.kind = identity.kind;
  }

  /** Printable endpoint, e.g. `unix:///var/run/docker.sock`. */
  get address(): string {
    return this.identity.endpoint.address;
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async info(): Promise<EngineInfo> {
    const info = (await this.docker.info()) as { Runtimes?: Record<string, unknown>; DefaultRuntime?: string };
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
    };
  }

  async imageExists(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Pulls an image; resolves when the engine reports the pull finished, rejects on its error.
   * Docker answers some failures with an HTTP error (500 "no basic auth credentials"); Podman
   * answers 200 and puts the error in the stream: both reject here.
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

  /**
   * Creates a container; returns its id. When `spec.runtime` is set, checks which runtime the
   * engine really chose and, if it is not the requested one, removes the container and throws
   * RuntimeNotHonouredError: a handler is never reported as honoured when it was not.
   */
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

  /** The OCI runtime a container really uses (Podman: libpod's `OCIRuntime`, not the compat field). */
  async containerRuntime(id: string): Promise<string | undefined> {
    if (this.kind === 'podman') {
      const libpod = (await this.dialJson(`/v4.0.0/libpod/containers/${encodeURIComponent(id)}/json`)) as {
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

  async inspectContainer(id: string): Promise<ContainerDetails> {
    return toDetails(await this.docker.getContainer(id).inspect());
  }

  /** Sends a signal. Returns false when the container was not running (nothing to signal). */
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
   * Stop signal, then SIGKILL after `timeoutSeconds`. Returns false when it was not running.
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

  /** Returns false when there was no such container. */
  async removeContainer(id: string, opts: { force?: boolean; volumes?: boolean } = {}): Promise<boolean> {
    try {
      await this.docker.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async listContainers(opts: { labels?: Record<string, string | true>; all?: boolean } = {}): Promise<ContainerSummary[]> {
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

  /**
   * Runs a command in a running container and waits for it. stdout and stderr are merged in
   * the order they arrive; output beyond maxOutputBytes is drained but not kept. A command that
   * cannot be started (not found, not executable) is reported as exit 126/127 with the engine's
   * message as output, the same on both engines.
   */
  async exec(id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    opts.signal?.throwIfAborted();
    const output = new CappedOutput(opts.maxOutputBytes ?? DEFAULT_EXEC_OUTPUT_BYTES);
    // A fresh exec instance each time: Podman's cannot be started twice.
    const exec = await this.docker.getContainer(id).exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: false,
      Tty: false,
      ...(opts.env ? { Env: envList(opts.env) } : {}),
      ...(opts.user !== undefined ? { User: opts.user } : {}),
      ...(opts.workingDir !== undefined ? { WorkingDir: opts.workingDir } : {}),
    });
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await exec.start({ hijack: true, stdin: false, Detach: false, Tty: false })) as NodeJS.ReadableStream;
    } catch (err) {
      const failedStart = startFailure(err);
      if (failedStart) return failedStart;
      throw err;
    }
    // The engine's own error text is at the start; keep it even when maxOutputBytes is tiny.
    let head = Buffer.alloc(0);
    await drainMultiplexed(
      stream,
      (chunk) => {
        output.append(chunk.data);
        if (head.length < EXEC_HEAD_BYTES) head = Buffer.concat([head, chunk.data]).subarray(0, EXEC_HEAD_BYTES);
      },
      opts.signal,
    );

    const exitCode = normaliseExecExitCode(await waitForExecExit(exec, opts.signal), head.toString('utf8'));
    return { exitCode, output: output.text(), truncated: output.truncated };
  }

  /** Log chunks (stdout/stderr separated). Without `follow` the iteration ends at the log's end. */
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
    const stream = await this.dialStream(`/containers/${encodeURIComponent(id)}/logs?`, query, opts.signal);
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

  /** All logs so far as one string (stdout and stderr merged in order). */
  async logsText(id: string, opts: Omit<LogOptions, 'follow'> = {}): Promise<string> {
    // Podman 4.3's `tail` mangles a log that ends in a partial line (no final newline): it glues
    // it onto the line before (`a\nb\nDONE` → `a\nbDONE\n`) or drops it when it is the only
    // line. So on Podman the whole log is read and cut to the last lines here.
    const { tail, ...rest } = opts;
    const cutHere = this.kind === 'podman' && tail !== undefined;
    const parts: Buffer[] = [];
    for await (const chunk of this.logs(id, { ...(cutHere ? rest : opts), follow: false })) parts.push(chunk.data);
    const text = Buffer.concat(parts).toString('utf8');
    if (!cutHere) return text;
    const lines = text.split(/(?<=\n)/).filter((line) => line !== '');
    return tail === 0 ? '' : lines.slice(-tail).join('');
  }

  /**
   * Container events, normalised across Docker and Podman. The HTTP stream is read as fast as it
   * arrives and buffered here (dockerd drops events a slow reader does not take), so a slow
   * consumer only grows this queue.
   */
  async events(opts: EventOptions = {}): Promise<EngineEventStream> {
    const selector = opts.labels ?? {};
    const query: Record<string, unknown> = { filters: eventFilters(selector, opts.actions, this.kind) };
    if (opts.since !== undefined) query.since = String(Math.floor(opts.since / 1000));
    const raw = (await this.docker.getEvents(query)) as NodeJS.ReadableStream & { destroy(): void };
    const wanted = opts.actions ? new Set(opts.actions) : undefined;
    const since = opts.since;

    const queue: EngineEvent[] = [];
    let ended = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };

    let buffered = '';
    raw.on('data', (chunk: Buffer | string) => {
      const { values, rest } = splitJsonLines(buffered + chunk.toString());
      buffered = rest;
      for (const value of values) {
        const event = normaliseEvent(value);
        if (!event) continue;
        if (!matchesLabels(event.labels, selector)) continue;
        if (wanted && !wanted.has(event.action)) continue;
        if (since !== undefined && event.time < since) continue;
        queue.push(event);
      }
      notify();
    });
    raw.on('end', () => {
      ended = true;
      notify();
    });
    raw.on('close', () => {
      ended = true;
      notify();
    });
    raw.on('error', (err: unknown) => {
      failure = err;
      ended = true;
      notify();
    });

    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      ended = true;
      raw.destroy();
      notify();
    };

    async function* iterate(): AsyncGenerator<EngineEvent> {
      try {
        for (;;) {
          const next = queue.shift();
          if (next) {
            yield next;
            continue;
          }
          if (ended) {
            if (failure && !closed) throw failure;
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        close();
      }
    }

    return { close, [Symbol.asyncIterator]: iterate };
  }

  private dialJson(path: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        { path, method: 'GET', statusCodes: { 200: true, 404: 'no such container', 500: 'server error' } },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data)),
      );
    });
  }

  private dialStream(path: string, query: Record<string, unknown>, signal?: AbortSignal): Promise<NodeJS.ReadableStream> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path,
          method: 'GET',
          isStream: true,
          options: query,
          ...(signal ? { abortSignal: signal } : {}),
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      );
    });
  }
}

// --- helpers --------------------------------------------------------------------------------

function isNotRunningError(err: unknown): boolean {
  return /is not running|not running|container state improper/i.test(String((err as Error)?.message ?? ''));
}

/**
 * An exec whose process could not be started. Docker reports it in-band (stream text + exit
 * 126/127); Podman answers the start call itself with an HTTP error. Normalise to the former.
 */
function startFailure(err: unknown): ExecResult | undefined {
  const message = String((err as Error)?.message ?? '');
  const json = (err as { json?: { message?: string; cause?: string } })?.json;
  const text = json?.message ?? message;
  if (/executable file not found|no such file or directory|not found in \$PATH/i.test(text)) {
    return { exitCode: 127, output: text, truncated: false };
  }
  if (/permission denied/i.test(text)) return { exitCode: 126, output: text, truncated: false };
  return undefined;
}

/**
 * Docker (20.10, runc) reports a command that is not in the image as exit 126, Podman as 127 (the
 * shell's convention, which Kubernetes users expect). Both print the runtime's error first.
 */
function normaliseExecExitCode(exitCode: number, outputHead: string): number {
  if (exitCode === 126 && /exec failed.*(executable file not found|no such file or directory)/is.test(outputHead)) {
    return 127;
  }
  return exitCode;
}

/** Reads a multiplexed stream to its end, delivering frames in order; honours an abort. */
function drainMultiplexed(
  stream: NodeJS.ReadableStream,
  onChunk: (chunk: OutputChunk) => void,
  signal?: AbortSignal,
): Promise<void> {
  const demuxer = new StreamDemuxer();
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      for (const frame of demuxer.push(chunk)) onChunk(frame);
    });
    stream.on('end', () => finish());
    // A hijacked socket may close without 'end'.
    stream.on('close', () => finish());
    stream.on('error', (err: unknown) => finish(err));
  });
}

/** After an exec's stream ends, ExitCode can still be null for a moment: ask until it is not. */
async function waitForExecExit(exec: Docker.Exec, signal?: AbortSignal): Promise<number> {
  const deadline = Date.now() + EXEC_EXIT_POLL_MS;
  let delay = 5;
  for (;;) {
    signal?.throwIfAborted();
    const state = await exec.inspect();
    if (!state.Running && state.ExitCode !== null && state.ExitCode !== undefined) return state.ExitCode;
    if (Date.now() > deadline) {
      throw new Error(`exec ${exec.id} still has no exit code ${EXEC_EXIT_POLL_MS} ms after its output ended`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}
