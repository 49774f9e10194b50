// The kubelet's event reasons and message formats (pkg/kubelet/events/event.go and the places
// that record them), so Berth's events read exactly like `kubectl describe`.
import type { EventInput, EventType, KubeletEventReason } from '../model';

export const REASONS = {
  created: 'Created',
  started: 'Started',
  failed: 'Failed',
  killing: 'Killing',
  backOff: 'BackOff',
  pulled: 'Pulled',
  pulling: 'Pulling',
  sandboxChanged: 'SandboxChanged',
  failedCreatePodSandBox: 'FailedCreatePodSandBox',
  failedMount: 'FailedMount',
  invalidEnvironmentVariableNames: 'InvalidEnvironmentVariableNames',
} as const satisfies Record<string, KubeletEventReason>;

export interface PodRef {
  uid: string;
  namespace: string;
  name: string;
}

/** `spec.containers{main}` / `spec.initContainers{init}`: where kubectl shows a container event. */
export function containerFieldPath(kind: 'init' | 'sidecar' | 'app', name: string): string {
  return kind === 'app' ? `spec.containers{${name}}` : `spec.initContainers{${name}}`;
}

export function kubeletEvent(
  pod: PodRef,
  node: string,
  type: EventType,
  reason: KubeletEventReason,
  message: string,
  timestamp: number,
  fieldPath?: string,
): EventInput {
  return {
    involvedObject: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid, ...(fieldPath ? { fieldPath } : {}) },
    type,
    reason,
    message,
    source: { component: 'kubelet', host: node },
    timestamp,
  };
}

/**
 * The kubelet's node status events (kubelet_node_status.go recordNodeStatusEvent): recorded on
 * the Node, in the default namespace, when the container runtime goes away and comes back.
 * Berth adds why to the kubelet's fixed text, since here the runtime is the whole node.
 */
export function nodeReadinessEvent(node: string, ready: boolean, timestamp: number, detail?: string): EventInput {
  const status = ready ? 'NodeReady' : 'NodeNotReady';
  return {
    involvedObject: { kind: 'Node', namespace: 'default', name: node, uid: node },
    type: ready ? 'Normal' : 'Warning',
    reason: status,
    message: `Node ${node} status is now: ${status}${detail ? ` (${detail})` : ''}`,
    source: { component: 'kubelet', host: node },
    timestamp,
  };
}

export const messages = {
  created: (container: string) => `Created container: ${container}`,
  started: (container: string) => `Started container ${container}`,
  killing: (container: string) => `Stopping container ${container}`,
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  pulling: (image: string) => `Pulling image "${image}"`,
  createError: (error: string) => `Error: ${error}`,
  sandboxChanged: () => 'Pod sandbox changed, it will be killed and re-created.',
  failedCreateSandbox: (error: string) => `Failed to create pod sandbox: ${error}`,
} as const;
