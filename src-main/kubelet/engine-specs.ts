// What Berth asks the engine to create for a pod: the sandbox that holds its namespaces, and one
// container per spec container joined to it. Pure: the pod, the decisions and the environment in,
// a ContainerSpec out.
import type { ContainerSpec, MountSpec, PortBinding } from '../engine/container-spec';
import type { EngineKind } from '../engine/endpoint';
import { containerLabels, LABELS, sandboxLabels, type PodIdentity } from '../engine/labels';
import type { Container, Pod } from '../model';
import { parseQuantity, quantityMilliValue, quantityValue } from './environment';

/** Engine object names: readable in `docker ps`, unique per pod uid and attempt. */
export function sandboxName(pod: PodIdentity, generation: number): string {
  return `berth_${pod.namespace}_${pod.name}_${pod.uid.slice(0, 8)}_sandbox_${generation}`;
}

export function containerName(pod: PodIdentity, container: string, attempt: number): string {
  return `berth_${pod.namespace}_${pod.name}_${pod.uid.slice(0, 8)}_${container}_${attempt}`;
}

/** The engine network all pods of a namespace share; Service names resolve on it. */
export function namespaceNetworkName(namespace: string): string {
  return `berth-${namespace}`;
}

const LOOPBACK = '127.0.0.1';

/**
 * Every declared container port is published by the sandbox on 127.0.0.1: `hostPort` where one is
 * declared (as the kubelet's hostport manager would, but on loopback unless `hostIP` says
 * otherwise), an ephemeral port otherwise so that httpGet hooks and probes reach the pod on
 * Docker Desktop and Podman machines too.
 */
export function sandboxPortBindings(pod: Pod): PortBinding[] {
  const bindings: PortBinding[] = [];
  const seen = new Set<string>();
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  for (const port of all.flatMap((c) => c.ports ?? [])) {
    const protocol = port.protocol.toLowerCase() as PortBinding['protocol'];
    const key = `${port.containerPort}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (port.hostPort) bindings.push({ containerPort: port.containerPort, protocol, hostIp: port.hostIP ?? LOOPBACK, hostPort: port.hostPort });
    else if (protocol === 'tcp') bindings.push({ containerPort: port.containerPort, protocol, hostIp: LOOPBACK });
  }
  return bindings;
}

export interface SandboxSpecInput {
  pod: Pod;
  /** The `berth.instance` label value of this Berth. */
  instance: string;
  identity: PodIdentity;
  generation: number;
  image: string;
  hostname: string;
  /** Service names whose selector matches the pod: DNS aliases on the namespace network. */
  serviceAliases: string[];
  runtimeHandler?: string;
}

export function sandboxSpec(input: SandboxSpecInput): ContainerSpec {
  const spec: ContainerSpec = {
    name: sandboxName(input.identity, input.generation),
    image: input.image,
    labels: { ...sandboxLabels(input.identity), [LABELS.instance]: input.instance },
    hostname: input.hostname,
    networkMode: namespaceNetworkName(input.identity.namespace),
    networkAliases: input.serviceAliases,
    portBindings: sandboxPortBindings(input.pod),
    // The pod's containers share its IPC namespace, as in Kubernetes.
    ipcMode: 'shareable',
  };
  if (input.runtimeHandler) spec.runtime = input.runtimeHandler;
  return spec;
}

export interface ContainerSpecInput {
  pod: Pod;
  instance: string;
  identity: PodIdentity;
  container: Container;
  attempt: number;
  engine: EngineKind;
  sandboxId: string;
  hostname: string;
  env: { name: string; value: string }[];
  /** command/args after $(VAR) expansion. */
  command?: string[];
  args?: string[];
  mounts: MountSpec[];
  runtimeHandler?: string;
}

function memoryBytes(container: Container): number | undefined {
  const limit = container.resources?.limits?.memory;
  const quantity = limit === undefined ? null : parseQuantity(limit);
  return quantity ? Number(quantityValue(quantity)) : undefined;
}

function nanoCpus(container: Container): number | undefined {
  const limit = container.resources?.limits?.cpu;
  const quantity = limit === undefined ? null : parseQuantity(limit);
  return quantity ? Number(quantityMilliValue(quantity)) * 1_000_000 : undefined;
}

function userOf(container: Container, pod: Pod): string | undefined {
  const podContext = pod.spec.securityContext;
  const uid = container.securityContext?.runAsUser ?? podContext?.runAsUser;
  const gid = container.securityContext?.runAsGroup ?? podContext?.runAsGroup;
  if (uid === undefined) return gid === undefined ? undefined : `0:${gid}`;
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

export function containerSpec(input: ContainerSpecInput): ContainerSpec {
  const { container } = input;
  const spec: ContainerSpec = {
    name: containerName(input.identity, container.name, input.attempt),
    image: container.image,
    labels: { ...containerLabels(input.identity, container.name, input.attempt), [LABELS.instance]: input.instance },
    env: Object.fromEntries(input.env.map((e) => [e.name, e.value])),
    networkMode: `container:${input.sandboxId}`,
    ipcMode: `container:${input.sandboxId}`,
    mounts: input.mounts,
  };
  // Kubernetes: `command` replaces the image's ENTRYPOINT and, without `args`, drops its CMD too.
  if (input.command) {
    spec.entrypoint = input.command;
    spec.cmd = input.args ?? [];
  } else if (input.args) {
    spec.cmd = input.args;
  }
  // Docker gives a container that joins the sandbox's network its hostname and refuses another;
  // Podman does not share it, so it must be set.
  if (input.engine === 'podman') spec.hostname = input.hostname;
  if (input.runtimeHandler) spec.runtime = input.runtimeHandler;
  if (container.lifecycle?.stopSignal) spec.stopSignal = container.lifecycle.stopSignal;
  if (container.workingDir) spec.workingDir = container.workingDir;
  const user = userOf(container, input.pod);
  if (user) spec.user = user;
  const memory = memoryBytes(container);
  if (memory) spec.memoryBytes = memory;
  const cpus = nanoCpus(container);
  if (cpus) spec.nanoCpus = cpus;
  if (container.tty) spec.tty = true;
  if (container.stdin) spec.openStdin = true;
  const security = container.securityContext;
  if (security?.privileged) spec.privileged = true;
  if (security?.readOnlyRootFilesystem) spec.readOnlyRootfs = true;
  if (security?.capabilities?.add?.length) spec.capAdd = security.capabilities.add;
  if (security?.capabilities?.drop?.length) spec.capDrop = security.capabilities.drop;
  return spec;
}
