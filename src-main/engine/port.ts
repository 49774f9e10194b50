// The engine port: every container-engine operation Berth uses, typed in Berth's own terms. The
// dockerode adapter (dockerode/) implements it for Docker and Podman, the FakeEngine (fake/) in
// memory; test/support/engine-contract-cases.ts holds the cases both must pass. Nothing above
// engine/ sees dockerode or an engine's raw JSON.
import type { ContainerDetails, ContainerSpec } from './container-spec';
import type { OutputChunk } from './demux';
import type { EndpointCandidate, EngineKind } from './endpoint';
import type { EngineEvent } from './events';

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
  /** The machine the engine runs containers on (a VM on Docker Desktop / Podman machine): the node's capacity and nodeInfo. */
  host: EngineHost;
}

export interface EngineHost {
  cpus: number;
  memoryBytes: number;
  /** `Debian GNU/Linux 12 (bookworm)` (Docker), `debian` (Podman). */
  operatingSystem: string;
  kernelVersion: string;
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

export interface ListOptions {
  /** Only containers with all these labels (`true` = has the label, any value). */
  labels?: Record<string, string | true>;
  /** Stopped and created containers too (default: running only). */
  all?: boolean;
}

export interface RemoveOptions {
  force?: boolean;
  /** Also the container's anonymous volumes. */
  volumes?: boolean;
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

export interface LogTextOptions extends Omit<LogOptions, 'follow'> {
  /** Keep only the last this many bytes; the read never holds more. Default MAX_LOG_READ_BYTES. */
  limitBytes?: number;
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

export interface ImageDetails {
  /** `sha256:…` */
  id: string;
  sizeBytes: number;
}

export interface NetworkCreateOptions {
  name: string;
  labels?: Record<string, string>;
}

export interface NetworkDetails {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
}

export interface VolumeCreateOptions {
  name: string;
  labels?: Record<string, string>;
}

export interface VolumeDetails {
  name: string;
  labels: Record<string, string>;
  /** Where the engine keeps its data (inside the engine's VM on Docker Desktop / Podman machine). */
  mountpoint: string;
}

/**
 * A container engine. Failed calls reject with an error carrying the engine's HTTP status as
 * `statusCode` (read it with `engineStatusCode` / `isNotFound`); the methods below say which
 * outcomes are answers rather than errors.
 */
export interface Engine {
  readonly kind: EngineKind;
  /** Printable endpoint, e.g. `unix:///var/run/docker.sock`. */
  readonly address: string;

  ping(): Promise<void>;
  info(): Promise<EngineInfo>;

  imageExists(ref: string): Promise<boolean>;
  /** Undefined when the engine has no such image. */
  inspectImage(ref: string): Promise<ImageDetails | undefined>;
  /** Resolves when the engine reports the pull finished; rejects with its error. */
  pullImage(ref: string, auth?: RegistryAuth, options?: PullOptions): Promise<void>;

  /**
   * Creates a container; returns its id. With `spec.runtime` set, a runtime the engine did not
   * really choose removes the container again and rejects with RuntimeNotHonouredError.
   */
  createContainer(spec: ContainerSpec): Promise<string>;
  /** The OCI runtime a container really uses. */
  containerRuntime(id: string): Promise<string | undefined>;
  /** Starting a running container is no error. */
  startContainer(id: string): Promise<void>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  /** Sends a signal. False when the container was not running (nothing to signal). */
  killContainer(id: string, signal: string): Promise<boolean>;
  /** The stop signal, then SIGKILL after `timeoutSeconds`. False when it was not running. */
  stopContainer(id: string, timeoutSeconds: number): Promise<boolean>;
  /** False when there was no such container. */
  removeContainer(id: string, opts?: RemoveOptions): Promise<boolean>;
  listContainers(opts?: ListOptions): Promise<ContainerSummary[]>;
  /** Resolves with the exit code once the container is not running; the abort closes the long poll. */
  waitContainer(id: string, opts?: { signal?: AbortSignal }): Promise<number | undefined>;

  /**
   * Runs a command in a running container and waits for it, stdout and stderr merged in order.
   * A command that cannot be started is exit 126/127 with the engine's message as output.
   */
  exec(id: string, cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Log chunks (stdout/stderr separated). Without `follow` the iteration ends at the log's end. */
  logs(id: string, opts?: LogOptions): AsyncGenerator<OutputChunk>;
  /** The logs so far as one string (stdout and stderr merged in order), at most the last `limitBytes` (MAX_LOG_READ_BYTES). */
  logsText(id: string, opts?: LogTextOptions): Promise<string>;
  /** Container events, normalised (see events.ts), read as fast as they arrive. */
  events(opts?: EventOptions): Promise<EngineEventStream>;

  /** Undefined when there is no such network. */
  inspectNetwork(name: string): Promise<NetworkDetails | undefined>;
  /** A bridge network; rejects with status 409 when the name is taken. Returns its id. */
  createNetwork(opts: NetworkCreateOptions): Promise<string>;
  /** False when there was no such network; rejects when it is still in use. */
  removeNetwork(name: string): Promise<boolean>;
  /** Whether the network resolves container names; undefined when the engine cannot tell. */
  networkDnsEnabled(name: string): Promise<boolean | undefined>;

  /** Undefined when there is no such volume. */
  inspectVolume(name: string): Promise<VolumeDetails | undefined>;
  /** An existing name is no error on either engine: it answers with that volume. */
  createVolume(opts: VolumeCreateOptions): Promise<void>;
  /** False when there was no such volume. */
  removeVolume(name: string): Promise<boolean>;
}
