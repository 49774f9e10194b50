// The kubelet's killContainer (pkg/kubelet/kuberuntime/kuberuntime_container.go): preStop runs
// with the whole grace period (only when it is > 0), then the stop signal with what is left of it
// — at least minimumGracePeriodInSeconds, 2 s — then SIGKILL.
import type { Engine } from '../engine/engine';
import { delay, stopWithGrace, waitForExit, type StopMilestones } from './stop';

/** The kubelet always gives a container this long after the stop signal, even when preStop used everything. */
export const MINIMUM_GRACE_PERIOD_MS = 2000;

export interface KillMilestones extends StopMilestones {
  preStopStartedAt?: number;
  preStopFinishedAt?: number;
}

export interface KillRequest {
  engine: Engine;
  containerId: string;
  stopSignal: string;
  gracePeriodMs: number;
  /** Runs the container's preStop hook; aborted when the budget is spent or the container exits. */
  preStop?: (signal: AbortSignal) => Promise<void>;
  now: () => number;
  onMilestone?: (m: KillMilestones) => void;
}

export async function killContainer(request: KillRequest): Promise<KillMilestones> {
  const { engine, containerId, now } = request;
  const onMilestone = request.onMilestone ?? (() => {});
  const reached: KillMilestones = {};
  const note = (m: KillMilestones) => {
    Object.assign(reached, m);
    onMilestone(m);
  };
  const exited = waitForExit(engine, containerId);
  let remainingMs = request.gracePeriodMs;

  if (request.preStop && remainingMs > 0) {
    const startedAt = now();
    note({ preStopStartedAt: startedAt });
    const abort = new AbortController();
    // A sleep (or a hook waiting on the app) ends when the container does.
    void exited.then(() => abort.abort());
    const budget = delay(remainingMs);
    const hook = request.preStop(abort.signal).catch(() => undefined); // failures are the hook's to report
    await Promise.race([hook, budget.promise]);
    budget.cancel();
    abort.abort();
    const finishedAt = now();
    note({ preStopFinishedAt: finishedAt });
    remainingMs -= finishedAt - startedAt;
  }
  remainingMs = Math.max(remainingMs, MINIMUM_GRACE_PERIOD_MS);
  const stopped = await stopWithGrace(engine, containerId, request.stopSignal, remainingMs, now, note, exited);
  return { ...reached, ...stopped };
}
