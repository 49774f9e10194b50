// Restart back-off on the FakeEngine with virtual time, as the kubelet (doBackOff with
// flowcontrol.Backoff 10 s … 300 s): the first restart is at once, then each restart waits 10 s,
// 20 s, 40 s… after the exit, shown as CrashLoopBackOff with one BackOff event per window; the
// back-off starts over for a container that ran more than 10 minutes before it exited.
// test/engine/pod-runtime.test.ts checks the first window on real Docker and Podman.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { container, pod, worldFor, type KubeletWorld } from '../../../support/kubelet-rig';

/** Milliseconds from each exit of `main` to its next start. */
function restartGaps(world: KubeletWorld): number[] {
  const main = world.seen.filter((e) => e.container === 'main');
  const gaps: number[] = [];
  for (const start of main.filter((e) => e.action === 'start' && e.restartCount > 0)) {
    const exit = main.find((e) => e.action === 'die' && e.restartCount === start.restartCount - 1);
    assert.ok(exit, `instance ${start.restartCount - 1} died before instance ${start.restartCount} started`);
    gaps.push(start.time - exit.time);
  }
  return gaps;
}

const crashesAfter = (ms: number) => ({ exitAfterMs: ms, exitCode: 1 });

test('CrashLoopBackOff: at once, then 10 s, 20 s, 40 s, 80 s, 160 s, capped at 300 s', async (t) => {
  const world = worldFor(t, { programs: { main: crashesAfter(1000) } });
  const berth = await world.open();
  await berth.apply(pod('crasher', container('main'), { grace: 1 }));
  const uid = berth.uid('crasher');
  const fullName = `crasher_default(${uid})`;

  // After the second exit: held for 10 s, shown as CrashLoopBackOff with its event.
  await world.time.until(() => berth.containerStatus('crasher', 'main')?.state.waiting?.reason === 'CrashLoopBackOff', 5000, 'CrashLoopBackOff');
  const main = berth.containerStatus('crasher', 'main')!;
  assert.equal(main.restartCount, 1, 'the first restart was immediate; the back-off holds the second');
  assert.equal(main.state.waiting?.message, `back-off 10s restarting failed container=main pod=${fullName}`);
  assert.equal(main.lastState.terminated?.exitCode, 1);
  assert.equal(main.lastState.terminated?.reason, 'Error');
  assert.equal(berth.status('crasher').phase, 'Running', 'a pod in CrashLoopBackOff is still Running');
  const backOff = () => berth.events(uid).find((e) => e.reason === 'BackOff');
  assert.equal(backOff()?.type, 'Warning');
  assert.equal(backOff()?.message, `Back-off restarting failed container main in pod ${fullName}`);
  assert.equal(backOff()?.involvedObject.fieldPath, 'spec.containers{main}');

  // The next window's message, seen while it holds.
  await world.time.until(() => /back-off 20s/.test(berth.containerStatus('crasher', 'main')?.state.waiting?.message ?? ''), 15_000, 'back-off 20s');

  await world.time.advance(20 * 60_000);
  const gaps = restartGaps(world);
  assert.deepEqual(gaps.slice(0, 8), [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000], `gaps: ${gaps.join(', ')}`);
  assert.ok(backOff()!.count >= 6, `one BackOff per window, aggregated: ${backOff()!.count}`);
  assert.equal(berth.containerStatus('crasher', 'main')?.restartCount, gaps.length);
});

test('the back-off starts over after a run of more than 10 minutes; a shorter run keeps it', async (t) => {
  // Instances 0–2 crash after 1 s, instance 3 runs 11 minutes, then they crash after 1 s again.
  const world = worldFor(t, { programs: { main: (n) => crashesAfter(n === 3 ? 11 * 60_000 : 1000) } });
  const berth = await world.open();
  await berth.apply(pod('resets', container('main'), { grace: 1 }));
  await world.time.advance(15 * 60_000);
  const gaps = restartGaps(world);
  assert.deepEqual(gaps.slice(0, 6), [0, 10_000, 20_000, 0, 10_000, 20_000], `gaps: ${gaps.join(', ')}`);
});

test('restartPolicy Never: no restart, no back-off; the pod fails', async (t) => {
  const world = worldFor(t, { programs: { main: crashesAfter(1000) } });
  const berth = await world.open();
  await berth.apply(pod('once', container('main'), { grace: 1, restartPolicy: 'Never' }));
  await world.time.advance(60_000);
  assert.deepEqual(restartGaps(world), []);
  assert.equal(berth.status('once').phase, 'Failed');
  assert.equal(berth.containerStatus('once', 'main')?.state.terminated?.exitCode, 1);
  assert.ok(!berth.events(berth.uid('once')).some((e) => e.reason === 'BackOff'));
});
