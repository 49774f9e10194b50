// Where each SIGKILL of the controller lands: a phase of a pod's life and a delay after that
// phase's anchor, drawn from a seed so that a failing sequence can be replayed
// (BERTH_CRASH_SEED). Wall-clock timing still varies from run to run; the seed fixes the choices.
import { randomInt } from 'node:crypto';

/** `apply` and `create` are the two halves of applying: the request, then the pod being made. */
export const PHASES = ['apply', 'create', 'postStart', 'preStop', 'delete'] as const;
export type Phase = (typeof PHASES)[number];

/** What each phase's delay counts from, and the delay's range (ms). */
export const WINDOWS: Record<Phase, { anchor: string; fromMs: number; toMs: number }> = {
  // The CLI starting and connecting, the request, the store's commit.
  apply: { anchor: '`berth apply` spawned', fromMs: 300, toMs: 2200 },
  // The sandbox and the container being created and started.
  create: { anchor: 'the pod stored', fromMs: 0, toMs: 1000 },
  // The hooks sleep 2 s: the kill lands inside them, or just after.
  postStart: { anchor: 'postStart hook run started', fromMs: 0, toMs: 2200 },
  preStop: { anchor: 'preStop hook run started', fromMs: 0, toMs: 2200 },
  // The stop signal, the 1 s the container takes to exit, removal of containers and record.
  delete: { anchor: 'preStop hook run finished', fromMs: 0, toMs: 1300 },
};

export interface CrashPoint {
  /** 1-based. */
  run: number;
  phase: Phase;
  delayMs: number;
}

/** mulberry32: small, seedable, good enough to spread crash points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** BERTH_CRASH_SEED when set (to replay), else a fresh one. */
export function crashSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.BERTH_CRASH_SEED;
  if (given === undefined || given === '') return randomInt(0, 2 ** 31);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`BERTH_CRASH_SEED must be a non-negative integer, not "${given}"`);
  return seed;
}

/** A positive integer from the environment, or the default. */
export function countFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const given = env[name];
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${given}"`);
  return n;
}

/**
 * `runs` crash points: every phase equally often (in a shuffled order), each with a delay drawn
 * uniformly from its window.
 */
export function crashPlan(seed: number, runs: number): CrashPoint[] {
  const random = seededRandom(seed);
  const phases = Array.from({ length: runs }, (_, i) => PHASES[i % PHASES.length]!);
  for (let i = phases.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [phases[i], phases[j]] = [phases[j]!, phases[i]!];
  }
  return phases.map((phase, i) => {
    const { fromMs, toMs } = WINDOWS[phase];
    return { run: i + 1, phase, delayMs: Math.round(fromMs + random() * (toMs - fromMs)) };
  });
}
