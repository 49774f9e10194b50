// Where to look for a container engine, in order. Pure: the environment, the platform and a
// file-existence check are injected, so every case is testable without an engine.

export type EngineKind = 'docker' | 'podman';
export type EngineChoice = EngineKind | 'auto';

/** How to reach an engine: exactly the transports docker-modem can dial. */
export type Transport =
  | { type: 'unix'; path: string }
  | { type: 'npipe'; path: string }
  | { type: 'tcp'; host: string; port: number; tls: boolean; certPath?: string };

export interface EndpointCandidate {
  /** The engine expected there; the /version probe decides what really answers. */
  kind: EngineKind;
  transport: Transport;
  /** Printable address, e.g. `unix:///var/run/docker.sock`. */
  address: string;
  /** Where the candidate came from, e.g. `DOCKER_HOST`, `Podman rootful socket`. */
  source: string;
  /** False when it is a local socket that is not there (no point dialling, but worth listing). */
  present: boolean;
  /** Set when the address cannot be used at all (bad URL, unsupported scheme): never dialled. */
  invalid?: string;
}

export interface EndpointContext {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Numeric user id (rootless Podman lives under /run/user/<uid>); undefined on Windows. */
  uid?: number;
  exists(path: string): boolean;
  /** An explicit `--host` URL: the only candidate when given. */
  host?: string;
}

const DOCKER_ROOTFUL_SOCKET = '/var/run/docker.sock';
const PODMAN_ROOTFUL_SOCKET = '/run/podman/podman.sock';
const DOCKER_WINDOWS_PIPE = '//./pipe/docker_engine';
const PODMAN_WINDOWS_PIPE = '//./pipe/podman-machine-default';

/**
 * Candidates for `--engine docker|podman|auto`, best first.
 * - An explicit host is the only candidate.
 * - `docker`: DOCKER_HOST alone when set (as the docker CLI does), else the Docker sockets.
 * - `podman`: CONTAINER_HOST alone when set (as podman --remote does), else the Podman sockets.
 * - `auto`: DOCKER_HOST, CONTAINER_HOST, then the Docker sockets, then the Podman sockets.
 */
export function resolveEndpoints(choice: EngineChoice, ctx: EndpointContext): EndpointCandidate[] {
  if (ctx.host !== undefined) {
    return [parseHostUrl(ctx.host, choice === 'podman' ? 'podman' : 'docker', '--host', ctx)];
  }
  const dockerHost = nonEmpty(ctx.env.DOCKER_HOST);
  const containerHost = nonEmpty(ctx.env.CONTAINER_HOST);
  const fromDockerHost = dockerHost ? [parseHostUrl(dockerHost, 'docker', 'DOCKER_HOST', ctx)] : [];
  const fromContainerHost = containerHost ? [parseHostUrl(containerHost, 'podman', 'CONTAINER_HOST', ctx)] : [];

  let candidates: EndpointCandidate[];
  if (choice === 'docker') {
    candidates = dockerHost ? fromDockerHost : dockerDefaults(ctx);
  } else if (choice === 'podman') {
    candidates = containerHost ? fromContainerHost : podmanDefaults(ctx);
  } else {
    candidates = [...fromDockerHost, ...fromContainerHost, ...dockerDefaults(ctx), ...podmanDefaults(ctx)];
  }
  return dedupeByAddress(candidates);
}

/** Parses `unix://`, `npipe://`, `tcp://` (and `http(s)://`, or a bare `host:port`). */
export function parseHostUrl(url: string, kind: EngineKind, source: string, ctx: EndpointContext): EndpointCandidate {
  const invalid = (why: string): EndpointCandidate => ({
    kind,
    transport: { type: 'unix', path: '' },
    address: url,
    source,
    present: false,
    invalid: why,
  });

  if (url.startsWith('unix://')) {
    const path = url.slice('unix://'.length);
    if (!path) return invalid('unix:// needs a socket path, e.g. unix:///var/run/docker.sock');
    return socketCandidate(kind, path, source, ctx);
  }
  if (url.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine (docker-modem's form).
    const path = url.slice('npipe://'.length) || DOCKER_WINDOWS_PIPE;
    return { kind, transport: { type: 'npipe', path }, address: `npipe://${path}`, source, present: true };
  }
  if (url.startsWith('ssh://')) {
    return invalid('ssh:// hosts are not supported: forward the socket (ssh -L) and use unix:// or tcp://');
  }

  const withScheme = url.includes('://') ? url : `tcp://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return invalid('not a valid address: use unix:///path/to.sock, tcp://host:port or npipe:////./pipe/name');
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'tcp' && scheme !== 'http' && scheme !== 'https') {
    return invalid(`unsupported scheme "${scheme}://": use unix://, tcp:// or npipe://`);
  }
  const tlsVerify = nonEmpty(ctx.env.DOCKER_TLS_VERIFY);
  const certPath = nonEmpty(ctx.env.DOCKER_CERT_PATH);
  // Docker's conventions: 2376 is the TLS port; DOCKER_TLS_VERIFY (any non-empty value) asks for TLS.
  const defaultPort = scheme === 'https' || tlsVerify ? 2376 : 2375;
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  const tls = scheme === 'https' || Boolean(tlsVerify) || port === 2376;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return invalid('tcp:// needs a host, e.g. tcp://127.0.0.1:2375');
  const transport: Transport = { type: 'tcp', host, port, tls };
  if (tls && certPath) transport.certPath = certPath;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return { kind, transport, address: `tcp://${hostForUrl}:${port}`, source, present: true };
}

