// The kill sequence on the FakeEngine with virtual time (the kubelet's killContainer): preStop gets
// the whole grace budget, then the stop signal with what is left — at least 2 s — then SIGKILL at
// the deadline; a second delete with a shorter grace period shortens a termination under way.
// Read from what Berth records: the stop timeline, hook runs, events, the pod being gone.
// test/engine/termination.test.ts runs the same rules on real Docker and Podman.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { ContainerStop } from '../../../../src-main/model';
import { exitsOn, ignoresSignals } from '../../../../src-main/engine/fake';
import { formatStop } from '../../../support/hook-harness';
import { container, lifecycle, pod, worldFor, type Berth } from '../../../support/kubelet-rig';

/** Applies the pod and advances until `main` runs. */
async function running(berth: Berth, name: string, yaml: string): Promise<string> {
  await berth.apply(yaml);
  await berth.world.time.until(() => berth.containerStatus(name, 'main')?.state.running !== undefined, 5000, `${name}/main running`);
  return berth.uid(name);
}

/** The one stop of `main`, its milestones relative to `t0`. */
function timeline(berth: Berth, uid: string, t0: number) {
  const stops = berth.stops(uid);
  assert.equal(stops.length, 1, `one stop: ${stops.map(formatStop).join('; ')}`);
  const s: ContainerStop = stops[0]!;
  const rel = (at: number | null) => (at === null ? null : at - t0);
  return {
    stop: s,
    rel: {
      startedAt: rel(s.startedAt),
      preStopStartedAt: rel(s.preStopStartedAt),
      preStopFinishedAt: rel(s.preStopFinishedAt),
      signal: s.signal,
      signalAt: rel(s.signalAt),
      killAt: rel(s.killAt),
      exitedAt: rel(s.exitedAt),
      exitCode: s.exitCode,
    },
  };
}

/** A pod whose `main` ignores every signal but SIGKILL and whose preStop never returns, running. */
async function stubbornPod(t: TestContext, name: string, grace: number): Promise<{ berth: Berth; uid: string }> {
  const world = worldFor(t, { programs: { main: { onSignal: ignoresSignals, exec: () => 'hang' } } });
  const berth = await world.open();
  return { berth, uid: await running(berth, name, pod(name, container('main', lifecycle({ preStop: 'wait-forever' })), { grace })) };
}

/** Deletes the pod and advances until it is gone; returns when the delete was asked, and how long it took. */
async function deleteUntilGone(berth: Berth, name: string, gracePeriodSeconds?: number): Promise<{ t0: number; goneAfter: number }> {
  const t0 = berth.world.time.now();
  await berth.deletePod(name, gracePeriodSeconds);
  const goneAfter = await berth.world.time.until(() => berth.pod(name) === undefined, 60_000, `${name} gone`);
  return { t0, goneAfter };
}

test('preStop that outlasts the grace period: cut at the deadline, SIGTERM, SIGKILL 2 s later (the minimum)', async (t) => {
  const { berth, uid } = await stubbornPod(t, 'cut', 10);
  const { t0, goneAfter: gone } = await deleteUntilGone(berth, 'cut');

  const { stop, rel } = timeline(berth, uid, t0);
  assert.deepEqual(rel, { startedAt: 0, preStopStartedAt: 0, preStopFinishedAt: 10_000, signal: 'SIGTERM', signalAt: 10_000, killAt: 12_000, exitedAt: 12_000, exitCode: 137 }, formatStop(stop));
  assert.equal(stop.reason, 'Delete');
  assert.equal(stop.gracePeriodMs, 10_000);
  assert.ok(gone >= 12_000 && gone < 13_000, `gone ${gone} ms after the delete`);
  const [run] = berth.hookRuns(uid);
  assert.equal(run?.hook, 'PreStop');
  assert.ok(run?.finishedAt, 'the preStop run is closed');
  assert.equal(run.finishedAt - t0, 10_000, 'the hook run ends when the budget does');
  assert.ok(run.error, 'the cut hook keeps its reason');
  const reasons = berth.events(uid).map((e) => e.reason);
  assert.ok(reasons.includes('Killing'), berth.describe(uid));
  assert.ok(!reasons.includes('FailedPreStopHook'), `a hook cut by the deadline is no failure event:\n${berth.describe(uid)}`);
});

test('preStop that returns early: the stop signal follows at once, SIGKILL only at the deadline', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: ignoresSignals, exec: () => ({ exitCode: 0, output: 'drained\n', afterMs: 3000 }) } } });
  const berth = await world.open();
  const uid = await running(berth, 'early', pod('early', container('main', lifecycle({ preStop: 'drain' })), { grace: 10 }));
  const { t0 } = await deleteUntilGone(berth, 'early');

  const { stop, rel } = timeline(berth, uid, t0);
  assert.deepEqual(rel, { startedAt: 0, preStopStartedAt: 0, preStopFinishedAt: 3000, signal: 'SIGTERM', signalAt: 3000, killAt: 10_000, exitedAt: 10_000, exitCode: 137 }, formatStop(stop));
  const [run] = berth.hookRuns(uid);
  assert.deepEqual([run?.exitCode, run?.error, run?.output], [0, null, 'drained\n']);
});

test('an app that exits on SIGTERM: no SIGKILL, gone when it exits', async (t) => {
  const world = worldFor(t, { programs: { main: { onSignal: exitsOn('SIGTERM', 0, 1500) } } });
  const berth = await world.open();
  const uid = await running(berth, 'polite', pod('polite', container('main'), { grace: 30 }));
  const { t0 } = await deleteUntilGone(berth, 'polite');
  const { stop, rel } = timeline(berth, uid, t0);
  assert.deepEqual(rel, { startedAt: 0, preStopStartedAt: null, preStopFinishedAt: null, signal: 'SIGTERM', signalAt: 0, killAt: null, exitedAt: 1500, exitCode: 0 }, formatStop(stop));
});

test('a second delete with a shorter grace period shortens the termination under way', async (t) => {
  const { berth, uid } = await stubbornPod(t, 'shorter', 30);
  const t0 = berth.world.time.now();
  await berth.deletePod('shorter');
  await berth.world.time.advance(5000);
  assert.ok(berth.pod('shorter'), 'still terminating after 5 s of 30');
  await deleteUntilGone(berth, 'shorter', 3);

  const { stop, rel } = timeline(berth, uid, t0);
  // The preStop is cut at the new deadline (5 + 3 s), the app still gets its 2 s after the signal.
  assert.deepEqual(rel, { startedAt: 0, preStopStartedAt: 0, preStopFinishedAt: 8000, signal: 'SIGTERM', signalAt: 8000, killAt: 10_000, exitedAt: 10_000, exitCode: 137 }, formatStop(stop));
  assert.equal(stop.gracePeriodMs, 30_000, 'the stop keeps the grace period it started with');
});

test('grace period 0 on delete: no preStop, the signal, SIGKILL after the 2 s minimum', async (t) => {
  const { berth, uid } = await stubbornPod(t, 'now', 30);
  const { t0 } = await deleteUntilGone(berth, 'now', 0);
  const { stop, rel } = timeline(berth, uid, t0);
  assert.deepEqual(rel, { startedAt: 0, preStopStartedAt: null, preStopFinishedAt: null, signal: 'SIGTERM', signalAt: 0, killAt: 2000, exitedAt: 2000, exitCode: 137 }, formatStop(stop));
  assert.equal(berth.hookRuns(uid).length, 0, 'no preStop with a zero grace period');
});
