// Service environment variables (`FOO_SERVICE_HOST`, `FOO_PORT_80_TCP`, …): which services a
// container sees (`getServiceEnvVarMap` in pkg/kubelet/kubelet_pods.go) and the variables
// each one yields (`FromServices` in pkg/kubelet/envvars/envvars.go).
//
// Where Berth differs: there are no cluster IPs. A Service's host is its `spec.clusterIP` when
// the user set it to an IP, and otherwise the Service's name, which Berth makes resolvable on
// the namespace's engine network — so `FOO_SERVICE_HOST=foo` and `FOO_PORT=tcp://foo:80`
// where a cluster would say `10.96.0.12`. Headless services (`clusterIP: None`) and
// ExternalName services (no cluster IP in Kubernetes either) get no variables, as in the
// kubelet. The `kubernetes` service that the kubelet always injects from `default` does not
// exist in Berth.
import { isIP } from 'node:net';
import type { Service } from '../../model';
import { namespaceOf } from '../../kube/defaults';

export interface EnvVarValue {
  name: string;
  value: string;
}

/** A Service together with the time Berth created it (epoch milliseconds). */
export interface ServiceRecord {
  service: Service;
  createdAt: number;
}

export interface VisibleServicesInput {
  services: readonly ServiceRecord[];
  /** The namespace of the pod whose container is being created. */
  namespace: string;
  /** The pod's `spec.enableServiceLinks`. */
  enableServiceLinks: boolean;
  /** When the container is being created (epoch milliseconds). */
  containerCreatedAt: number;
}

/**
 * The services whose variables a container gets: those of the pod's namespace that existed
 * when the container was created (the kubelet reads its service cache at that moment; a
 * service created later appears only in containers created after it), and none at all when
 * `enableServiceLinks` is false. One per name, sorted by name.
 */
export function visibleServices(input: VisibleServicesInput): Service[] {
  if (!input.enableServiceLinks) return [];
  const byName = new Map<string, Service>();
  for (const { service, createdAt } of input.services) {
    if (namespaceOf(service.metadata) !== input.namespace) continue;
    if (createdAt > input.containerCreatedAt) continue;
    if (serviceHost(service) === null) continue;
    byName.set(service.metadata.name, service);
  }
  return [...byName.keys()].sort(compareStrings).map((name) => byName.get(name) as Service);
}

/** The variables of the visible services, in `FromServices` order. */
export function serviceEnvVars(input: VisibleServicesInput): EnvVarValue[] {
  return envVarsFromServices(visibleServices(input));
}

/**
 * `FromServices`: per service, HOST, the first port as `_SERVICE_PORT`, every named port as
 * `_SERVICE_PORT_<NAME>`, then the Docker-link variables.
 */
export function envVarsFromServices(services: readonly Service[]): EnvVarValue[] {
  const result: EnvVarValue[] = [];
  for (const service of services) {
    const host = serviceHost(service);
    if (host === null) continue;
    const prefix = makeEnvVariableName(service.metadata.name);
    result.push({ name: `${prefix}_SERVICE_HOST`, value: host });
    const ports = service.spec.ports ?? [];
    const first = ports[0];
    // Validation requires ports on a service with a cluster IP; without any, only HOST is set.
    if (first === undefined) continue;
    const portName = `${prefix}_SERVICE_PORT`;
    result.push({ name: portName, value: String(first.port) });
    for (const port of ports) {
      if (port.name) result.push({ name: `${portName}_${makeEnvVariableName(port.name)}`, value: String(port.port) });
    }
    result.push(...makeLinkVariables(prefix, host, ports));
  }
  return result;
}

/** `makeLinkVariables`: Docker's `--link` variables; Docker special-cases the first port. */
function makeLinkVariables(
  prefix: string,
  host: string,
  ports: readonly { port: number; protocol?: string }[],
): EnvVarValue[] {
  const all: EnvVarValue[] = [];
  ports.forEach((port, index) => {
    const protocol = port.protocol || 'TCP';
    const scheme = protocol.toLowerCase();
    const url = `${scheme}://${formatHostPort(host, port.port)}`;
    if (index === 0) all.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${port.port}_${protocol.toUpperCase()}`;
    all.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: scheme },
      { name: `${portPrefix}_PORT`, value: String(port.port) },
      { name: `${portPrefix}_ADDR`, value: host },
    );
  });
  return all;
}

/** The kubelet formats `%s:%d` with no brackets, even for an IPv6 cluster IP. */
function formatHostPort(host: string, port: number): string {
  return `${host}:${port}`;
}

/**
 * The address the variables point at, or null for a service that gets none: headless
 * (`None`) and ExternalName services. See the file comment for why a name stands in for the
 * cluster IP.
 */
export function serviceHost(service: Service): string | null {
  const clusterIP = service.spec.clusterIP ?? '';
  if (clusterIP === 'None' || service.spec.type === 'ExternalName') return null;
  return isIP(clusterIP) !== 0 ? clusterIP : service.metadata.name;
}

/** `makeEnvVariableName`: upper-case, `.` and `-` become `_`, a leading digit gets a `_`. */
export function makeEnvVariableName(name: string): string {
  const upper = name.replaceAll('.', '_').replaceAll('-', '_').toUpperCase();
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** Go's byte-wise string order (for ASCII names, code-unit order). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
