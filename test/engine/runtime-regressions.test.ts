// Regressions found in review: each test names the defect it guards against.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LABELS } from '../../src-main/engine/labels';
import { runBerth } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { busybox, delay, podHarnessFor, podYaml, statusOf } from '../support/pod-harness';
import { makeTempDir } from '../support/temp';

for (const kind of testEngineKinds()) {
  describe(`runtime regressions on ${kind}`, { concurrency: true }, () => {
    test('a postStart with a startup probe still to pass runs once, not on every sync', async (t) => {
      const h = await podHarnessFor(t, kind);
      const main = busybox('main', 'trap "exit 0" TERM; while true; do sleep 1; done', `
    lifecycle:
      postStart: {exec: {command: [sh, -c, "echo ran >> /tmp/poststart-runs"]}}
    startupProbe: {exec: {command: [test, -f, /tmp/never]}, initialDelaySeconds: 30, periodSeconds: 10}`);
      await h.apply(podYaml('probed-hook', main));
      await h.waitForPod('probed-hook', (pod) => statusOf(pod).containerStatuses?.[0]?.state.running !== undefined, 30_000, 'main running');
      await delay(4000); // several syncs happen meanwhile (engine events, the hook's own exec)
      const runs = (await h.api.listHookRuns({ namespace: h.namespace, name: 'probed-hook' })).filter((r) => r.hook === 'PostStart');
      assert.equal(runs.length, 1, `one postStart run, got ${runs.length}`);
      const container = await h.runningContainer('probed-hook', 'main');
      const exec = await h.engine.exec(container.id, ['cat', '/tmp/poststart-runs']);
      assert.equal(exec.output, 'ran\n');
    });

    test('a container whose start fails backs off, as after an exit (Podman keeps no start error of its own)', async (t) => {
      const h = await podHarnessFor(t, kind);
      await h.apply(podYaml('cannot-run', busybox('main', '').replace('command: ["sh", "-c", ""]', 'command: ["/nope"]')));
      const pod = await h.waitForPod('cannot-run', (p) => statusOf(p).containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff', 30_000, 'CrashLoopBackOff');
      assert.equal(statusOf(pod).containerStatuses?.[0]?.lastState.terminated?.reason, 'ContainerCannotRun');
      await delay(3000); // a restart loop without back-off would start it dozens of times meanwhile
      const failed = (await h.events('cannot-run')).find((e) => e.reason === 'Failed');
      assert.ok(failed && failed.count <= 3, `start attempts within the 10 s back-off: ${failed?.count}\n${await h.describe('cannot-run')}`);
      const main = (await h.engineContainers('cannot-run')).filter((c) => c.labels[LABELS.containerName] === 'main');
      assert.ok(main.length <= 2, `the failed instance and its predecessor at most: ${main.map((c) => c.name).join(', ')}`);
    });

    test('a second delete with a shorter grace period cuts short the termination under way', async (t) => {
      const h = await podHarnessFor(t, kind);
      // Ignores SIGTERM, 30 s grace: the first delete alone would take 30 s.
      await h.apply(podYaml('impatient', busybox('main', 'trap "" TERM; while true; do sleep 1; done'), { grace: 30 }));
      await h.waitForPod('impatient', (pod) => statusOf(pod).containerStatuses?.[0]?.state.running !== undefined, 30_000, 'running');
      const started = Date.now();
      await h.api.deletePod({ namespace: h.namespace, name: 'impatient' });
      await delay(1000);
      await h.api.deletePod({ namespace: h.namespace, name: 'impatient', gracePeriodSeconds: 1 });
      await h.waitForPodGone('impatient', 20_000);
      const seconds = (Date.now() - started) / 1000;
      // 1 s before the second delete + its 1 s grace (the signal went out at once, so the 2 s minimum after it is already met) + removal.
      assert.ok(seconds < 12, `gone after ${seconds.toFixed(1)} s, not the first delete's 30 s`);
      const stops = (await h.core.store.listContainerStops((await h.core.store.listPods(undefined, { includeDeleting: true })).find((p) => p.name === 'impatient')?.uid ?? 'none'));
      assert.deepEqual(stops, [], 'the pod record is gone with its containers');
    });

    test('an in-process `berth delete --grace-period 1` honours the grace period and the command exits', async () => {
      const dir = makeTempDir();
      const env = { BERTH_DATA_DIR: join(dir.path, 'data'), BERTH_ENGINE: kind, DOCKER_HOST: `unix://${ENGINE_SOCKETS[kind]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
      try {
        const file = join(dir.path, 'slow.yaml');
        // Ignores SIGTERM and has a 10-minute grace period: only --grace-period can make this quick.
        writeFileSync(file, podYaml('slow-stop', busybox('main', 'trap "" TERM; while true; do sleep 1; done'), { grace: 600 }));
        const applied = await runBerth(['apply', '-f', file, '--wait', '--timeout', '60s'], { env });
        assert.equal(applied.code, 0, applied.stderr);
        const started = Date.now();
        const deleted = await runBerth(['delete', 'pod', 'slow-stop', '--grace-period', '1'], { env });
        const seconds = (Date.now() - started) / 1000;
        assert.equal(deleted.code, 0, deleted.stderr);
        assert.match(deleted.stdout, /pod "slow-stop" deleted/);
        // 1 s grace + the kubelet's 2 s minimum after the signal + process start-up, far from 600 s.
        assert.ok(seconds < 30, `the delete took ${seconds} s`);
        const pods = await runBerth(['get', 'pods'], { env });
        assert.match(pods.stderr, /No resources found/);
        const events = JSON.parse((await runBerth(['events', '-o', 'json'], { env })).stdout) as { items: { reason: string }[] };
        assert.ok(events.items.some((e) => e.reason === 'Killing'));
      } finally {
        dir.remove();
      }
    });
  });
}
