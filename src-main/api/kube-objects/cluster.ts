// Namespace and Node: Berth has no such objects, so they are synthesized. Namespaces are the
// four every cluster has plus every namespace that holds something, all Active; the node is the
// local machine as the engine reports it (what Berth's pods' spec.nodeName already name). Pure.
import type { EngineHost } from '../../engine/engine';
import type { LocalNode } from '../../kubelet/node';
import { rfc3339 } from '../../model';
import type { ApiObjectWithFields } from './kinds';
import { objectMeta, stableUid } from './meta';

export const BUILT_IN_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const;

/** The built-in namespaces and those in use, sorted (the API server lists by name). */
export function namespaceNames(inUse: Iterable<string>): string[] {
  return [...new Set([...BUILT_IN_NAMESPACES, ...inUse])].filter((n) => n !== '').sort();
}

export function toNamespaceObject(name: string, at: { createdAt: number; resourceVersion: number }): ApiObjectWithFields {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: objectMeta(
      // The API server labels every namespace with its name (NamespaceDefaultLabelName).
      { labels: { 'kubernetes.io/metadata.name': name } },
      { name, uid: stableUid(`namespace/${name}`), ...at },
    ),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** What the node reports of its container engine; undefined when the engine does not answer. */
export interface NodeEngine {
  kind: 'docker' | 'podman';
  version: string;
  host: EngineHost;
}

export interface NodeFacts {
  node: LocalNode;
  engine: NodeEngine | undefined;
  /** Why the engine does not answer (the Ready condition's message). */
  engineError?: string;
  kubeletVersion: string;
  createdAt: number;
  resourceVersion: number;
  now: number;
}

/** The kubelet's own pod limit (--max-pods default). */
const MAX_PODS = '110';

function condition(type: string, status: string, reason: string, message: string, now: number) {
  const at = rfc3339(now);
  return { type, status, lastHeartbeatTime: at, lastTransitionTime: at, reason, message };
}

export function toNodeObject(facts: NodeFacts): ApiObjectWithFields {
  const { node, engine, now } = facts;
  const resources = engine
    ? { cpu: String(engine.host.cpus), memory: `${Math.floor(engine.host.memoryBytes / 1024)}Ki`, pods: MAX_PODS }
    : { pods: MAX_PODS };
  // The kubelet's condition reasons and messages (pkg/kubelet/nodestatus/setters.go).
  const ready = engine
    ? condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now)
    : condition('Ready', 'False', 'KubeletNotReady', `container runtime is down: ${facts.engineError ?? 'the engine does not answer'}`, now);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: objectMeta(
      { labels: { ...node.labels } },
      { name: node.name, uid: stableUid(`node/${node.name}`), resourceVersion: facts.resourceVersion, createdAt: facts.createdAt },
    ),
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
        ready,
      ],
      // Pods publish their ports on loopback (DESIGN.md): that is where the node is reached.
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: engine?.host.kernelVersion ?? '',
        osImage: engine?.host.operatingSystem ?? '',
        containerRuntimeVersion: engine ? `${engine.kind}://${engine.version}` : '',
        kubeletVersion: facts.kubeletVersion,
        kubeProxyVersion: '',
        operatingSystem: node.labels['kubernetes.io/os'] ?? '',
        architecture: node.labels['kubernetes.io/arch'] ?? '',
      },
    },
  };
}
