// postStart on the FakeEngine with virtual time: the container is not Running, and the next one
// is not even created, until its postStart returns; a failed postStart is FailedPostStartHook, the
// container is killed (Killing "FailedPostStartHook") and the restart policy decides what follows.
// test/engine/lifecycle-hooks.test.ts runs the same on real Docker and Podman.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitsOn } from '../../../../src-main/engine/fake';
import { container, lifecycle, pod, worldFor } from '../../../support/kubelet-rig';

const onTerm = exitsOn('SIGTERM', 0);

test('a blocking postStart keeps its container not Running and holds the next container back', async (t) => {
  const world = worldFor(t, {
    programs: { first: { onSignal: onTerm, exec: () => ({ exitCode: 0, output: 'warmed\n', afterMs: 6000 }) }, second: { onSignal: onTerm } },
  });
  const berth = await world.open();
  await berth.apply(pod('blocks', container('first', lifecycle({ postStart: 'warm-up' })) + container('second'), { grace: 2 }));
  const uid = berth.uid('blocks');
  const hookRunning = () => berth.hookRuns(uid).some((r) => r.hook === 'PostStart' && r.finishedAt === null);
  await world.time.until(hookRunning, 1000, 'the postStart running');
  const t0 = world.time.now();

  for (const after of [0, 2000, 5900]) {
    await world.time.advance(after - (world.time.now() - t0));
    const first = berth.containerStatus('blocks', 'first');
    assert.equal(first?.state.waiting?.reason, 'ContainerCreating', `at +${after} ms: ${JSON.stringify(first)}`);
    assert.equal(first?.started, false);
    assert.equal(first?.ready, false);
    assert.equal(berth.containerStatus('blocks', 'second')?.state.running, undefined, `second not running at +${after} ms`);
    assert.deepEqual((await world.containers(uid)).filter((c) => c.role === 'container').map((c) => c.name), ['first'], `only first exists at +${after} ms`);
    assert.ok(hookRunning(), `the hook still runs at +${after} ms`);
  }

  await world.time.until(() => berth.containerStatus('blocks', 'second')?.state.running !== undefined, 1000, 'second running');
  const [run] = berth.hookRuns(uid);
  assert.ok(run?.finishedAt, 'the postStart finished');
  assert.equal(run.finishedAt - run.startedAt, 6000);
  assert.deepEqual([run.exitCode, run.error, run.output], [0, null, 'warmed\n']);
  assert.equal(berth.containerStatus('blocks', 'first')?.ready, true);
  assert.equal(berth.containerStatus('blocks', 'first')?.started, true);
  const secondStarted = berth.events(uid).find((e) => e.reason === 'Started' && e.involvedObject.fieldPath === 'spec.containers{second}');
  assert.ok(secondStarted, berth.describe(uid));
  assert.equal(secondStarted.firstTimestamp, run.finishedAt, 'second starts the moment the hook returns');
  assert.equal(berth.status('blocks').phase, 'Running');
});

test('a failed postStart: FailedPostStartHook, the container killed, then restarted by the policy', async (t) => {
  // No `badcommand` in the image: the exec answers 127, as both engines do.
  const world = worldFor(t, { programs: { main: { onSignal: onTerm } } });
  const berth = await world.open();
  await berth.apply(pod('badhook', container('main', lifecycle({ postStart: 'badcommand' })), { grace: 5 }));
  const uid = berth.uid('badhook');
  await world.time.until(() => berth.stops(uid).some((s) => s.exitedAt !== null), 1000, 'the container killed');

  const events = berth.events(uid);
  const failed = events.find((e) => e.reason === 'FailedPostStartHook');
  assert.ok(failed, berth.describe(uid));
  assert.equal(failed.type, 'Warning');
  assert.equal(failed.involvedObject.fieldPath, 'spec.containers{main}');
  assert.match(failed.message, /^Exec lifecycle hook \(\[badcommand\]\) for Container "main" in Pod "badhook_default\([0-9a-f-]+\)" failed - error: .*exited with 127/s);
  const killing = events.find((e) => e.reason === 'Killing');
  assert.equal(killing?.message, 'FailedPostStartHook', "the kubelet's Killing message for a failed postStart");
  const [stop] = berth.stops(uid);
  assert.equal(stop?.reason, 'PostStartHookError');
  assert.equal(stop?.signal, 'SIGTERM');
  assert.equal(stop?.exitCode, 0);
  const [run] = berth.hookRuns(uid);
  assert.equal(run?.exitCode, 127);
  assert.ok(run?.error);

  // restartPolicy Always: a new container, its own postStart, failing again; then CrashLoopBackOff.
  await world.time.until(() => berth.containerStatus('badhook', 'main')?.state.waiting?.reason === 'CrashLoopBackOff', 30_000, 'CrashLoopBackOff');
  const main = berth.containerStatus('badhook', 'main')!;
  assert.ok(main.restartCount >= 1, JSON.stringify(main));
  assert.equal(main.started, false);
  assert.ok(main.lastState.terminated, JSON.stringify(main));
  const runs = berth.hookRuns(uid);
  assert.ok(runs.length >= 2 && new Set(runs.map((r) => r.containerId)).size === runs.length, 'one postStart run per container instance');
});
