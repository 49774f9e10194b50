// For the engine tests that run the real controller (`berth serve`) as a child process and talk
// to it through the real CLI: a data dir, a namespace of its own and the environment for both on
// one engine. Cleanup deletes the test's pods through the CLI (starting a controller when none
// runs), stops the controller, and fails on anything left on the engine — removing it all the same.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { instanceIdFor } from '../../src-main/api/pod-host';
import type { DockerodeEngine as Engine } from '../../src-main/engine/dockerode/adapter';
import type { EngineKind } from '../../src-main/engine/endpoint';
import { runBerth, startController, type Controller } from './cli';
import { connectTestEngine, ENGINE_SOCKETS, PAUSE_IMAGE } from './engines';
import { removeLeftovers } from './pod-harness';
import { makeTempDir } from './temp';

export interface ControllerHarness {
  /** A connection of the test's own to the engine, for what a user would check there. */
  readonly engine: Engine;
  /** The data dir (files the test writes can go there too). */
  readonly dir: string;
  readonly namespace: string;
  /** The environment for `berth` commands and `berth serve`. */
  readonly env: NodeJS.ProcessEnv;
  /** Starts `berth serve` on the data dir; resolves once it serves. */
  startController(): Promise<Controller>;
}

/** Sets up for one test; when the test ends, deletes `pods` and checks the engine is clean. */
export async function controllerHarnessFor(
  t: { after: (fn: () => Promise<void>) => void },
  kind: EngineKind,
  prefix: string,
  pods: string[],
): Promise<ControllerHarness> {
  const engine = await connectTestEngine(kind);
  const temp = makeTempDir(`${prefix}-${kind}-`);
  const namespace = `t-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    BERTH_DATA_DIR: temp.path,
    BERTH_ENGINE: kind,
    DOCKER_HOST: `unix://${ENGINE_SOCKETS[kind]}`,
    BERTH_SANDBOX_IMAGE: PAUSE_IMAGE,
  };
  const instance = instanceIdFor(temp.path);
  let controller: Controller | undefined;

  t.after(async () => {
    // Pods go through the CLI (with a controller, or an in-process one when none runs)…
    if (!controller || controller.exited()) controller = await startController(env);
    // (A test that deleted its pods itself names none.)
    const deleted = pods.length
      ? await runBerth(['delete', 'pod', ...pods, '-n', namespace, '--grace-period', '0', '--wait', '--timeout', '60s'], { env })
      : { code: 0, stdout: '', stderr: '' };
    await controller.stop('SIGTERM');
    // …and whatever is still on the engine is a failure, removed all the same.
    const { left, networkError } = await removeLeftovers(engine, instance, namespace);
    if (networkError) throw networkError;
    temp.remove();
    assert.equal(deleted.code, 0, `berth delete:\n${deleted.stdout}${deleted.stderr}`);
    assert.deepEqual(left.map((c) => c.name), [], 'containers left on the engine after delete');
  });

  return {
    engine,
    dir: temp.path,
    namespace,
    env,
    async startController() {
      controller = await startController(env);
      return controller;
    },
  };
}
