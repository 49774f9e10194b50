// Graceful termination on real Docker and Podman, as the kubelet's killContainer does it: preStop
// with the whole grace budget, then the stop signal with what is left (at least 2 s), then
// SIGKILL. Every number comes from what Berth records and shows — the container stop timeline
// (`listContainerStops`), hook runs, events, the pod status — and from the wall clock between the
// delete and the pod being gone. Windows are generous around the kubelet's rule; the measured
// numbers are printed at the end. Probes are here too: a failing liveness probe kills through the
// same path (preStop, then the stop signal), a readiness probe flips `ready` both ways.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ContainerStop } from '../../src-main/model';
import { testEngineKinds } from '../support/engines';
import {
  assertWithin,
  deleteAndTime,
  EXITS_ON_TERM,
  formatStop,
  hookRunsOf,
  IGNORES_TERM,
  stopsOf,
  Timings,
  uidOf,
} from '../support/hook-harness';
import { busybox, containerStatus, podYaml, startPodHarness, statusOf, type PodHarness } from '../support/pod-harness';

const timings = new Timings();

const pod = (name: string, grace: number, containers: string, restartPolicy?: string): string =>
  podYaml(name, containers, { grace, ...(restartPolicy ? { restartPolicy } : {}) });

const preStop = (handler: string) => `
    lifecycle:
      preStop:${handler}`;

/** Applies a pod and waits until its container `main` runs (and is started). */
async function runningPod(h: PodHarness, name: string, yaml: string): Promise<string> {
  await h.apply(yaml);
  await h.waitForPod(name, (p) => containerStatus(p, 'main').state.running !== undefined && containerStatus(p, 'main').started === true, 30_000, 'main running');
  return uidOf(h, name);
}

function onlyStop(h: PodHarness, uid: string, container = 'main'): ContainerStop {
  const stops = stopsOf(h, uid).filter((s) => s.container === container);
  assert.equal(stops.length, 1, `one stop of ${container}: ${stopsOf(h, uid).map(formatStop).join('; ')}`);
  return stops[0]!;
}

