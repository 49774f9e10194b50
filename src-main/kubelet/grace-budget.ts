// The time a pod (or a container) has to stop. A later delete with a shorter grace period moves
// the deadline earlier while the stop is under way — as the kubelet honours a second, shorter
// `kubectl delete` — and every wait on the budget re-arms at the new deadline.

export class GraceBudget {
  private deadlineAt: number;
  private readonly watchers = new Set<() => void>();

  constructor(
    private readonly startedAt: number,
    deadline: number,
  ) {
    this.deadlineAt = deadline;
  }

  static of(gracePeriodMs: number, now: number): GraceBudget {
    return new GraceBudget(now, now + gracePeriodMs);
  }

  get deadline(): number {
    return this.deadlineAt;
  }

  /** The grace period as granted (shortened by a later delete), from when the stop began. */
  get gracePeriodMs(): number {
    return Math.max(0, this.deadlineAt - this.startedAt);
  }

  /** The deadline only ever moves earlier. */
  shorten(deadline: number): void {
    if (deadline >= this.deadlineAt) return;
    this.deadlineAt = deadline;
    for (const watcher of [...this.watchers]) watcher();
  }

  /** Resolves the next time the deadline moves; `cancel` stops watching. */
  changed(): { promise: Promise<'changed'>; cancel: () => void } {
    let watcher: () => void = () => {};
    const promise = new Promise<'changed'>((resolve) => {
      watcher = () => {
        this.watchers.delete(watcher);
        resolve('changed');
      };
      this.watchers.add(watcher);
    });
    return { promise, cancel: () => this.watchers.delete(watcher) };
  }
}
