// Virtual time for the middle tests: the kubelet's setTimeout/setInterval (global, and
// `node:timers/promises` for the sleep hook) and Date (through node:test's mock.timers) read one
// clock that moves only when the test advances it. Unlike mock.timers.tick, `advance` runs each
// timer at its own time and lets the promises it settles run before the next one, so the times
// Berth records are exact. Every timer has an owner: `drop('berth')` forgets a "crashed" Berth's
// timers while the FakeEngine's (owner `engine`) go on, as its containers would.
import { syncBuiltinESMExports } from 'node:module';
import { mock } from 'node:test';
import timersPromises from 'node:timers/promises';
import type { FakeClock } from '../../src-main/engine/fake';

export type TimerOwner = 'berth' | 'engine';

interface VirtualTimer {
  id: number;
  at: number;
  fn: () => void;
  owner: TimerOwner;
  interval?: number;
}

/** What the kubelet gets back from setTimeout: enough of a NodeJS.Timeout for ref/unref and clearTimeout. */
class TimerHandle {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return false;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

const realSetImmediate = globalThis.setImmediate;
const realSetTimeout = globalThis.setTimeout;
const turn = () => new Promise<void>((resolve) => realSetImmediate(resolve));
/** Real I/O the code under test may wait on (fs/promises): flush until none is left. */
const ioPending = () => process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq'));

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason as unknown });
}

export class VirtualTime {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, VirtualTimer>();
  private restore: (() => void) | undefined;
  /** Engine answers not yet handed over (see `deliver`). */
  private inFlight = 0;

  constructor(start = Date.UTC(2030, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** The FakeEngine's clock: the same time, its timers owned by the engine. */
  get engineClock(): FakeClock {
    return {
      now: () => this.current,
      setTimeout: (fn, ms) => this.schedule(fn, ms, 'engine'),
      clearTimeout: (handle) => this.clear(handle),
    };
  }

  install(): this {
    mock.timers.enable({ apis: ['Date'], now: this.current });
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, setInterval: g.setInterval, clearInterval: g.clearInterval, sleep: timersPromises.setTimeout };
    g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.schedule(() => fn(...args), ms ?? 0, 'berth');
    g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.schedule(() => fn(...args), ms ?? 0, 'berth', Math.max(1, ms ?? 1));
    g.clearTimeout = g.clearInterval = (handle: unknown) => this.clear(handle);
    (timersPromises as { setTimeout: unknown }).setTimeout = <T>(ms = 0, value?: T, opts: { signal?: AbortSignal } = {}) =>
      new Promise<T | undefined>((resolve, reject) => {
        const { signal } = opts;
        if (signal?.aborted) return reject(abortError(signal));
        const onAbort = () => {
          this.clear(handle);
          reject(abortError(signal!));
        };
        const handle = this.schedule(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        }, ms, 'berth');
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    syncBuiltinESMExports(); // `import { setTimeout } from 'node:timers/promises'` sees the patch
    this.restore = () => {
      Object.assign(g, { setTimeout: saved.setTimeout, clearTimeout: saved.clearTimeout, setInterval: saved.setInterval, clearInterval: saved.clearInterval });
      (timersPromises as { setTimeout: unknown }).setTimeout = saved.sleep;
      syncBuiltinESMExports();
      mock.timers.reset();
    };
    return this;
  }

  uninstall(): void {
    this.restore?.();
    this.restore = undefined;
    this.timers.clear();
  }

  schedule(fn: () => void, ms: number, owner: TimerOwner, interval?: number): TimerHandle {
    const id = ++this.seq;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    this.timers.set(id, { id, at: this.current + delay, fn, owner, ...(interval !== undefined ? { interval } : {}) });
    return new TimerHandle(id);
  }

  clear(handle: unknown): void {
    if (handle === undefined || handle === null) return;
    this.timers.delete(Number(handle));
  }

  /**
   * An engine answer, handed over on a later turn of the event loop (as a real engine's reply
   * arrives as I/O): code that loops on the engine cannot starve the test, and `flush` knows
   * an answer is still on its way.
   */
  deliver<T>(answer: Promise<T>): Promise<T> {
    const later = (settle: () => void) => {
      this.inFlight++;
      realSetImmediate(() => {
        this.inFlight--;
        settle();
      });
    };
    return new Promise<T>((resolve, reject) => {
      answer.then(
        (value) => later(() => resolve(value)),
        (error: unknown) => later(() => reject(error as Error)),
      );
    });
  }

  /** Lets every engine answer, promise and real I/O in flight settle, without moving time. */
  async flush(): Promise<void> {
    const started = performance.now();
    for (let quiet = 0; quiet < 3; ) {
      // Settling takes milliseconds: seconds of engine calls with no time passing is a busy loop.
      if (performance.now() - started > 5000) throw new Error('flush: Berth never settles (it keeps calling the engine without waiting for time)');
      await turn();
      if (this.inFlight > 0) {
        quiet = 0;
      } else if (ioPending()) {
        // Real file I/O (pod dirs) finishes in the thread pool: wait for it in real time.
        if (performance.now() - started > 10_000) throw new Error(`flush: real I/O never settled: ${process.getActiveResourcesInfo().join(', ')}`);
        await new Promise<void>((resolve) => realSetTimeout(resolve, 1));
        quiet = 0;
      } else {
        quiet++;
      }
    }
  }

  /** Moves time on by `ms`, running each timer due on the way at its own time. */
  async advance(ms: number): Promise<void> {
    const until = this.current + Math.max(0, ms);
    await this.flush();
    for (let fired = 0; ; fired++) {
      const next = this.nextDue(until);
      if (!next) break;
      // Code that re-arms a timer at the same instant forever would hang the test: fail it instead.
      if (fired > 100_000) throw new Error(`virtual time cannot move past ${new Date(this.current).toISOString()}: timers keep firing`);
      this.setNow(next.at);
      if (next.interval !== undefined) next.at += next.interval;
      else this.timers.delete(next.id);
      next.fn();
      await this.flush();
    }
    this.setNow(until);
    await this.flush();
  }

  /** Advances in steps of `stepMs` until `condition` holds; fails after `withinMs` of virtual time. */
  async until(condition: () => boolean, withinMs: number, what: string, stepMs = 100): Promise<number> {
    const started = this.current;
    await this.flush();
    while (!condition()) {
      if (this.current - started >= withinMs) throw new Error(`not within ${withinMs} ms of virtual time: ${what}`);
      await this.advance(stepMs);
    }
    return this.current - started;
  }

  /** Forgets `owner`'s timers: what a process that died leaves behind. */
  drop(owner: TimerOwner): void {
    for (const [id, timer] of this.timers) if (timer.owner === owner) this.timers.delete(id);
  }

  pending(owner?: TimerOwner): number {
    return [...this.timers.values()].filter((t) => owner === undefined || t.owner === owner).length;
  }

  private nextDue(until: number): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.timers.values()) if (t.at <= until && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  }

  private setNow(at: number): void {
    this.current = Math.max(this.current, at);
    mock.timers.setTime(this.current);
  }
}
