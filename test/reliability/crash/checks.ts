// What must hold after a controller came back from a SIGKILL and its pods converged: the store is
// intact, the engine holds exactly the pods' containers, and every hook ran at least once, its
// interrupted runs closed as such and delivered again.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { HookName, HookRun } from '../../../src-main/model';
import type { Engine } from '../../../src-main/engine/engine';
import { LABELS } from '../../../src-main/engine/labels';
import { rowToHookRun, type HookRunRow } from '../../../src-main/store/rows';

/**
 * Opens the database read-only (beside the running controller: WAL lets a reader in), runs
 * `PRAGMA integrity_check` and returns every hook run — also those of pods already gone, which
 * `berth hooks` can no longer name.
 */
export function readStore(file: string): HookRun[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    assert.deepEqual(integrity, [{ integrity_check: 'ok' }], `PRAGMA integrity_check of ${file}`);
    return (db.prepare('SELECT * FROM hook_runs ORDER BY id').all() as HookRunRow[]).map(rowToHookRun);
  } finally {
    db.close();
  }
}

/**
 * Exactly one running sandbox and one running `main` (never restarted) per live pod, nothing
 * of any other pod of this Berth, and nothing named for the namespace without Berth's labels.
 */
export async function assertEngineHolds(engine: Engine, instance: string, namespace: string, live: ReadonlyMap<string, string>): Promise<void> {
  const ours = await engine.listContainers({ all: true, labels: { [LABELS.instance]: instance } });
  const problems: string[] = [];
  for (const c of ours) {
    const uid = c.labels[LABELS.podUid] ?? '';
    if (!live.has(uid)) problems.push(`${c.name} (${c.state}) belongs to no live pod`);
  }
  for (const [uid, name] of live) {
    const mine = ours.filter((c) => c.labels[LABELS.podUid] === uid);
    const sandboxes = mine.filter((c) => c.labels[LABELS.role] === 'sandbox');
    const mains = mine.filter((c) => c.labels[LABELS.containerName] === 'main');
    const shown = mine.map((c) => `${c.name} ${c.state}`).join(', ');
    if (sandboxes.length !== 1 || sandboxes[0]!.state !== 'running') problems.push(`${name}: want one running sandbox, have: ${shown}`);
    if (mains.length !== 1 || mains[0]!.state !== 'running' || mains[0]!.labels[LABELS.restartCount] !== '0') {
      problems.push(`${name}: want one running main (restart count 0), have: ${shown}`);
    }
    if (mine.length !== sandboxes.length + mains.length) problems.push(`${name}: unexpected containers: ${shown}`);
  }
  const all = await engine.listContainers({ all: true });
  for (const c of all.filter((c) => c.name.startsWith(`berth_${namespace}_`))) {
    if (c.labels[LABELS.instance] !== instance || c.labels[LABELS.managed] !== 'true') problems.push(`${c.name} lacks Berth's labels`);
  }
  assert.deepEqual(problems, [], `engine containers (${ours.length} of this Berth)`);
}

/** Lines a pod's hooks appended to its marker file (on a hostPath, so it outlives the pod). */
export function markerLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

const isInterrupted = (run: HookRun) => run.error?.startsWith('interrupted') ?? false;

/**
 * One hook of one container instance: attempts 1, 2, … in order, none left open, every run but
 * the successful one closed as interrupted, each interrupted run delivered again, exactly one
 * success. The handler really ran: at least one begin and end marker, and no more begins than
 * recorded runs.
 */
function assertHookDelivered(pod: string, hook: HookName, runs: HookRun[], markers: string[]): void {
  const label = hook === 'PostStart' ? 'postStart' : 'preStop';
  const shown = runs.map((r) => `#${r.id} attempt ${r.attempt} ${r.finishedAt === null ? 'open' : (r.error ?? 'ok')}`).join('; ');
  const what = `${pod} ${hook} runs (${shown}), markers ${JSON.stringify(markers)}`;
  for (const id of new Set(runs.map((r) => r.containerId))) {
    const instanceRuns = runs.filter((r) => r.containerId === id);
    assert.deepEqual(instanceRuns.map((r) => r.attempt), instanceRuns.map((_, i) => i + 1), `attempts count up: ${what}`);
    for (const [i, run] of instanceRuns.entries()) {
      assert.notEqual(run.finishedAt, null, `no run left open: ${what}`);
      if (run.error !== null) assert.ok(isInterrupted(run), `only interruptions, no failures: ${what}`);
      if (isInterrupted(run)) assert.ok(i < instanceRuns.length - 1, `an interrupted run is delivered again: ${what}`);
    }
    // At least once, and not again once it succeeded.
    assert.equal(instanceRuns.filter((r) => r.error === null).length, 1, `${label} done exactly once per container: ${what}`);
  }
  const begins = markers.filter((l) => l === `${label} begin`).length;
  const ends = markers.filter((l) => l === `${label} end`).length;
  assert.ok(begins >= 1 && ends >= 1, `the ${label} handler ran to its end at least once: ${what}`);
  assert.ok(begins <= runs.length, `every delivery is recorded: ${what}`);
}

/** A live pod: its postStart delivered (exactly one success). A gone pod: its preStop too. */
export function assertHooksOf(pod: string, runs: HookRun[], markers: string[], gone: boolean): void {
  assertHookDelivered(pod, 'PostStart', runs.filter((r) => r.hook === 'PostStart'), markers);
  const preStops = runs.filter((r) => r.hook === 'PreStop');
  if (gone) assertHookDelivered(pod, 'PreStop', preStops, markers);
  else assert.deepEqual(preStops, [], `${pod} was never deleted: no preStop`);
}
