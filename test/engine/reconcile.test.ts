// The controller (`berth serve`, the real CLI as a child process) dies with SIGKILL while its
// pods run on; one app container exits while it is away. A new controller on the same data dir
// adopts what it finds on the engine by label: no duplicated containers, the exit is recorded
// (restartCount 1, lastState terminated) and the restart policy applied. A container the dead
// controller created but never started is replaced: no duplicate, and no restart counted.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { PodObject } from '../../src-main/api/results';
import type { HookRun } from '../../src-main/model';
import { LABELS } from '../../src-main/engine/labels';
import { Store } from '../../src-main/store';
import { runBerth } from '../support/cli';
import { controllerHarnessFor } from '../support/controller-harness';
import { testEngineKinds } from '../support/engines';
import { EXITS_ON_TERM } from '../support/hook-harness';
import { busybox, delay, podYaml, type PodStatus } from '../support/pod-harness';

for (const kind of testEngineKinds()) {
  describe(`controller crash and reconcile on ${kind}`, () => {
    test('a SIGKILLed controller comes back: adopts its pods, records the exit it missed, no duplicates', async (t) => {
      const suiteStarted = Date.now();
      const { engine, dir, namespace, env, startController } = await controllerHarnessFor(t, kind, 'berth-reconcile', ['alpha', 'beta']);

      const file = join(dir, 'pods.yaml');
      const metadata = `\n  namespace: ${namespace}`;
      writeFileSync(
        file,
        [
          podYaml('alpha', `${busybox('main', EXITS_ON_TERM)}${busybox('side', EXITS_ON_TERM)}`, { grace: 2, metadata }),
          podYaml('beta', busybox('main', EXITS_ON_TERM), { grace: 2, metadata }),
        ].join('---\n'),
      );

      let controller = await startController();
      const applied = await runBerth(['apply', '-f', file, '--wait', '--timeout', '60s'], { env });
      assert.equal(applied.code, 0, `berth apply --wait:\n${applied.stdout}${applied.stderr}\n${controller.log()}`);
      assert.match(applied.stdout, /pod\/alpha ready/);
      assert.match(applied.stdout, /pod\/beta ready/);

      const getPod = async (name: string): Promise<PodObject> => {
        const run = await runBerth(['get', 'pod', name, '-n', namespace, '-o', 'json'], { env });
        assert.equal(run.code, 0, `berth get pod ${name}:\n${run.stdout}${run.stderr}`);
        return JSON.parse(run.stdout) as PodObject;
      };
      const uidOf = async (name: string) => (await getPod(name)).metadata.uid;
      const alphaUid = await uidOf('alpha');
      const betaUid = await uidOf('beta');
      const containersOf = (uid: string) => engine.listContainers({ all: true, labels: { [LABELS.podUid]: uid } });
      const before = new Map([
        [alphaUid, (await containersOf(alphaUid)).map((c) => c.id).sort()],
        [betaUid, (await containersOf(betaUid)).map((c) => c.id).sort()],
      ]);
      assert.equal(before.get(alphaUid)!.length, 3, 'alpha: a sandbox and two containers');
      assert.equal(before.get(betaUid)!.length, 2, 'beta: a sandbox and one container');

      // The controller dies without a chance to clean up; the pods run on without it.
      await controller.stop('SIGKILL');
      const alphaMain = (await containersOf(alphaUid)).find((c) => c.labels[LABELS.containerName] === 'main')!;
      assert.equal(await engine.killContainer(alphaMain.id, 'SIGKILL'), true);
      for (let i = 0; i < 50 && (await engine.inspectContainer(alphaMain.id)).state.running; i++) await delay(100);
      const killed = await engine.inspectContainer(alphaMain.id);
      assert.equal(killed.state.running, false, 'the killed container exited');
      assert.equal(killed.state.exitCode, 137);
      await delay(500);

      const restartedAt = Date.now();
      controller = await startController();
      let alpha: PodObject | undefined;
      let main: { restartCount: number; state: { running?: unknown }; lastState: { terminated?: { exitCode: number; reason?: string } } } | undefined;
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        alpha = await getPod('alpha');
        main = (alpha.status as PodStatus).containerStatuses?.find((c) => c.name === 'main');
        if (main?.restartCount === 1 && main.state.running) break;
        await delay(500);
      }
      const convergedSeconds = ((Date.now() - restartedAt) / 1000).toFixed(1);
      const events = await runBerth(['events', '--pod', 'alpha', '-n', namespace], { env });
      assert.ok(main?.restartCount === 1 && main.state.running, `alpha/main was not restarted once:\n${JSON.stringify(alpha?.status, null, 2)}\n${events.stdout}\n${controller.log()}`);
      assert.equal(main.lastState.terminated?.exitCode, 137, 'the exit seen while the controller was away is the last state');
      assert.equal((alpha!.status as PodStatus).phase, 'Running');
      const side = (alpha!.status as PodStatus).containerStatuses?.find((c) => c.name === 'side');
      assert.equal(side?.restartCount, 0, 'the container that kept running was adopted, not restarted');

      // Exactly: alpha's sandbox, side (same instance as before), main's killed instance and its
      // one replacement; beta untouched. Two controllers' worth of containers would show here.
      await delay(1500); // let any duplicate a buggy reconcile would make appear
      const alphaNow = await containersOf(alphaUid);
      const byRole = (role: string) => alphaNow.filter((c) => c.labels[LABELS.role] === role);
      assert.equal(byRole('sandbox').length, 1, `one sandbox: ${alphaNow.map((c) => c.name).join(', ')}`);
      const mains = alphaNow.filter((c) => c.labels[LABELS.containerName] === 'main').map((c) => c.labels[LABELS.restartCount]).sort();
      assert.deepEqual(mains, ['0', '1'], 'main: the killed instance (kept for logs --previous) and exactly one new one');
      const sides = alphaNow.filter((c) => c.labels[LABELS.containerName] === 'side');
      assert.equal(sides.length, 1);
      assert.ok(before.get(alphaUid)!.includes(sides[0]!.id), 'side is the same engine container as before the crash');
      assert.ok(before.get(alphaUid)!.includes(byRole('sandbox')[0]!.id), 'the sandbox is the same as before the crash');
      assert.deepEqual((await containersOf(betaUid)).map((c) => c.id).sort(), before.get(betaUid), 'beta: the same containers, none added');
      assert.equal(((await getPod('beta')).status as PodStatus).phase, 'Running');
      const restartEvents = events.stdout.split('\n').filter((line) => /Started/.test(line));
      assert.ok(restartEvents.length > 0, `events of alpha:\n${events.stdout}`);
      process.stderr.write(
        `\n${kind}: controller back and alpha/main restarted after ${convergedSeconds} s; whole test ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s so far\n`,
      );
    });

    test('a container created but never started when the controller died is replaced, not counted as a restart', async (t) => {
      const { engine, dir, namespace, env, startController } = await controllerHarnessFor(t, kind, 'berth-reconcile-created', ['gamma']);
      const file = join(dir, 'gamma.yaml');
      writeFileSync(file, podYaml('gamma', busybox('main', EXITS_ON_TERM), { grace: 2, metadata: `\n  namespace: ${namespace}` }));
      let controller = await startController();
      const applied = await runBerth(['apply', '-f', file, '--wait', '--timeout', '60s'], { env });
      assert.equal(applied.code, 0, `berth apply --wait:\n${applied.stdout}${applied.stderr}\n${controller.log()}`);
      const getPod = async (): Promise<PodObject> => JSON.parse((await runBerth(['get', 'pod', 'gamma', '-n', namespace, '-o', 'json'], { env })).stdout) as PodObject;
      const uid = (await getPod()).metadata.uid;
      const mainsOf = async () => (await engine.listContainers({ all: true, labels: { [LABELS.podUid]: uid } })).filter((c) => c.labels[LABELS.containerName] === 'main');

      // The state a SIGKILL between the engine's create and start leaves: main exists, never started.
      await controller.stop('SIGKILL');
      const [running] = await mainsOf();
      const raw = (await engine.inspectContainer(running!.id)).raw as unknown as { Name: string; Config: { Image: string; Cmd: string[]; Env: string[]; Labels: Record<string, string> }; HostConfig: { NetworkMode: string } };
      await engine.removeContainer(running!.id, { force: true });
      const { Image, Cmd, Env, Labels } = raw.Config;
      await engine.docker.createContainer({ name: raw.Name.replace(/^\//, ''), Image, Cmd, Env, Labels, HostConfig: { NetworkMode: raw.HostConfig.NetworkMode } });
      assert.deepEqual((await mainsOf()).map((c) => c.state), ['created']);

      controller = await startController();
      let main: { restartCount: number; state: { running?: unknown } } | undefined;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !main?.state.running) {
        await delay(300);
        main = ((await getPod()).status as PodStatus).containerStatuses?.find((c) => c.name === 'main');
      }
      assert.ok(main?.state.running, `gamma/main did not run again:\n${JSON.stringify(main)}\n${controller.log()}`);
      assert.equal(main.restartCount, 0, 'a container that never ran is no restart');
      await delay(1000); // time for a duplicate to appear
      const mains = await mainsOf();
      assert.deepEqual(mains.map((c) => [c.state, c.labels[LABELS.restartCount]]), [['running', '0']], 'one main, in place of the one never started');
    });

    test('a preStop cut by the controller dying is closed as interrupted and run again; one it had finished is not', async (t) => {
      const { dir, namespace, env, startController } = await controllerHarnessFor(t, kind, 'berth-reconcile-prestop', []);
      const file = join(dir, 'stopping.yaml');
      const preStop = (command: string) => `
    lifecycle:
      preStop: {exec: {command: [sh, -c, ${JSON.stringify(command)}]}}`;
      const metadata = `\n  namespace: ${namespace}`;
      writeFileSync(
        file,
        [
          // Still in its preStop when the controller dies…
          podYaml('cut', busybox('main', EXITS_ON_TERM, preStop('sleep 6')), { metadata }),
          // …and past it: signalled, but taking its time to exit.
          podYaml('past', busybox('main', "trap 'sleep 6; exit 0' TERM; while true; do sleep 1 & wait $!; done", preStop('true')), { metadata }),
        ].join('---\n'),
      );
      const controller = await startController();
      const applied = await runBerth(['apply', '-f', file, '--wait', '--timeout', '60s'], { env });
      assert.equal(applied.code, 0, `berth apply --wait:\n${applied.stdout}${applied.stderr}\n${controller.log()}`);
      const uidOf = async (name: string) => (JSON.parse((await runBerth(['get', 'pod', name, '-n', namespace, '-o', 'json'], { env })).stdout) as PodObject).metadata.uid;
      const uids = { cut: await uidOf('cut'), past: await uidOf('past') };
      const preStops = async (name: string): Promise<HookRun[]> => {
        const shown = await runBerth(['hooks', name, '-n', namespace, '-o', 'json'], { env });
        return shown.code === 0 ? (JSON.parse(shown.stdout) as HookRun[]).filter((r) => r.hook === 'PreStop') : [];
      };

      const deleted = await runBerth(['delete', 'pod', 'cut', 'past', '-n', namespace], { env });
      assert.equal(deleted.code, 0, deleted.stderr);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [cut, past] = await Promise.all([preStops('cut'), preStops('past')]);
        if (cut.some((r) => r.finishedAt === null) && past.some((r) => r.finishedAt !== null)) break;
        if (Date.now() > deadline) assert.fail(`preStops never stood as wanted: ${JSON.stringify({ cut, past })}\n${controller.log()}`);
        await delay(100);
      }
      await delay(300); // past's stop signal follows its preStop at once
      await controller.stop('SIGKILL');
      await startController(); // the harness stops it
      const gone = await runBerth(['delete', 'pod', 'cut', 'past', '-n', namespace, '--wait', '--timeout', '60s'], { env });
      assert.doesNotMatch(gone.stderr, /still terminating/, `${gone.stdout}${gone.stderr}`);

      // The pods are gone; Berth keeps their hook runs.
      const store = Store.open(join(dir, 'berth.db'));
      const runs = { cut: store.listHookRuns(uids.cut), past: store.listHookRuns(uids.past) };
      store.close();
      const shown = JSON.stringify(runs, null, 2);
      assert.deepEqual(runs.cut.map((r) => [r.attempt, r.finishedAt !== null, r.error?.split(':')[0] ?? null]), [[1, true, 'interrupted'], [2, true, null]], `cut: closed as interrupted, then delivered again:\n${shown}`);
      assert.deepEqual(runs.past.map((r) => [r.attempt, r.error]), [[1, null]], `past: its preStop ran once, before the crash:\n${shown}`);
    });
  });
}
