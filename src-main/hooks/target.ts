// Where an httpGet/tcpSocket action connects. Pure: the caller supplies the published ports.
//
// The kubelet dials `host` when set and the pod IP otherwise (runHTTPHandler,
// probe/http GetProbeUrl, tcpProberAction), with the port resolved by number or by the
// container's port NAME (probe.ResolveContainerPort). Berth's pods sit in a container engine's
// network, which Docker Desktop and Podman machines do not route to, so Berth reaches the pod
// through the sandbox's published ports instead: every declared TCP container port is
// published on an ephemeral 127.0.0.1 port.
//
// The Host header keeps what the kubelet would send: `podIP:containerPort` when the pod IP is
// known (the app sees the same request as on a node; a redirect it builds from the Host header
// points at the pod and is mapped back to the published port by `dialFor`), otherwise the
// address actually dialled.
import type { ContainerPort, IntOrString } from '../model';

/** The host port the sandbox published for a container port, if it did. */
export type PublishedPortLookup = (containerPort: number) => number | undefined;

export interface TargetContext {
  /** The container the handler belongs to: its `ports` resolve port names. */
  container: { name: string; ports?: ContainerPort[] };
  publishedPort: PublishedPortLookup;
  /** The pod's IP in the engine network, when known: used in the Host header and messages. */
  podIP?: string;
}

export interface ResolvedTarget {
  /** Where Berth connects. */
  host: string;
  port: number;
  /** The authority the kubelet's URL would carry (`podIP:8080`, or `host:port` when `host` is set). */
  hostHeader: string;
  /** The hostname redirects are compared with (the kubelet compares hostnames, not ports). */
  logicalHost: string;
  /** The port as resolved from the spec (a container port when the pod is the target). */
  containerPort: number;
  /** Maps a logical `hostname:port` (e.g. from a redirect) to where Berth connects. */
  dialFor(hostname: string, port: number): { host: string; port: number } | TargetError;
}

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

const LOOPBACK = '127.0.0.1';

/**
 * A port by number or by name, with the kubelet's errors (probe.ResolveContainerPort):
 * `port "http" not found`, `invalid port number: 0`.
 */
export function resolveContainerPort(port: IntOrString, container: { ports?: ContainerPort[] }): number | TargetError {
  let resolved: number;
  if (typeof port === 'number') {
    resolved = port;
  } else {
    const named = container.ports?.find((p) => p.name === port);
    if (!named) return new TargetError(`port ${JSON.stringify(port)} not found`);
    resolved = named.containerPort;
  }
  if (Number.isInteger(resolved) && resolved > 0 && resolved < 65536) return resolved;
  return new TargetError(`invalid port number: ${resolved}`);
}

/** `host:port`, with IPv6 literals bracketed (Go's net.JoinHostPort). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

function unpublished(containerPort: number, containerName: string): TargetError {
  return new TargetError(
    `port ${containerPort} of the pod is not published: Berth reaches a pod only through the ports its containers ` +
      `declare, so declare it under \`ports\` (e.g. \`ports: [{containerPort: ${containerPort}}]\` on container ` +
      `"${containerName}") or set \`host\` to an address Berth can reach`,
  );
}

/** Resolves an httpGet/tcpSocket action's target, or explains why it cannot be reached. */
export function resolveTarget(action: { port: IntOrString; host?: string }, ctx: TargetContext): ResolvedTarget | TargetError {
  const port = resolveContainerPort(action.port, ctx.container);
  if (port instanceof TargetError) return port;

  if (action.host) {
    // An explicit host is dialled as given, like the kubelet does.
    const host = action.host;
    return {
      host,
      port,
      hostHeader: joinHostPort(host, port),
      logicalHost: host,
      containerPort: port,
      dialFor: (hostname, p) => ({ host: hostname, port: p }),
    };
  }

  const published = ctx.publishedPort(port);
  if (published === undefined) return unpublished(port, ctx.container.name);
  const logicalHost = ctx.podIP ?? LOOPBACK;
  const hostHeader = ctx.podIP ? joinHostPort(ctx.podIP, port) : joinHostPort(LOOPBACK, published);
  return {
    host: LOOPBACK,
    port: published,
    hostHeader,
    logicalHost,
    containerPort: port,
    dialFor(hostname, p) {
      // Only the pod's own address is translated; any other host is dialled as named.
      if (ctx.podIP && hostname === ctx.podIP) {
        const hostPort = ctx.publishedPort(p);
        return hostPort === undefined ? unpublished(p, ctx.container.name) : { host: LOOPBACK, port: hostPort };
      }
      return { host: hostname, port: p };
    },
  };
}