function socketCandidate(kind: EngineKind, path: string, source: string, ctx: EndpointContext): EndpointCandidate {
  return { kind, transport: { type: 'unix', path }, address: `unix://${path}`, source, present: ctx.exists(path) };
}

function dockerDefaults(ctx: EndpointContext): EndpointCandidate[] {
  const home = ctx.homedir;
  if (ctx.platform === 'win32') {
    return [
      { kind: 'docker', transport: { type: 'npipe', path: DOCKER_WINDOWS_PIPE }, address: `npipe://${DOCKER_WINDOWS_PIPE}`, source: 'Docker Desktop pipe', present: true },
    ];
  }
  const list = [
    socketCandidate('docker', DOCKER_ROOTFUL_SOCKET, 'default Docker socket', ctx),
    socketCandidate('docker', `${home}/.docker/run/docker.sock`, 'Docker Desktop socket', ctx),
  ];
  const rootlessDir = runtimeDir(ctx);
  if (ctx.platform === 'linux' && rootlessDir) {
    list.push(socketCandidate('docker', `${rootlessDir}/docker.sock`, 'rootless Docker socket', ctx));
  }
  if (ctx.platform === 'darwin') {
    list.push(
      socketCandidate('docker', `${home}/.colima/default/docker.sock`, 'Colima socket', ctx),
      socketCandidate('docker', `${home}/.orbstack/run/docker.sock`, 'OrbStack socket', ctx),
      socketCandidate('docker', `${home}/.rd/docker.sock`, 'Rancher Desktop socket', ctx),
    );
  }
  return list;
}

function podmanDefaults(ctx: EndpointContext): EndpointCandidate[] {
  if (ctx.platform === 'win32') {
    return [
      { kind: 'podman', transport: { type: 'npipe', path: PODMAN_WINDOWS_PIPE }, address: `npipe://${PODMAN_WINDOWS_PIPE}`, source: 'Podman machine pipe', present: true },
    ];
  }
  const list: EndpointCandidate[] = [];
  if (ctx.platform === 'linux') {
    list.push(socketCandidate('podman', PODMAN_ROOTFUL_SOCKET, 'Podman rootful socket', ctx));
    const xdg = nonEmpty(ctx.env.XDG_RUNTIME_DIR);
    if (xdg) list.push(socketCandidate('podman', `${xdg}/podman/podman.sock`, 'Podman rootless socket (XDG_RUNTIME_DIR)', ctx));
    if (ctx.uid !== undefined) {
      list.push(socketCandidate('podman', `/run/user/${ctx.uid}/podman/podman.sock`, 'Podman rootless socket', ctx));
    }
  }
  if (ctx.platform === 'darwin') {
    const tmp = nonEmpty(ctx.env.TMPDIR)?.replace(/\/$/, '');
    // Podman 5 machines put the API socket under $TMPDIR; Podman 4 under ~/.local/share.
    if (tmp) list.push(socketCandidate('podman', `${tmp}/podman/podman-machine-default-api.sock`, 'Podman machine socket', ctx));
    list.push(
      socketCandidate('podman', `${ctx.homedir}/.local/share/containers/podman/machine/podman.sock`, 'Podman machine socket', ctx),
      socketCandidate('podman', `${ctx.homedir}/.local/share/containers/podman/machine/qemu/podman.sock`, 'Podman machine socket (qemu)', ctx),
    );
  }
  return list;
}

function runtimeDir(ctx: EndpointContext): string | undefined {
  return nonEmpty(ctx.env.XDG_RUNTIME_DIR) ?? (ctx.uid !== undefined && ctx.uid !== 0 ? `/run/user/${ctx.uid}` : undefined);
}

function dedupeByAddress(candidates: EndpointCandidate[]): EndpointCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    if (seen.has(c.address)) return false;
    seen.add(c.address);
    return true;
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
