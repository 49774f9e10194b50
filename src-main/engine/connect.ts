// Finding a container engine that answers, and telling Docker from Podman by what it says.
import Docker from 'dockerode';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DockerodeEngine } from './dockerode/adapter';
import type { Engine, EngineIdentity } from './port';
import { resolveEndpoints } from './endpoint';
import type { EndpointCandidate, EngineChoice, EngineKind } from './endpoint';

export interface ConnectOptions {
  engine?: EngineChoice;
  /** Explicit endpoint (`unix:///path.sock`, `tcp://host:port`, `npipe://…`): the only one tried. */
  host?: string;
  /** Defaults to process.env (DOCKER_HOST, CONTAINER_HOST, XDG_RUNTIME_DIR, DOCKER_TLS_VERIFY…). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Time limit of each probe (GET /version) only, default 3000 ms. Normal calls get no HTTP
   * timeout at all: a container stop can legitimately take its whole grace period.
   */
  requestTimeoutMs?: number;
}

export interface ConnectAttempt {
  candidate: EndpointCandidate;
  error: string;
}

/** No engine answered: the message lists every candidate with its error, and how to fix it. */
export class EngineUnavailableError extends Error {
  /** How to fix it, one suggestion per line (also part of the message). */
  readonly hint: string;

  constructor(
    readonly choice: EngineChoice,
    readonly attempts: ConnectAttempt[],
  ) {
    const hint = fixHints(choice).join('\n');
    super(`${summary(choice, attempts)}\nTo fix:\n${hint.replace(/^/gm, '  - ')}`);
    this.hint = hint;
    this.name = 'EngineUnavailableError';
  }
}

const DEFAULT_PROBE_TIMEOUT_MS = 3000;

/** The first engine that answers, as the port. */
export function connectEngine(opts: ConnectOptions = {}): Promise<Engine> {
  return connectDockerode(opts);
}

/** The same, as the dockerode adapter itself: for tests and benches that need its `docker` client. */
export async function connectDockerode(opts: ConnectOptions = {}): Promise<DockerodeEngine> {
  const choice = opts.engine ?? 'auto';
  const env = opts.env ?? process.env;
  const probeTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const candidates = resolveEndpoints(choice, {
    env,
    platform: process.platform,
    homedir: env.HOME ?? homedir(),
    ...(typeof process.getuid === 'function' ? { uid: process.getuid() } : {}),
    exists: existsSync,
    ...(opts.host !== undefined ? { host: opts.host } : {}),
  });

  // Probe all in parallel (a hung endpoint costs one timeout, not one per candidate), then take
  // the first that answered, in preference order.
  const results = await Promise.all(candidates.map((c) => probe(c, choice, probeTimeoutMs)));
  const attempts: ConnectAttempt[] = [];
  for (const [i, result] of results.entries()) {
    const candidate = candidates[i];
    if (!candidate) continue;
    if ('identity' in result) {
      return new DockerodeEngine(new Docker(dockerOptions(candidate, undefined)), result.identity);
    }
    attempts.push({ candidate, error: result.error });
  }
  throw new EngineUnavailableError(choice, attempts);
}

type ProbeResult = { identity: EngineIdentity } | { error: string };

async function probe(candidate: EndpointCandidate, choice: EngineChoice, timeoutMs: number): Promise<ProbeResult> {
  if (candidate.invalid) return { error: candidate.invalid };
  if (!candidate.present && candidate.transport.type === 'unix') {
    return { error: `no socket at ${candidate.transport.path}` };
  }
  let version: Docker.DockerVersion;
  try {
    const docker = new Docker(dockerOptions(candidate, timeoutMs));
    version = await withTimeout(docker.version(), timeoutMs);
  } catch (err) {
    return { error: describeError(err, timeoutMs) };
  }
  const identity = identify(version, candidate);
  if (choice !== 'auto' && identity.kind !== choice) {
    return {
      error: `answers as ${label(identity.kind)} ${identity.version}, not ${label(choice)} (use --engine ${identity.kind} or --engine auto)`,
    };
  }
  return { identity };
}

