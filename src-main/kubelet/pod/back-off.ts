// Containers the restart back-off holds (restart/backoff.ts decides; next-actions.ts lists them):
// shown as CrashLoopBackOff, announced with one BackOff event per back-off window (the kubelet's
// doBackOff, kuberuntime_manager.go), and woken when the window ends.
import { REASONS } from '../messages';
import { backOffEventMessage } from '../restart/backoff';
import type { PodContext } from './context';
import type { PodDeps } from './state';

export interface BackOffWait {
  name: string;
  until: number;
  message: string;
}

export class BackOffHolder {
  /** Back-off windows already announced with a BackOff event (one per window, aggregated). */
  private readonly announced = new Set<string>();

  constructor(private readonly deps: PodDeps) {}

  /** True when any container's waiting reason changed (the status must show it now). */
  hold(ctx: PodContext, waits: BackOffWait[]): boolean {
    const { state } = this.deps;
    let changed = false;
    for (const wait of waits) {
      const current = state.waiting[wait.name];
      if (current?.reason !== 'CrashLoopBackOff' || current.message !== wait.message) changed = true;
      state.setWaiting(wait.name, 'CrashLoopBackOff', wait.message);
      const key = `${wait.name}@${wait.until}`;
      if (!this.announced.has(key)) {
        this.announced.add(key);
        this.deps.record([ctx.containerEvent('Warning', REASONS.backOff, backOffEventMessage(wait.name, ctx.fullName), wait.name)]);
      }
      this.deps.scheduler.retryAt(wait.until);
    }
    return changed;
  }
}
