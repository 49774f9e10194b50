// What a benchmark suite is: a group of figures measured together, with what it needs.
import type { EngineKind } from '../../../src-main/engine/endpoint';
import type { Figure } from './figure';

export interface BenchContext {
  /** Samples per series (median of at least 5). */
  runs: number;
  /** The engines to measure on (figures that need one are measured on each). */
  engines: EngineKind[];
  /** Progress for the person running the bench (stderr). */
  log(message: string): void;
}

export interface BenchSuite {
  group: Figure['group'];
  /** Whether it needs a running engine (skipped with a note when none answers). */
  needsEngine: boolean;
  run(context: BenchContext): Promise<Figure[]>;
}

/** Takes `runs` samples of `measure` (after `warmup` discarded ones), one at a time. */
export async function sample(runs: number, measure: (index: number) => Promise<number>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await measure(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(i));
  return samples;
}

/** Milliseconds since `start` (a performance.now() reading). */
export function since(start: number): number {
  return performance.now() - start;
}

/**
 * Samples several series in turns (a, b, c, a, b, c, …) so that drift in the machine's load
 * falls on all of them alike; one warm-up round first, discarded.
 */
export async function sampleInTurns<K extends string, T = number>(
  runs: number,
  measures: Record<K, (index: number) => Promise<T> | T>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(measures) as K[];
  const result = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let i = -1; i < runs; i++) {
    for (const key of keys) {
      const value = await measures[key](i);
      if (i >= 0) result[key].push(value);
    }
  }
  return result;
}


/**
 * Runs every clean-up step, even after one failed, and logs the failures instead of throwing:
 * a leftover is reported, but it does not cost the figures measured before it.
 */
export async function cleanUpAll(log: (message: string) => void, steps: (() => Promise<unknown> | void)[]): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      log(`CLEAN-UP FAILED (remove by hand what is named): ${(error as Error).message}`);
    }
  }
}
