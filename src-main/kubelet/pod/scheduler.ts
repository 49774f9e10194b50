// The worker's wake-up timer: a step that failed for a reason that may pass (an image pull, a
// sandbox, a mount) or a back-off asks to be retried at a time; the earliest request wins. The
// kubelet's pod workers re-queue a pod the same way (pod_workers.go, workQueue.Enqueue). Timers go
// through `Timers`, so a test clock can drive them.

/** How long to wait before retrying a step that failed for a reason that may pass. */
export const RETRY_MS = 10_000;

export interface Timers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fire, ms) => setTimeout(fire, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class RetryScheduler {
  private handle: unknown;
  private at = Infinity;
  private stopped = false;

  constructor(
    private readonly wake: () => void,
    private readonly now: () => number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Wake up at `at` (epoch ms); an earlier request already pending wins. */
  retryAt(at: number): void {
    if (this.stopped || at >= this.at) return;
    this.timers.clear(this.handle);
    this.at = at;
    this.handle = this.timers.set(() => {
      this.at = Infinity;
      this.wake();
    }, Math.max(0, at - this.now()));
  }

  /** No more wake-ups (the worker closed). */
  stop(): void {
    this.stopped = true;
    this.timers.clear(this.handle);
  }
}
