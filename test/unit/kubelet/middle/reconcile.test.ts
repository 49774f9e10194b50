// Reconcile after a Berth restart, on the FakeEngine: the engine's containers (found by label) are
// the source of truth. Containers of pods the store no longer knows are removed; the pods it knows
// are adopted — the same containers, no new ones, no restart counted — and an exit that happened
// while no Berth ran is seen and acted on. test/engine/reconcile.test.ts does it on real engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitsOn } from '../../../../src-main/engine/fake';
import { container, pod, worldFor } from '../../../support/kubelet-rig';

const onTerm = { onSignal: exitsOn('SIGTERM', 0) };

test('after a restart: containers of pods the store no longer knows are removed, known pods adopted', async (t) => {
  const world = worldFor(t, { programs: { main: onTerm } });
  const first = await world.open();
  await first.apply([pod('kept', container('main')), pod('forgotten', container('main'))].join('\n---\n'));
  await world.time.until(() => ['kept', 'forgotten'].every((p) => first.containerStatus(p, 'main')?.state.running !== undefined), 5000, 'both running');
  const uids = { kept: first.uid('kept'), forgotten: first.uid('forgotten') };
  const keptBefore = await world.containers(uids.kept);
  first.crash();
  // The pod went from the store while no Berth ran (say, deleted by a CLI that runs no controller).
  first.core.store.removePod(uids.forgotten);
  assert.equal((await world.containers(uids.forgotten)).length, 2, 'its sandbox and container are still on the engine');

  const seenBefore = world.seen.length;
  const second = await world.open();
  await world.time.advance(30_000);
  assert.deepEqual(await world.containers(uids.forgotten), [], 'orphans removed');
  assert.ok(world.logs.some((l) => /removed 2 container\(s\) of pods Berth no longer knows/.test(l)), world.logs.join('\n'));
  assert.deepEqual(await world.containers(uids.kept), keptBefore, 'the same containers, still running');
  assert.deepEqual(world.seen.slice(seenBefore).filter((e) => e.action === 'start'), [], 'nothing started again');
  const main = second.containerStatus('kept', 'main');
  assert.equal(main?.restartCount, 0);
  assert.ok(main?.state.running && main.ready, JSON.stringify(main));
  const started = second.events(uids.kept).filter((e) => e.reason === 'Started');
  assert.equal(started.length, 1, `one Started event, from the first Berth:\n${second.describe(uids.kept)}`);
});

test('an exit while no Berth ran is seen after the restart: the restart policy follows', async (t) => {
  const world = worldFor(t, { programs: { main: onTerm } });
  const first = await world.open();
  await first.apply(pod('missed', container('main')));
  await world.time.until(() => first.containerStatus('missed', 'main')?.state.running !== undefined, 5000, 'running');
  const uid = first.uid('missed');
  first.crash();
  const [main] = (await world.containers(uid)).filter((c) => c.role === 'container');
  world.engine.crash(main!.id, 3);

  const second = await world.open();
  await world.time.until(() => second.containerStatus('missed', 'main')?.restartCount === 1, 5000, 'restarted once');
  const status = second.containerStatus('missed', 'main')!;
  assert.equal(status.lastState.terminated?.exitCode, 3, JSON.stringify(status));
  assert.ok(status.state.running, JSON.stringify(status));
  assert.equal((await world.containers(uid)).filter((c) => c.role === 'container').length, 2, 'a new container; the dead one kept for its logs');
});
