// Image pulls in progress, from the `pullProgress` topic: one entry per pod and container, gone
// when the core says the pull is over (`done`, also when it failed), when the container got past
// its image, or — as a safety net — when no update came for a while. Pure.
import type { PullProgressUpdate } from '../../../src-main/model';

export interface ActivePull {
  update: PullProgressUpdate;
  /** When the last update arrived (epoch ms). */
  at: number;
}

/** Keyed by `podUid/container`. */
export type PullMap = ReadonlyMap<string, ActivePull>;

export const noPulls: PullMap = new Map();

/** A pull no update came for in this long is taken to be over. */
export const PULL_STALE_MS = 20_000;

export const pullKey = (podUid: string, container: string) => `${podUid}/${container}`;

export function applyPull(pulls: PullMap, update: PullProgressUpdate, now: number): Map<string, ActivePull> {
  const next = new Map(pulls);
  const key = pullKey(update.podUid, update.container);
  if (update.done || (update.percent !== null && update.percent >= 100)) next.delete(key);
  else next.set(key, { update, at: now });
  return next;
}

/** The pulls still going: updated within PULL_STALE_MS. */
export function activePulls(pulls: PullMap, now: number): ActivePull[] {
  return [...pulls.values()].filter((p) => now - p.at < PULL_STALE_MS);
}

export function pullsOfPod(pulls: PullMap, podUid: string, now: number): ActivePull[] {
  return activePulls(pulls, now).filter((p) => p.update.podUid === podUid);
}

export interface PullSummary {
  percent: number | null;
  layers: number;
  layersDone: number;
  /** "3 of 5 layers" */
  layerText: string;
}

const doneStatuses = new Set(['Pull complete', 'Already exists']);

export function pullSummary(update: PullProgressUpdate): PullSummary {
  const layers = update.layers.length;
  const layersDone = update.layers.filter((l) => doneStatuses.has(l.status)).length;
  return {
    percent: update.percent === null ? null : Math.min(Math.max(Math.round(update.percent), 0), 100),
    layers,
    layersDone,
    layerText: layers === 0 ? 'resolving layers' : `${layersDone} of ${layers} layer${layers === 1 ? '' : 's'}`,
  };
}

/** Of several pulls of one pod, the one line the Pods table shows: the mean percent. */
export function podPullPercent(pulls: readonly ActivePull[]): number | null {
  const known = pulls.map((p) => p.update.percent).filter((p): p is number => p !== null);
  if (known.length === 0) return null;
  return Math.round(known.reduce((sum, p) => sum + p, 0) / known.length);
}
