// Waiting on pods from the CLI (`apply --wait`, `delete --wait`): live pod changes, with a line
// printed whenever a pod's STATUS column changes.
import type { BerthApi } from '../api/contract';
import type { PodChange, PodObject } from '../api/results';

export interface PodKey {
  namespace: string;
  name: string;
}

export type PodOutcome = 'ready' | 'succeeded' | 'failed' | 'gone' | 'timeout';

const keyOf = (p: PodKey) => `${p.namespace}/${p.name}`;

/** What `apply --wait` waits for: Ready, or finished (Succeeded/Failed). */
export function readinessOutcome(pod: PodObject): PodOutcome | undefined {
  const status = pod.status;
  if (status.phase === 'Succeeded') return 'succeeded';
  if (status.phase === 'Failed') return 'failed';
  if (status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return 'ready';
  return undefined;
}

export async function waitForPods(
  api: BerthApi,
  pods: PodKey[],
  goal: 'ready' | 'gone',
  timeoutMs: number,
  report: (line: string) => void,
): Promise<Map<string, PodOutcome>> {
  const outcomes = new Map<string, PodOutcome>();
  const lastStatus = new Map<string, string>();
  const pending = new Set(pods.map(keyOf));
  let wake: () => void = () => {};
  const changed = () => wake();
  const unsubscribe = api.subscribe('pods', {}, (change: PodChange) => {
    const key = change.type === 'upserted' ? keyOf(change.pod) : keyOf(change);
    if (pending.has(key)) changed();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (pending.size > 0 && Date.now() < deadline) {
      const listed = new Map((await api.listPods({})).map((p) => [keyOf(p), p]));
      for (const key of [...pending]) {
        const summary = listed.get(key);
        if (!summary) {
          outcomes.set(key, 'gone');
          pending.delete(key);
          report(`pod/${key.split('/')[1]} deleted`);
          continue;
        }
        if (lastStatus.get(key) !== summary.status) {
          lastStatus.set(key, summary.status);
          report(`pod/${summary.name}: ${summary.status} (${summary.ready} ready)`);
        }
        if (goal === 'ready') {
          const outcome = readinessOutcome(await api.getPod({ namespace: summary.namespace, name: summary.name }));
          if (outcome) {
            outcomes.set(key, outcome);
            pending.delete(key);
          }
        }
      }
      if (pending.size === 0) break;
      // Sleep until a change for one of our pods, or a second (a safety net), or the deadline.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
  for (const key of pending) outcomes.set(key, 'timeout');
  return outcomes;
}