/** Podman's /version lists a component named "Podman Engine", whatever its socket is called. */
export function identify(version: Docker.DockerVersion, endpoint: EndpointCandidate): EngineIdentity {
  const components = (version as { Components?: Array<{ Name?: string; Version?: string }> }).Components ?? [];
  const podman = components.find((c) => /podman/i.test(c.Name ?? ''));
  const kind: EngineKind = podman ? 'podman' : 'docker';
  return {
    kind,
    version: podman?.Version ?? version.Version ?? 'unknown',
    apiVersion: version.ApiVersion ?? 'unknown',
    os: version.Os ?? 'unknown',
    arch: version.Arch ?? 'unknown',
    endpoint,
  };
}

/**
 * docker-modem options for one endpoint. Every connection key is set explicitly (undefined
 * included) because docker-modem merges its own defaults from process.env (DOCKER_HOST,
 * DOCKER_CLIENT_TIMEOUT…) underneath, and a stray `host` or `timeout` would win.
 */
function dockerOptions(candidate: EndpointCandidate, timeoutMs: number | undefined): Docker.DockerOptions {
  const t = candidate.transport;
  const base: Docker.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: 'http',
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: timeoutMs,
  };
  if (t.type === 'unix' || t.type === 'npipe') return { ...base, socketPath: t.path };
  const tcp: Docker.DockerOptions = { ...base, host: t.host, port: t.port, protocol: t.tls ? 'https' : 'http' };
  if (t.tls && t.certPath) {
    tcp.ca = readFileSync(join(t.certPath, 'ca.pem'));
    tcp.cert = readFileSync(join(t.certPath, 'cert.pem'));
    tcp.key = readFileSync(join(t.certPath, 'key.pem'));
  }
  return tcp;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // docker-modem's timeout covers an idle request; this also covers a connect that never completes.
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { code?: string; message?: string } | null;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such socket';
    case 'ECONNREFUSED':
      return 'connection refused (socket present, nothing listening: the daemon is not running)';
    case 'EACCES':
      return 'permission denied (add your user to the docker group, or use rootless Podman)';
    case 'ECONNRESET':
      return `connection reset${e.message ? `: ${e.message}` : ''}`;
    default:
      if (/timeout|socket hang up/i.test(e?.message ?? '')) return `no answer within ${timeoutMs} ms`;
      return e?.message ?? String(err);
  }
}

function label(kind: EngineKind): string {
  return kind === 'docker' ? 'Docker' : 'Podman';
}

/** "No … engine answered" and every candidate tried, with its error. */
function summary(choice: EngineChoice, attempts: ConnectAttempt[]): string {
  const what = choice === 'auto' ? 'No container engine' : `No ${label(choice)} engine`;
  const tried = attempts.length
    ? attempts.map((a) => `  - ${a.candidate.address} (${a.candidate.source}): ${a.error}`).join('\n')
    : '  (no candidate endpoints for this platform)';
  return `${what} answered (--engine ${choice}). Tried:\n${tried}`;
}

function fixHints(choice: EngineChoice): string[] {
  const hints: string[] = [];
  if (choice !== 'podman') {
    hints.push(
      process.platform === 'linux'
        ? 'start Docker: `sudo systemctl start docker` (or `sudo dockerd &`)'
        : 'start Docker Desktop (or Colima / OrbStack / Rancher Desktop)',
    );
  }
  if (choice !== 'docker') {
    hints.push(
      process.platform === 'linux'
        ? 'start the Podman API: `podman system service --time=0 unix:///run/podman/podman.sock &` (rootless: `systemctl --user start podman.socket`)'
        : 'start a Podman machine: `podman machine start`',
    );
  }
  hints.push('or point DOCKER_HOST (Docker) / CONTAINER_HOST (Podman) at a running engine, e.g. DOCKER_HOST=unix:///path/to/engine.sock');
  return hints;
}
