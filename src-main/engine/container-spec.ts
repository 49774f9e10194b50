// Berth's container spec and inspect summary, and their mapping to and from the engines' API
// shapes. Pure: no I/O.
import type Docker from 'dockerode';

export interface PortBinding {
  containerPort: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
  /** Defaults to 127.0.0.1: Berth never publishes beyond the machine unless told. */
  hostIp?: string;
  /** Omitted or 0: the engine picks a free port. */
  hostPort?: number;
}

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind) or volume name (volume); unused for tmpfs. */
  source?: string;
  target: string;
  readOnly?: boolean;
}

/** Berth's container spec: only what maps cleanly onto both engines' create call. */
export interface ContainerSpec {
  name?: string;
  image: string;
  labels?: Record<string, string>;
  /** Overrides the image's ENTRYPOINT (Kubernetes `command`); undefined keeps the image's. */
  entrypoint?: string[];
  /** Overrides the image's CMD (Kubernetes `args`); undefined keeps the image's. */
  cmd?: string[];
  env?: Record<string, string>;
  /** Not allowed together with `networkMode: container:<id>` (the sandbox owns the UTS name). */
  hostname?: string;
  /** `bridge`, `none`, `host`, or `container:<id>` to join a sandbox's namespaces. */
  networkMode?: string;
  /** DNS names of the container on its (user-defined) network, e.g. the Services selecting a pod. */
  networkAliases?: string[];
  /** Published ports; only on the container that owns the network namespace. */
  portBindings?: PortBinding[];
  /** `host:container[:ro]` bind strings. */
  binds?: string[];
  mounts?: MountSpec[];
  /** Mount point → options, e.g. `{ '/run': 'rw,size=64m' }`. */
  tmpfs?: Record<string, string>;
  /** OCI runtime (RuntimeClass handler); verified after create, see `createContainer`. */
  runtime?: string;
  stopSignal?: string;
  user?: string;
  workingDir?: string;
  memoryBytes?: number;
  nanoCpus?: number;
  /** `name:ip` entries for /etc/hosts (Kubernetes hostAliases). */
  extraHosts?: string[];
  tty?: boolean;
  openStdin?: boolean;
  privileged?: boolean;
  readOnlyRootfs?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  /** Shares the sandbox's IPC namespace: `container:<id>`, `shareable`, `private`. */
  ipcMode?: string;
  /** `container:<id>` for shareProcessNamespace. */
  pidMode?: string;
  shmSizeBytes?: number;
}

export interface PublishedPort {
  containerPort: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
}

export interface ContainerState {
  /** created | running | paused | restarting | removing | exited | dead (Podman: also `configured`, `stopped`). */
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  pid: number;
  /** Epoch ms; undefined when the container never started. */
  startedAt?: number;
  /** Epoch ms; undefined while it has not finished. */
  finishedAt?: number;
}

export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  /** Epoch ms. */
  created: number;
  state: ContainerState;
  networkMode: string;
  ports: PublishedPort[];
  tty: boolean;
  /**
   * The configured stop signal (lifecycle.stopSignal or the image's STOPSIGNAL) as the engine
   * reports it: Docker as given, Podman as a number (`10`). Undefined: the engine's default.
   */
  stopSignal?: string;
  /** The container's endpoint on each network it joined (empty while it is not running). */
  networks: Record<string, NetworkEndpoint>;
}

export interface NetworkEndpoint {
  ipAddress?: string;
  /** The network's gateway: the host's address as the container sees it. */
  gateway?: string;
}

