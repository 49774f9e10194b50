// The health of a process hosting a core, watched while something hostile runs: its memory
// (RSS, and the JS heap plus Buffers), how late its event loop runs, and how long API calls take
// to come back. Samples are kept with their time so a test reads the window it cares about.
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const SAMPLE_MS = 20;
/** Every this many samples the JS side is measured after a collection (see `sample`). */
const COLLECT_EVERY = 5;
const MB = 1024 * 1024;
// The JS figure is what the process keeps alive, not garbage V8 has yet to take: how much of that
// piles up between collections differs between V8 versions (Node 24's lets more wait than 20's).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  at: number;
  rss: number;
  /** heapUsed + arrayBuffers after a collection: what the JS side keeps, Buffers included (undefined between collections). */
  js: number | undefined;
  /** How much later than asked this sample ran: the event loop was busy that long. */
  lagMs: number;
}

export interface VitalsWindow {
  /** Peak growth within the window over what the process used when it began, in MiB. */
  rssGrowthMb: number;
  jsGrowthMb: number;
  maxLagMs: number;
}

export interface Vitals {
  window(from: number, to?: number): VitalsWindow;
  stop(): void;
}

function sample(at: number, lagMs: number, collect: boolean): Sample {
  if (collect) gc();
  const m = process.memoryUsage();
  return { at, rss: m.rss, js: collect ? m.heapUsed + m.arrayBuffers : undefined, lagMs };
}

/** Watches this process (the one hosting the in-process core) from now on. */
export function watchVitals(): Vitals {
  const samples: Sample[] = [sample(Date.now(), 0, true)];
  let expected = Date.now() + SAMPLE_MS;
  let count = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    // The lag is taken before the collection, so the collection's own pause is not counted.
    samples.push(sample(now, Math.max(0, now - expected), ++count % COLLECT_EVERY === 0));
    expected = Date.now() + SAMPLE_MS;
  }, SAMPLE_MS);
  timer.unref();
  return {
    window(from, to = Date.now()) {
      // Growth is measured from the last sample before the window, so each window answers for
      // itself (a process keeps memory it once used: RSS seldom shrinks).
      const start = samples.findLast((s) => s.at <= from) ?? samples[0]!;
      const jsStart = samples.findLast((s) => s.at <= from && s.js !== undefined) ?? samples[0]!;
      // One sample on: a stall is seen by the sample after it.
      const inside = samples.filter((s) => s.at > from && s.at <= to + SAMPLE_MS * 2);
      const seen = [start, ...inside];
      return {
        rssGrowthMb: (Math.max(...seen.map((s) => s.rss)) - start.rss) / MB,
        jsGrowthMb: (Math.max(...[jsStart, ...inside].flatMap((s) => (s.js === undefined ? [] : [s.js]))) - jsStart.js!) / MB,
        maxLagMs: Math.max(...inside.map((s) => s.lagMs), 0),
      };
    },
    stop: () => clearInterval(timer),
  };
}

export interface ApiRound {
  startedAt: number;
  /** Undefined while the calls have not come back. */
  finishedAt?: number;
  error?: string;
}

export interface ApiPinger {
  /** Rounds that started within [from, to]. */
  rounds(from: number, to?: number): ApiRound[];
  stop(): Promise<void>;
}

/**
 * Calls `round` (a few API calls) again and again, `everyMs` apart, recording when each round
 * started and came back: an unresponsive core shows as rounds that take long or never return.
 */
export function pingApi(round: () => Promise<unknown>, everyMs = 100): ApiPinger {
  const log: ApiRound[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const entry: ApiRound = { startedAt: Date.now() };
      log.push(entry);
      try {
        await round();
      } catch (error) {
        entry.error = (error as Error).message;
      }
      entry.finishedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    rounds: (from, to = Date.now()) => log.filter((r) => r.startedAt >= from && r.startedAt <= to),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

export interface Responsiveness {
  /** Rounds of API calls that came back during the window. */
  answered: number;
  slowestMs: number;
  vitals: VitalsWindow;
}

export interface ResponsivenessLimits {
  /** Peak RSS growth over the baseline, MiB. */
  rssGrowthMb: number;
  /** Peak JS heap + Buffers growth over the baseline, MiB. */
  jsGrowthMb: number;
  /** The longest an API round may take, and the longest the event loop may stall. */
  stallMs: number;
}

/**
 * Checks a window: every API round started in it came back without error, at least one came back
 * inside it, none took longer than `stallMs`, the event loop never stalled that long, and memory
 * stayed under the limits. Returns the figures for the report.
 */
export function assertResponsive(what: string, vitals: Vitals, pinger: ApiPinger, from: number, to: number, limits: ResponsivenessLimits): Responsiveness {
  const rounds = pinger.rounds(from, to);
  const window = vitals.window(from, to);
  const failed = rounds.filter((r) => r.error !== undefined);
  assert.deepEqual(failed, [], `${what}: API calls failed`);
  const answered = rounds.filter((r) => r.finishedAt !== undefined && r.finishedAt <= to).length;
  const slowestMs = Math.max(0, ...rounds.map((r) => (r.finishedAt ?? Date.now()) - r.startedAt));
  const figures = { answered, slowestMs, vitals: window };
  const shown = JSON.stringify(figures);
  assert.ok(answered >= 1, `${what}: no API call came back during the ${to - from} ms window: ${shown}`);
  assert.ok(slowestMs < limits.stallMs, `${what}: an API call took ${slowestMs} ms: ${shown}`);
  assert.ok(window.maxLagMs < limits.stallMs, `${what}: the event loop stalled ${window.maxLagMs} ms: ${shown}`);
  assert.ok(window.rssGrowthMb < limits.rssGrowthMb, `${what}: RSS grew ${window.rssGrowthMb.toFixed(1)} MiB (limit ${limits.rssGrowthMb}): ${shown}`);
  assert.ok(window.jsGrowthMb < limits.jsGrowthMb, `${what}: JS heap + Buffers grew ${window.jsGrowthMb.toFixed(1)} MiB (limit ${limits.jsGrowthMb}): ${shown}`);
  return figures;
}