for (const kind of testEngineKinds()) {
  describe(`graceful termination on ${kind}`, { concurrency: true }, () => {
    let h: PodHarness;
    before(async () => {
      h = await startPodHarness(kind);
    });
    after(async () => {
      await h?.cleanup();
    });

    // ---- the sleep action -----------------------------------------------------------------------

    test('preStop sleep 5 with grace 10: the pod is gone after 5–10 s, the stop signal after the sleep', async () => {
      const name = 'prestop-sleep';
      const uid = await runningPod(h, name, pod(name, 10, busybox('main', EXITS_ON_TERM, preStop(`
        sleep: {seconds: 5}`))));
      const seconds = await deleteAndTime(h, name);
      const stop = onlyStop(h, uid);
      timings.add(`${kind} preStop sleep 5, grace 10: gone ${seconds.toFixed(2)} s; ${formatStop(stop)}`);
      assertWithin(seconds, 4.8, 10, 'seconds from delete to gone');
      assert.equal(stop.gracePeriodMs, 10_000);
      assertWithin(stop.preStopFinishedAt! - stop.preStopStartedAt!, 4900, 6000, 'preStop sleep duration (ms)');
      assert.equal(stop.signal, 'SIGTERM');
      assert.ok(stop.signalAt! >= stop.preStopFinishedAt!, 'SIGTERM after the sleep');
      assert.equal(stop.killAt, null, 'no SIGKILL: the app exits on SIGTERM');
      assert.equal(stop.exitCode, 0);
      const runs = hookRunsOf(h, uid);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]!.hook, 'PreStop');
      assert.equal(runs[0]!.handler, 'sleep');
      assert.equal(runs[0]!.error, null);
    });

    test('preStop sleep 5 with grace 10, deleted with --grace-period 2: the sleep is cut at 2 s', async () => {
      const name = 'prestop-sleep-cut';
      const uid = await runningPod(h, name, pod(name, 10, busybox('main', EXITS_ON_TERM, preStop(`
        sleep: {seconds: 5}`))));
      const seconds = await deleteAndTime(h, name, 2);
      const stop = onlyStop(h, uid);
      const run = hookRunsOf(h, uid)[0]!;
      const events = await h.core.api.listEvents({ namespace: h.namespace });
      const failed = events.filter((e) => e.involvedObject.uid === uid && e.reason === 'FailedPreStopHook');
      timings.add(`${kind} preStop sleep 5 cut by grace 2: gone ${seconds.toFixed(2)} s; ${formatStop(stop)}; hook run error: ${run.error}; FailedPreStopHook events: ${failed.length}`);
      assertWithin(seconds, 1.8, 8, 'seconds from delete to gone (2 s cut sleep, then the engine stops and removes)');
      assert.equal(stop.gracePeriodMs, 2000, 'the delete\'s grace period overrides the pod\'s');
      assertWithin(stop.preStopFinishedAt! - stop.preStopStartedAt!, 1900, 2800, 'preStop duration (ms), cut at the 2 s budget');
      assert.equal(stop.signal, 'SIGTERM');
      assert.equal(stop.killAt, null);
      assert.equal(run.hook, 'PreStop');
      assert.ok(run.finishedAt !== null && run.finishedAt - run.startedAt < 3000, `the hook run was ended: ${JSON.stringify(run)}`);
      assert.equal(run.error, 'container terminated before sleep hook finished');
    });

    test('preStop sleep 0 works: the hook returns at once, then the stop signal', async () => {
      const name = 'prestop-sleep-zero';
      const uid = await runningPod(h, name, pod(name, 10, busybox('main', EXITS_ON_TERM, preStop(`
        sleep: {seconds: 0}`))));
      const seconds = await deleteAndTime(h, name);
      const stop = onlyStop(h, uid);
      timings.add(`${kind} preStop sleep 0: gone ${seconds.toFixed(2)} s; ${formatStop(stop)}`);
      assertWithin(seconds, 0, 6, 'seconds from delete to gone');
      assertWithin(stop.preStopFinishedAt! - stop.preStopStartedAt!, 0, 500, 'preStop sleep 0 duration (ms)');
      const [run] = hookRunsOf(h, uid);
      assert.equal(run?.handler, 'sleep');
      assert.equal(run?.error, null);
      assert.equal(stop.killAt, null);
    });

    test('a container that exits by itself runs no preStop (and the delete of the finished pod none either)', async () => {
      const name = 'exits-by-itself';
      await h.apply(pod(name, 5, busybox('main', 'sleep 1; echo bye', preStop(`
        exec:
          command: ["sh", "-c", "echo prestop"]`)), 'Never'));
      const done = await h.waitForPod(name, (p) => statusOf(p).phase === 'Succeeded', 30_000, 'Succeeded');
      assert.equal(containerStatus(done, 'main').state.terminated?.reason, 'Completed');
      const uid = done.metadata.uid;
      assert.deepEqual(hookRunsOf(h, uid), [], 'no hook run when the container exits by itself');
      await deleteAndTime(h, name);
      assert.deepEqual(hookRunsOf(h, uid).filter((r) => r.hook === 'PreStop'), [], 'no preStop for an exited container on delete');
      for (const stop of stopsOf(h, uid)) assert.equal(stop.preStopStartedAt, null, formatStop(stop));
    });

    // ---- the SIGKILL rule -----------------------------------------------------------------------

    test('a preStop that never returns, grace 3: SIGKILL at 3 s + the 2 s minimum', async () => {
      const name = 'prestop-forever';
      const uid = await runningPod(h, name, pod(name, 3, busybox('main', IGNORES_TERM, preStop(`
        exec:
          command: ["sh", "-c", "sleep 3600"]`))));
      const seconds = await deleteAndTime(h, name);
      const stop = onlyStop(h, uid);
      timings.add(`${kind} preStop forever, grace 3: gone ${seconds.toFixed(2)} s; killAt − startedAt ${stop.killAt! - stop.startedAt} ms (rule: 5000); ${formatStop(stop)}`);
      assertWithin(stop.preStopFinishedAt! - stop.preStopStartedAt!, 2900, 3600, 'preStop ran for the whole budget (ms)');
      assert.equal(stop.signal, 'SIGTERM');
      assert.ok(stop.killAt !== null, 'SIGKILL was needed');
      assertWithin(stop.killAt - stop.startedAt, 4500, 6500, 'SIGKILL after the stop started (ms; rule: 3000 + 2000)');
      assertWithin(stop.killAt - stop.signalAt!, 1900, 2600, 'SIGKILL after SIGTERM (ms; the 2 s minimum)');
      assert.equal(stop.exitCode, 137);
      assertWithin(seconds, 4.5, 9, 'seconds from delete to gone');
      const [run] = hookRunsOf(h, uid);
      assert.equal(run?.hook, 'PreStop');
      assert.ok(run?.finishedAt !== null, `the preStop run was closed: ${JSON.stringify(run)}`);
    });

    test('a container that ignores SIGTERM is killed on time (grace 2, no preStop)', async () => {
      const name = 'ignores-term';
      const uid = await runningPod(h, name, pod(name, 2, busybox('main', IGNORES_TERM)));
      const seconds = await deleteAndTime(h, name);
      const stop = onlyStop(h, uid);
      timings.add(`${kind} ignores SIGTERM, grace 2: gone ${seconds.toFixed(2)} s; killAt − signalAt ${stop.killAt! - stop.signalAt!} ms (rule: 2000); ${formatStop(stop)}`);
      assert.equal(stop.preStopStartedAt, null);
      assert.equal(stop.signal, 'SIGTERM');
      assert.ok(stop.killAt !== null, 'SIGKILL was needed');
      assertWithin(stop.killAt - stop.signalAt!, 1900, 2600, 'SIGKILL after SIGTERM (ms)');
      assertWithin(stop.exitedAt! - stop.killAt, 0, 2500, 'exit after SIGKILL (ms)');
      assert.equal(stop.exitCode, 137);
      // The kill's precision is asserted on the timeline above; this also counts the engine's removal (slow on a loaded Podman).
      assertWithin(seconds, 1.8, 8, 'seconds from delete to gone');
    });

    test('a container that handles SIGTERM exits early, and the timeline says so', async () => {
      const name = 'handles-term';
      const uid = await runningPod(h, name, pod(name, 30, busybox('main', EXITS_ON_TERM)));
      const seconds = await deleteAndTime(h, name);
      const stop = onlyStop(h, uid);
      timings.add(`${kind} handles SIGTERM, grace 30: gone ${seconds.toFixed(2)} s; exitedAt − signalAt ${stop.exitedAt! - stop.signalAt!} ms; ${formatStop(stop)}`);
      assert.equal(stop.gracePeriodMs, 30_000);
      assert.equal(stop.signal, 'SIGTERM');
      assert.equal(stop.killAt, null, 'no SIGKILL');
      assertWithin(stop.exitedAt! - stop.signalAt!, 0, 2500, 'exit after SIGTERM (ms; the engine reports the exit late on Podman)');
      assert.equal(stop.exitCode, 0);
      assertWithin(seconds, 0, 5, 'seconds from delete to gone');
    });

    // ---- lifecycle.stopSignal ---------------------------------------------------------------------

    test('lifecycle.stopSignal SIGUSR1 reaches the process (liveness kill and delete)', async () => {
      // The app ignores SIGTERM and exits on SIGUSR1, writing what it got to its termination log.
      const app = "trap '' TERM; trap 'echo got SIGUSR1 | tee /dev/termination-log; exit 0' USR1; touch /tmp/healthy; while true; do sleep 1 & wait $!; done";
      const stopSignal = `
    lifecycle:
      stopSignal: SIGUSR1`;
      // 1. A liveness failure (the test removes /tmp/healthy) kills with the stop signal; with
      //    restartPolicy Never the terminated state keeps the message.
      const probed = 'stopsignal-liveness';
      const probedUid = await runningPod(h, probed, pod(probed, 10, busybox('main', app, `${stopSignal}
    livenessProbe:
      exec: {command: ["cat", "/tmp/healthy"]}
      periodSeconds: 1
      failureThreshold: 1`), 'Never'));
      const deleted = 'stopsignal-delete';
      const deletedUid = await runningPod(h, deleted, pod(deleted, 10, busybox('main', app, stopSignal)));

      const container = await h.runningContainer(probed, 'main');
      // Docker's inspect shows the name, Podman's the number (10).
      assert.ok(['SIGUSR1', '10'].includes(String((container.raw as { Config?: { StopSignal?: string } }).Config?.StopSignal)), 'the engine container carries the stop signal');
      await h.engine.exec(container.id, ['rm', '/tmp/healthy']);
      const done = await h.waitForPod(probed, (p) => containerStatus(p, 'main').state.terminated !== undefined, 30_000, 'main terminated by the liveness probe');
      const terminated = containerStatus(done, 'main').state.terminated!;
      assert.equal(terminated.message?.trim(), 'got SIGUSR1', `terminated: ${JSON.stringify(terminated)}`);
      assert.equal(terminated.exitCode, 0);
      const probeStop = onlyStop(h, probedUid);
      assert.equal(probeStop.reason, 'LivenessProbe');
      assert.equal(probeStop.signal, 'SIGUSR1');
      assert.equal(probeStop.killAt, null, `no SIGKILL: ${formatStop(probeStop)}`);
      assert.match(await h.logs(probed, 'main'), /got SIGUSR1/);

      // 2. Delete: the timeline shows SIGUSR1 and no SIGKILL (SIGTERM would have been ignored).
      const seconds = await deleteAndTime(h, deleted);
      const stop = onlyStop(h, deletedUid);
      timings.add(`${kind} stopSignal SIGUSR1: liveness ${formatStop(probeStop)}; delete gone ${seconds.toFixed(2)} s, ${formatStop(stop)}`);
      assert.equal(stop.signal, 'SIGUSR1');
      assert.equal(stop.killAt, null, `no SIGKILL: ${formatStop(stop)}`);
      assertWithin(stop.exitedAt! - stop.signalAt!, 0, 2500, 'exit after SIGUSR1 (ms)');
      assert.equal(stop.exitCode, 0);
    });

    // ---- probes -----------------------------------------------------------------------------------

    test('a liveness probe that starts failing after ~10 s: Unhealthy, preStop, restart', async () => {
      const name = 'liveness-fails';
      const app = "touch /tmp/healthy; (sleep 10; rm /tmp/healthy) & trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";
      const uid = await runningPod(h, name, pod(name, 5, busybox('main', app, `
    livenessProbe:
      exec: {command: ["cat", "/tmp/healthy"]}
      periodSeconds: 2
      failureThreshold: 2
    lifecycle:
      preStop:
        exec: {command: ["sh", "-c", "echo prestop ran"]}`)));
      const firstStarted = Date.now();
      const unhealthy = await h.waitForEvent(name, (e) => e.reason === 'Unhealthy', 30_000, 'Unhealthy');
      assert.equal(unhealthy.type, 'Warning');
      assert.match(unhealthy.message, /^Liveness probe failed: /);
      const restarted = await h.waitForPod(name, (p) => containerStatus(p, 'main').restartCount === 1 && containerStatus(p, 'main').state.running !== undefined, 40_000, 'restarted once');
      const restartedAfter = (Date.now() - firstStarted) / 1000;
      const events = await h.events(name);
      const killing = events.find((e) => e.reason === 'Killing');
      assert.equal(killing?.message, 'Container main failed liveness probe, will be restarted');
      const runs = hookRunsOf(h, uid).filter((r) => r.hook === 'PreStop');
      assert.equal(runs.length, 1, 'preStop ran for the liveness kill');
      assert.equal(runs[0]!.exitCode, 0);
      assert.equal(runs[0]!.output.trim(), 'prestop ran');
      const stop = onlyStop(h, uid);
      assert.equal(stop.reason, 'LivenessProbe');
      assert.equal(stop.gracePeriodMs, 5000);
      assert.ok(stop.preStopStartedAt !== null && stop.signalAt! >= stop.preStopFinishedAt!, formatStop(stop));
      assert.equal(stop.killAt, null);
      const main = containerStatus(restarted, 'main');
      assert.ok(main.lastState.terminated, `lastState: ${JSON.stringify(main.lastState)}`);
      assert.ok((events.find((e) => e.reason === 'Unhealthy')?.count ?? 0) >= 2, 'failureThreshold 2: two failures in the aggregated event');
      timings.add(`${kind} liveness: first Unhealthy, then restart ${restartedAfter.toFixed(1)} s after start; ${formatStop(stop)}`);
    });

    test('a readiness probe flips ready both ways', async () => {
      const name = 'readiness-flips';
      await runningPod(h, name, pod(name, 2, busybox('main', `touch /tmp/ready; ${EXITS_ON_TERM}`, `
    readinessProbe:
      exec: {command: ["cat", "/tmp/ready"]}
      periodSeconds: 1
      failureThreshold: 2`)));
      const isReady = (want: boolean) => (p: Parameters<typeof containerStatus>[0]) =>
        containerStatus(p, 'main').ready === want && statusOf(p).conditions?.find((c) => c.type === 'Ready')?.status === (want ? 'True' : 'False');
      await h.waitForPod(name, isReady(true), 20_000, 'ready');
      const summary = async () => (await h.api.listPods({ namespace: h.namespace })).find((p) => p.name === name)!;
      assert.equal((await summary()).ready, '1/1');
      const container = await h.runningContainer(name, 'main');

      // Gone for longer than failureThreshold × period: not ready.
      let at = Date.now();
      await h.engine.exec(container.id, ['rm', '/tmp/ready']);
      await h.waitForPod(name, isReady(false), 15_000, 'not ready');
      const notReadyAfter = Date.now() - at;
      assert.equal((await summary()).ready, '0/1');
      const unhealthy = await h.waitForEvent(name, (e) => e.reason === 'Unhealthy', 5_000, 'Unhealthy');
      assert.match(unhealthy.message, /^Readiness probe failed: /);

      // Back: ready again (successThreshold 1), and the container was never restarted.
      at = Date.now();
      await h.engine.exec(container.id, ['touch', '/tmp/ready']);
      const back = await h.waitForPod(name, isReady(true), 15_000, 'ready again');
      const readyAfter = Date.now() - at;
      assert.equal((await summary()).ready, '1/1');
      assert.equal(containerStatus(back, 'main').restartCount, 0);
      assert.ok(!(await h.events(name)).some((e) => e.reason === 'Killing'), 'readiness never kills');
      timings.add(`${kind} readiness (period 1 s, failureThreshold 2): not ready ${notReadyAfter} ms after rm; ready ${readyAfter} ms after touch`);
      assertWithin(notReadyAfter, 500, 6000, 'ms to not ready');
    });
  });
}

after(() => timings.print('graceful termination: measured'));