export function toCreateOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of spec.portBindings ?? []) {
    const key = `${p.containerPort}/${p.protocol ?? 'tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '127.0.0.1', HostPort: p.hostPort ? String(p.hostPort) : '' });
  }

  const hostConfig: Docker.HostConfig = {};
  if (spec.networkMode !== undefined) hostConfig.NetworkMode = spec.networkMode;
  if (Object.keys(bindings).length > 0) hostConfig.PortBindings = bindings;
  if (spec.binds?.length) hostConfig.Binds = spec.binds;
  if (spec.mounts?.length) {
    hostConfig.Mounts = spec.mounts.map((m) => ({
      Type: m.type,
      Target: m.target,
      Source: m.source ?? '',
      ReadOnly: m.readOnly ?? false,
    }));
  }
  if (spec.tmpfs && Object.keys(spec.tmpfs).length > 0) hostConfig.Tmpfs = spec.tmpfs;
  if (spec.runtime !== undefined) hostConfig.Runtime = spec.runtime;
  if (spec.memoryBytes !== undefined) hostConfig.Memory = spec.memoryBytes;
  if (spec.nanoCpus !== undefined) hostConfig.NanoCpus = spec.nanoCpus;
  if (spec.extraHosts?.length) hostConfig.ExtraHosts = spec.extraHosts;
  if (spec.privileged !== undefined) hostConfig.Privileged = spec.privileged;
  if (spec.readOnlyRootfs !== undefined) hostConfig.ReadonlyRootfs = spec.readOnlyRootfs;
  if (spec.capAdd?.length) hostConfig.CapAdd = spec.capAdd;
  if (spec.capDrop?.length) hostConfig.CapDrop = spec.capDrop;
  if (spec.ipcMode !== undefined) hostConfig.IpcMode = spec.ipcMode;
  if (spec.pidMode !== undefined) hostConfig.PidMode = spec.pidMode;
  if (spec.shmSizeBytes !== undefined) hostConfig.ShmSize = spec.shmSizeBytes;

  const options: Docker.ContainerCreateOptions = {
    Image: spec.image,
    Labels: spec.labels ?? {},
    HostConfig: hostConfig,
    Tty: spec.tty ?? false,
    OpenStdin: spec.openStdin ?? false,
  };
  if (spec.name !== undefined) options.name = spec.name;
  if (spec.entrypoint !== undefined) options.Entrypoint = spec.entrypoint;
  if (spec.cmd !== undefined) options.Cmd = spec.cmd;
  if (spec.env) options.Env = envList(spec.env);
  if (spec.hostname !== undefined) options.Hostname = spec.hostname;
  if (Object.keys(exposed).length > 0) options.ExposedPorts = exposed;
  if (spec.stopSignal !== undefined) options.StopSignal = spec.stopSignal;
  if (spec.user !== undefined) options.User = spec.user;
  if (spec.workingDir !== undefined) options.WorkingDir = spec.workingDir;
  if (spec.networkAliases?.length && spec.networkMode) {
    options.NetworkingConfig = { EndpointsConfig: { [spec.networkMode]: { Aliases: spec.networkAliases } } };
  }
  return options;
}

export function envList(env: Record<string, string>): string[] {
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

/** Engines write "never" as Go's zero time; both formats are ISO strings otherwise. */
export function parseEngineTime(value: string | undefined): number | undefined {
  if (!value || value.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A dockerode inspect answer → Berth's summary, with the raw answer kept for the adapter's own callers (tests). */
export function toDetails(raw: Docker.ContainerInspectInfo): ContainerDetails & { raw: Docker.ContainerInspectInfo } {
  const state: ContainerState = {
    status: raw.State.Status,
    running: raw.State.Running,
    exitCode: raw.State.ExitCode,
    oomKilled: raw.State.OOMKilled,
    error: raw.State.Error ?? '',
    pid: raw.State.Pid,
  };
  const startedAt = parseEngineTime(raw.State.StartedAt);
  if (startedAt !== undefined) state.startedAt = startedAt;
  // Some engines keep the previous run's FinishedAt while running: only report it when stopped.
  const finishedAt = parseEngineTime(raw.State.FinishedAt);
  if (finishedAt !== undefined && !raw.State.Running) state.finishedAt = finishedAt;

  const ports: PublishedPort[] = [];
  for (const [key, hostBindings] of Object.entries(raw.NetworkSettings?.Ports ?? {})) {
    const [port, protocol] = key.split('/');
    for (const b of hostBindings ?? []) {
      ports.push({ containerPort: Number(port), protocol: protocol ?? 'tcp', hostIp: b.HostIp, hostPort: Number(b.HostPort) });
    }
  }

  const networks: Record<string, NetworkEndpoint> = {};
  for (const [name, endpoint] of Object.entries(raw.NetworkSettings?.Networks ?? {})) {
    const entry: NetworkEndpoint = {};
    if (endpoint?.IPAddress) entry.ipAddress = endpoint.IPAddress;
    if (endpoint?.Gateway) entry.gateway = endpoint.Gateway;
    networks[name] = entry;
  }

  const details: ContainerDetails & { raw: Docker.ContainerInspectInfo } = {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config.Image,
    imageId: raw.Image,
    labels: raw.Config.Labels ?? {},
    created: Date.parse(raw.Created),
    state,
    networkMode: raw.HostConfig.NetworkMode ?? '',
    ports,
    tty: raw.Config.Tty ?? false,
    networks,
    raw,
  };
  // dockerode's ContainerInspectInfo has no Config.StopSignal, though both engines send it.
  const stopSignal = (raw.Config as { StopSignal?: unknown }).StopSignal;
  if (typeof stopSignal === 'string' && stopSignal !== '') details.stopSignal = stopSignal;
  return details;
}
