// The pods the engine benchmarks run, as Berth YAML, and waiting for them the way the UI does:
// from the `pods` subscription's pushes, so measuring adds no API calls to what is measured.
import type { PodChange, PodSummary } from '../../../src-main/api/results';
import { busybox, podYaml, type PodHarness } from '../../support/pod-harness';

/** What waiting needs of a core: the pod harness, or a bench's own core (see `core-via.ts`). */
export type PodsClient = Pick<PodHarness, 'api' | 'namespace' | 'apply'>;

/** PID 1 that exits at once on SIGTERM (the trap runs as soon as `wait` is interrupted). */
export const HANDLES_TERM = "trap 'exit 0' TERM; sleep 3600 & wait";
/** PID 1 that ignores SIGTERM: only SIGKILL ends it. */
export const IGNORES_TERM = "trap '' TERM; while :; do sleep 1; done";

/** Time to allow `pods` pods of `containers` containers to start or go, on a loaded 2-core machine. */
export function timeoutFor(pods: number, containers = 1): number {
  return 60_000 + 2_000 * pods * containers;
}

export function benchPodYaml(name: string, containers: number, script: string, grace = 30, namespace?: string): string {
  const blocks = Array.from({ length: containers }, (_, i) => busybox(`c${i}`, script)).join('');
  return podYaml(name, blocks, { grace, ...(namespace ? { metadata: `\n  namespace: ${namespace}` } : {}) });
}

/** Running and every container ready: with no readiness probe, that is started with postStart done. */
function fullyRunning(pod: PodSummary): boolean {
  const [ready, total] = pod.ready.split('/');
  return pod.status === 'Running' && ready === total && !pod.terminating;
}

/**
 * Resolves when `condition` holds for the named pods of the harness's namespace, judged on each
 * push of the `pods` topic; rejects after `timeoutMs` with the pods' last summaries.
 */
function watchUntil(h: PodsClient, names: string[], condition: (latest: Map<string, PodSummary | 'removed'>) => boolean, what: string, timeoutMs: number): Promise<void> {
  const latest = new Map<string, PodSummary | 'removed'>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`pods ${names.join(', ')} not ${what} within ${timeoutMs} ms: ${JSON.stringify([...latest])}`));
    }, timeoutMs);
    const unsubscribe = h.api.subscribe('pods', { namespace: h.namespace }, (change: PodChange) => {
      if (change.type === 'upserted') latest.set(change.pod.name, change.pod);
      else latest.set(change.name, 'removed');
      if (condition(latest)) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Applies `yaml` and resolves when all `names` are fully running; the promise starts watching first. */
export async function applyUntilRunning(h: PodsClient, yaml: string, names: string[], timeoutMs = 120_000): Promise<void> {
  const running = watchUntil(h, names, (latest) => names.every((n) => { const p = latest.get(n); return p !== undefined && p !== 'removed' && fullyRunning(p); }), 'running', timeoutMs);
  await h.apply(yaml);
  await running;
}

/** Deletes `names` with the grace given and resolves when they are gone (containers removed). */
export async function deleteUntilGone(h: PodsClient, names: string[], gracePeriodSeconds: number, timeoutMs = 120_000): Promise<void> {
  const gone = watchUntil(h, names, (latest) => names.every((n) => latest.get(n) === 'removed'), 'gone', timeoutMs);
  await Promise.all(names.map((name) => h.api.deletePod({ namespace: h.namespace, name, gracePeriodSeconds })));
  await gone;
}
