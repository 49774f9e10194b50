// The scheduler's decision for Berth's single node: does the pod's nodeSelector (merged with its
// RuntimeClass's scheduling.nodeSelector) match the node, and does spec.nodeName name it.
import type { LocalNode } from './node';

export type ScheduleDecision =
  | { fits: true; nodeName: string }
  | { fits: false; message: string };

/** As the scheduler reports a single unschedulable node (k8s 1.30+ wording). */
function unschedulable(reason: string): ScheduleDecision {
  return {
    fits: false,
    message: `0/1 nodes are available: 1 ${reason}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`,
  };
}

export function schedulePod(
  spec: { nodeName?: string; nodeSelector?: Record<string, string> },
  node: LocalNode,
  runtimeClassNodeSelector: Record<string, string> = {},
): ScheduleDecision {
  if (spec.nodeName && spec.nodeName !== node.name) {
    return unschedulable(`node(s) didn't match the requested node name`);
  }
  // RuntimeClass admission merges its nodeSelector into the pod's (the pod's own value wins on a
  // key both set with different values: admission rejects that, so such a pod never gets here).
  const selector = { ...runtimeClassNodeSelector, ...(spec.nodeSelector ?? {}) };
  const matches = Object.entries(selector).every(([key, value]) => node.labels[key] === value);
  if (!matches) return unschedulable(`node(s) didn't match Pod's node affinity/selector`);
  return { fits: true, nodeName: node.name };
}
