// The pod list as the table shows it: a snapshot from listPods, kept current by PodChange pushes.
import type { PodChange, PodSummary } from '../../../src-main/api/results';

/** Sorted like `kubectl get pods -A`: namespace, then name. */
export function sortPods(pods: PodSummary[]): PodSummary[] {
  return [...pods].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export function applyPodChange(pods: PodSummary[], change: PodChange): PodSummary[] {
  if (change.type === 'removed') return pods.filter((pod) => pod.uid !== change.uid);
  const others = pods.filter((pod) => pod.uid !== change.pod.uid);
  return sortPods([...others, change.pod]);
}

export type StatusTone = 'ok' | 'progress' | 'bad' | 'done' | 'neutral';

const inProgress = new Set(['Pending', 'ContainerCreating', 'PodInitializing']);

/** How alarming a STATUS value is, for its colour: anything not known to be fine is bad. */
export function statusTone(status: string, terminating = false): StatusTone {
  if (terminating || status === 'Terminating') return 'neutral';
  if (status === 'Running') return 'ok';
  if (status === 'Succeeded' || status === 'Completed') return 'done';
  // "Init:1/3" is progress; "Init:Error" or "Init:CrashLoopBackOff" is not.
  if (inProgress.has(status) || /^Init:\d+\/\d+$/.test(status)) return 'progress';
  return 'bad';
}
