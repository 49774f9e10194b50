// The kubelet's killContainer (pkg/kubelet/kuberuntime/kuberuntime_container.go): preStop runs
// with the whole grace period (only when it is > 0), then the stop signal with what is left of it
// — at least minimumGracePeriodInSeconds, 2 s — then SIGKILL. The budget may shrink meanwhile (a
// second delete with a shorter grace period): every wait re-arms at the new deadline.
import type { Engine } from '../engine/engine';
import type { GraceBudget } from './grace-budget';
import { delay, waitForExit, type StopMilestones } from './stop';

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
  budget: GraceBudget;
  /** Runs the container's preStop hook; aborted when the budget is spent or the container exits. */
  preStop?: (signal: AbortSignal) => Promise<void>;
  now: () => number;
  onMilestone?: (m: KillMilestones) => void;
}

/**
 * Waits for `done` or until `dueAt(deadline)` passes, re-arming when the budget shrinks.
 * Resolves 'done' or 'due'.
 */
async function untilDue(budget: GraceBudget, dueAt: (deadline: number) => number, now: () => number, done: Promise<unknown>): Promise<'done' | 'due'> {
  const finished = done.then(() => 'done' as const);
  for (;;) {
    const timer = delay(dueAt(budget.deadline) - now());
    const moved = budget.changed();
    const outcome = await Promise.race([finished, timer.promise.then(() => 'due' as const), moved.promise]);
    timer.cancel();
    moved.cancel();
    if (outcome !== 'changed') return outcome;
  }
}

export async function killContainer(request: KillRequest): Promise<KillMilestones> {
  const { engine, containerId, now, budget } = request;
  const reached: KillMilestones = {};
  const note = (m: KillMilestones) => {
    Object.assign(reached, m);
    request.onMilestone?.(m);
  };
  const exited = waitForExit(engine, containerId);
  const finish = async () => {
    const exitCode = await exited;
    note({ exitedAt: now(), ...(exitCode !== undefined ? { exitCode } : {}) });
    return reached;
  };

  if (request.preStop && budget.deadline > now()) {
    note({ preStopStartedAt: now() });
    const abort = new AbortController();
    // A sleep (or a hook waiting on the app) ends when the container does.
    void exited.then(() => abort.abort());
    const hook = request.preStop(abort.signal).catch(() => undefined); // failures are the hook's to report
    await untilDue(budget, (deadline) => deadline, now, hook);
    abort.abort();
    note({ preStopFinishedAt: now() });
  }

  const signalAt = now();
  if (!(await engine.killContainer(containerId, request.stopSignal))) return finish(); // it had already stopped
  note({ signal: request.stopSignal, signalAt });
  const outcome = await untilDue(budget, (deadline) => Math.max(deadline, signalAt + MINIMUM_GRACE_PERIOD_MS), now, exited);
  if (outcome === 'due') {
    note({ killAt: now() });
    await engine.killContainer(containerId, 'SIGKILL');
  }
  return finish();
}
