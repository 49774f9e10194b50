// Time for the FakeEngine: `now()` and timers. The default reads the globals at each call, so
// node:test's `mock.timers.enable({ apis: ['setTimeout', 'Date'] })` drives it; a ManualClock
// moves only when the test says so.

export interface FakeClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Date.now and the global setTimeout, looked up on every call (mock.timers replaces them). */
export const systemClock: FakeClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as NodeJS.Timeout),
};

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that stands still until `advance`: timers due by then run in time order. */
export class ManualClock implements FakeClock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = ++this.seq;
    this.timers.set(handle, { at: this.current + Math.max(0, ms), seq: handle, fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time on by `ms`, running each timer due on the way at its own time. */
  advance(ms: number): void {
    const until = this.current + Math.max(0, ms);
    for (;;) {
      const next = [...this.timers.values()].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.delete(next.seq);
      this.current = next.at;
      next.fn();
    }
    this.current = until;
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.timers.size;
  }
}
