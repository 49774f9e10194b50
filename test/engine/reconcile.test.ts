// The controller (`berth serve`, the real CLI as a child process) dies with SIGKILL while its
// pods run on; one app container exits while it is away. A new controller on the same data dir
// adopts what it finds on the engine by label: no duplicated containers, the exit is recorded
// (restartCount 1, lastState terminated) and the restart policy applied.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { PodObject } from '../../src-main/api/results';
import { LABELS } from '../../src-main/engine/labels';
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
  });
}
