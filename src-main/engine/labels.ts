// Every label Berth puts on what it creates, in one place. The engine is Berth's source of truth
// after a crash: these labels are enough to rebuild which pod and container each object is.

export const LABELS = {
  /** `true` on everything Berth manages; the one filter that finds all of it. */
  managed: 'berth.managed',
  podUid: 'berth.pod.uid',
  podNamespace: 'berth.pod.namespace',
  podName: 'berth.pod.name',
  /** The spec container's name (absent on the sandbox). */
  containerName: 'berth.container.name',
  /** How many times the kubelet logic restarted this container before (0 for the first). */
  restartCount: 'berth.container.restart-count',
  /** `sandbox` (holds the pod's namespaces) or `container` (a spec container joined to it). */
  role: 'berth.role',
  /** Which Berth (data folder) made it: two Berths on one engine never adopt each other's pods. */
  instance: 'berth.instance',
} as const;

export const MANAGED_VALUE = 'true';

export type BerthRole = 'sandbox' | 'container';

export interface PodIdentity {
  uid: string;
  namespace: string;
  name: string;
}

/** Labels of a pod's sandbox. */
export function sandboxLabels(pod: PodIdentity): Record<string, string> {
  return {
    [LABELS.managed]: MANAGED_VALUE,
    [LABELS.podUid]: pod.uid,
    [LABELS.podNamespace]: pod.namespace,
    [LABELS.podName]: pod.name,
    [LABELS.role]: 'sandbox',
  };
}

/** Labels of one spec container of a pod. */
export function containerLabels(pod: PodIdentity, containerName: string, restartCount: number): Record<string, string> {
  return {
    [LABELS.managed]: MANAGED_VALUE,
    [LABELS.podUid]: pod.uid,
    [LABELS.podNamespace]: pod.namespace,
    [LABELS.podName]: pod.name,
    [LABELS.role]: 'container',
    [LABELS.containerName]: containerName,
    [LABELS.restartCount]: String(restartCount),
  };
}

export interface BerthLabels {
  pod: PodIdentity;
  role: BerthRole;
  containerName?: string;
  restartCount?: number;
}

/** Reads Berth's labels back; undefined for anything Berth did not create (or labelled partly). */
export function parseBerthLabels(labels: Readonly<Record<string, string>>): BerthLabels | undefined {
  if (labels[LABELS.managed] !== MANAGED_VALUE) return undefined;
  const uid = labels[LABELS.podUid];
  const namespace = labels[LABELS.podNamespace];
  const name = labels[LABELS.podName];
  const role = labels[LABELS.role];
  if (!uid || !namespace || !name || (role !== 'sandbox' && role !== 'container')) return undefined;
  const parsed: BerthLabels = { pod: { uid, namespace, name }, role };
  const containerName = labels[LABELS.containerName];
  if (containerName !== undefined) parsed.containerName = containerName;
  const restarts = Number(labels[LABELS.restartCount]);
  if (labels[LABELS.restartCount] !== undefined && Number.isInteger(restarts) && restarts >= 0) {
    parsed.restartCount = restarts;
  }
  return parsed;
}
