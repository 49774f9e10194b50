// Hook delivery is at least once across Berth crashes: a hook started but not recorded as
// finished when Berth died is closed as interrupted and run again by the next Berth (same data
// dir, same engine); a hook that succeeded is not run again. test/engine/reconcile.test.ts and
// lifecycle-hooks.test.ts do the same with a SIGKILLed `berth serve` on real engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitsOn } from '../../../../src-main/engine/fake';
import type { HookRun } from '../../../../src-main/model';
import { container, lifecycle, pod, worldFor } from '../../../support/kubelet-rig';

/** [attempt, finished, error up to its first colon] of each run: what `berth hooks` shows. */
const shape = (runs: HookRun[]) => runs.map((r) => [r.attempt, r.finishedAt !== null, r.error?.split(':')[0] ?? null]);

test('a postStart in flight when Berth crashed is delivered again to the same container', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: exitsOn('SIGTERM', 0), exec: () => ({ exitCode: 0, afterMs: 6000 }) } } });
  const first = await world.open();
  await first.apply(pod('warm', container('main', lifecycle({ postStart: 'warm-up' }))));
  const uid = first.uid('warm');
  await world.time.until(() => first.hookRuns(uid).some((r) => r.finishedAt === null), 1000, 'postStart running');
  await world.time.advance(2000);
  first.crash();
  const [engineContainer] = (await world.containers(uid)).filter((c) => c.role === 'container');
  // The hook's exec ends on the engine while no Berth runs: nobody records it.
  await world.time.advance(10_000);
  assert.deepEqual(shape(first.hookRuns(uid)), [[1, false, null]], 'the crashed Berth never finished its run');

  const second = await world.open();
  await world.time.until(() => second.containerStatus('warm', 'main')?.started === true, 10_000, 'main started after the new postStart');
  const runs = second.hookRuns(uid);
  assert.deepEqual(shape(runs), [[1, true, 'interrupted'], [2, true, null]], JSON.stringify(runs, null, 2));
  assert.equal(runs[1]!.containerId, engineContainer!.id, 'delivered again to the same container, not a new one');
  assert.equal(runs[1]!.finishedAt! - runs[1]!.startedAt, 6000);
  assert.deepEqual((await world.containers(uid)).filter((c) => c.role === 'container').map((c) => c.id), [engineContainer!.id], 'adopted, not recreated');
  assert.equal(second.containerStatus('warm', 'main')?.restartCount, 0);
});

test('a postStart that succeeded before the crash is not run again', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: exitsOn('SIGTERM', 0), exec: () => ({ exitCode: 0, afterMs: 1000 }) } } });
  const first = await world.open();
  await first.apply(pod('done', container('main', lifecycle({ postStart: 'warm-up' }))));
  const uid = first.uid('done');
  await world.time.until(() => first.containerStatus('done', 'main')?.started === true, 5000, 'main started');
  first.crash();

  const second = await world.open();
  await world.time.advance(60_000);
  assert.deepEqual(shape(second.hookRuns(uid)), [[1, true, null]]);
  assert.equal(second.containerStatus('done', 'main')?.ready, true);
});

test('a preStop cut by the crash is closed as interrupted and run again; one that had finished is not', async (t) => {
  const world = worldFor(t, {
    programs: {
      // `cut` is still in its 6 s preStop when Berth dies; `past` finished it and takes 6 s to exit on SIGTERM.
      cut: { onSignal: exitsOn('SIGTERM', 0), exec: () => ({ exitCode: 0, afterMs: 6000 }) },
      past: { onSignal: exitsOn('SIGTERM', 0, 6000), exec: () => ({ exitCode: 0 }) },
    },
  });
  const first = await world.open();
  await first.apply([pod('cut', container('cut', lifecycle({ preStop: 'drain' }))), pod('past', container('past', lifecycle({ preStop: 'drain' })))].join('\n---\n'));
  await world.time.until(() => first.containerStatus('cut', 'cut')?.started === true && first.containerStatus('past', 'past')?.started === true, 5000, 'both running');
  const uids = { cut: first.uid('cut'), past: first.uid('past') };
  await first.deletePod('cut');
  await first.deletePod('past');
  await world.time.advance(1000);
  assert.deepEqual(shape(first.hookRuns(uids.cut)), [[1, false, null]]);
  assert.deepEqual(shape(first.hookRuns(uids.past)), [[1, true, null]]);
  assert.ok(first.stops(uids.past)[0]?.signalAt !== null, 'past was signalled before the crash');
  first.crash();

  const second = await world.open();
  await world.time.until(() => second.pod('cut') === undefined && second.pod('past') === undefined, 60_000, 'both pods gone');
  assert.deepEqual(shape(second.hookRuns(uids.cut)), [[1, true, 'interrupted'], [2, true, null]], 'cut: closed as interrupted, then delivered again');
  assert.deepEqual(shape(second.hookRuns(uids.past)), [[1, true, null]], 'past: its preStop ran once, before the crash');
});
