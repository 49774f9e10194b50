// Crash anywhere (issue #7): the controller, `berth serve`, is SIGKILLed at seeded random points
// while pods are applied, run their postStart, run their preStop and are deleted — through the
// real CLI. Each run applies one pod and deletes an older one, so every kill catches two pods
// (plus two that just run) at different points. After each restart, once the pods converged:
// no orphaned or duplicated containers, every event and hook run the API reported as committed
// still there, `PRAGMA integrity_check` ok, every interrupted hook closed as such and delivered
// again, and the pods as their spec says (or gone).
//
//   BERTH_CRASH_SEED=N          replay the crash points of a failed run (its seed is printed)
//   BERTH_CRASH_RUNS=N          SIGKILLs on Docker (default 30)
//   BERTH_CRASH_RUNS_PODMAN=N   SIGKILLs on Podman (default 20)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { controllerHarnessFor } from '../support/controller-harness';
import { testEngineKinds } from '../support/engines';
import { delay } from '../support/pod-harness';
import { readStore } from './crash/checks';
import { countFromEnv, crashPlan, crashSeed, WINDOWS, type CrashPoint } from './crash/plan';
import type { Milestone } from './crash/observer';
import { removeMarkersVolume } from './crash/pods';
import { CrashSession } from './crash/session';

const seed = crashSeed();
const runsOn = { docker: countFromEnv('BERTH_CRASH_RUNS', 30), podman: countFromEnv('BERTH_CRASH_RUNS_PODMAN', 20) };
/** Pods that just run through every crash, besides the one applied and the one deleted. */
const STEADY_PODS = 2;
const ANCHOR_MS = 30_000;

const ANCHORS: Record<CrashPoint['phase'], { pod: 'applied' | 'deleted'; milestone?: Milestone }> = {
  apply: { pod: 'applied' },
  create: { pod: 'applied', milestone: 'stored' },
  postStart: { pod: 'applied', milestone: 'postStart running' },
  preStop: { pod: 'deleted', milestone: 'preStop running' },
  delete: { pod: 'deleted', milestone: 'preStop done' },
};

/** Where the kills landed, per pod role and milestone, and the hook runs they cut. */
interface Tally {
  hits: Map<string, number>;
  cutHooks: string[];
}

/** One run: apply a pod, delete the oldest, SIGKILL the controller at the point; restart, converge, check. */
async function crashRun(s: CrashSession, point: CrashPoint, tally: Tally): Promise<string> {
  const applied = s.newPod();
  const deleted = s.oldestRunning()!;
  const spawnedAt = Date.now();
  const applying = s.apply(applied);
  const deleting = s.delete(deleted);
  const anchor = ANCHORS[point.phase];
  const target = anchor.pod === 'applied' ? applied : deleted;
  if (anchor.milestone) await s.milestones.waitFor(target.name, anchor.milestone, ANCHOR_MS, () => s.log());
  const anchoredAt = anchor.milestone ? Date.now() : spawnedAt;
  await delay(anchoredAt + point.delayMs - Date.now());
  // Just before the kill: what the API says is committed (pushes only report commits, too).
  s.ledger.noteEvents(await s.api.listEvents({ namespace: s.h.namespace, limit: 10_000 }));
  const where = { applied: s.milestones.position(applied.name), deleted: s.milestones.position(deleted.name) };
  const open = [...s.ledger.hookRuns.values()].filter((r) => r.finishedAt === null);
  await s.kill();
  tally.cutHooks.push(...open.map((r) => `${r.podName} ${r.hook}`));
  const [apply, del] = await Promise.all([applying, deleting]);
  applied.unsure = apply.code !== 0;
  deleted.unsure = del.code !== 0;
  for (const pod of [applied, deleted]) {
    const at = s.milestones.furthest(pod.name)?.milestone ?? 'before stored';
    const key = `${pod === target ? 'target' : 'bystander'} ${at}`;
    tally.hits.set(key, (tally.hits.get(key) ?? 0) + 1);
  }

  const restartedAt = Date.now();
  await s.start();
  const servingMs = Date.now() - restartedAt;
  await s.repeatUnsure();
  await s.converge();
  const convergedMs = Date.now() - restartedAt;
  await s.verify();
  await s.assertRedeliveryShown(open);
  const verifiedMs = Date.now() - restartedAt - convergedMs;
  return (
    `${point.phase} +${point.delayMs} ms after ${WINDOWS[point.phase].anchor}: ` +
    `${applied.name} (applied${applied.unsure ? ', apply failed' : ''}) ${where.applied}; ` +
    `${deleted.name} (deleted${deleted.unsure ? ', delete failed' : ''}) ${where.deleted}; restart: serving ${servingMs} ms, converged ${convergedMs} ms, checked in ${verifiedMs} ms; run ${Date.now() - spawnedAt} ms`
  );
}

// The engines run side by side: each session has its own data dir, namespace and engine, and
// most of a run is waiting on hooks, so together they take little longer than the longer one.
describe('crash anywhere', { concurrency: true }, () => {
  for (const kind of testEngineKinds()) {
    const runs = runsOn[kind];
    test(`${kind}: ${runs} SIGKILLs of the controller during apply, postStart, preStop and delete (seed ${seed})`, async (t) => {
      const started = Date.now();
      const live: string[] = [];
      const h = await controllerHarnessFor(t, kind, 'berth-crash', live);
      t.after(() => removeMarkersVolume(h.engine, h.namespace)); // after the harness deleted the pods
      const s = new CrashSession(h, live);
      const plan = crashPlan(seed, runs);
      process.stderr.write(`\n[crash ${kind}] seed ${seed} (replay: BERTH_CRASH_SEED=${seed}); ${runs} runs: ${plan.map((p) => `${p.phase}+${p.delayMs}`).join(' ')}\n`);

      await s.start();
      for (let i = 0; i < STEADY_PODS + 1; i++) {
        const run = await s.apply(s.newPod());
        assert.equal(run.code, 0, `berth apply:\n${run.stdout}${run.stderr}`);
      }
      await s.converge();
      await s.verify();

      const tally: Tally = { hits: new Map(), cutHooks: [] };
      for (const point of plan) {
        try {
          const line = await crashRun(s, point, tally);
          process.stderr.write(`[crash ${kind}] run ${point.run}/${runs} ${line}\n`);
        } catch (error) {
          const where = `crash run ${point.run}/${runs} on ${kind} (${point.phase} +${point.delayMs} ms; replay: BERTH_CRASH_SEED=${seed})`;
          // The controller's own words: a controller that went away by itself says why there.
          throw new Error(`${where}: ${(error as Error).message}\ncontroller log (last 6000 chars):\n${s.log().slice(-6000)}`, { cause: error });
        }
      }
      await s.stop();
      // Once more with no controller at all: what a stopped app leaves on disk.
      readStore(join(h.dir, 'berth.db'));

      process.stderr.write(
        `[crash ${kind}] ${runs} SIGKILLs in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
          `hook runs cut by a kill (${tally.cutHooks.length}): ${tally.cutHooks.join(', ') || 'none'}\n` +
          `[crash ${kind}] where the kills landed:\n${[...tally.hits].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}\n`,
      );
    });
  }
});
