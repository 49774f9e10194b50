// Hook runs kept live: the snapshot from listHookRuns, then each run the `hookRuns` topic pushes
// as it starts and again when it finishes (same id), replaced in place. Pure.
import type { HookRun } from '../../../src-main/model';

/** Oldest first (start time, then id), the order the Hook runs tab lists them in. */
export function byStart(a: HookRun, b: HookRun): number {
  return a.startedAt - b.startedAt || a.id - b.id;
}

/** The list with `run` added or replacing the run with its id; a finished run is never replaced by its start. */
export function upsertHookRun(runs: readonly HookRun[], run: HookRun): HookRun[] {
  const index = runs.findIndex((r) => r.id === run.id);
  if (index === -1) return [...runs, run].sort(byStart);
  const known = runs[index]!;
  if (known.finishedAt !== null && run.finishedAt === null) return runs as HookRun[]; // a late "started" push
  const next = [...runs];
  next[index] = run;
  return next;
}

/** A snapshot merged with pushes that arrived while it loaded. */
export function mergeHookRuns(snapshot: readonly HookRun[], pushed: readonly HookRun[]): HookRun[] {
  return pushed.reduce<HookRun[]>((runs, run) => upsertHookRun(runs, run), [...snapshot].sort(byStart));
}
