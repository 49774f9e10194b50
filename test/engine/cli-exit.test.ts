// The `berth` command ends when its work is done: a command run against an in-process core exits
// (whatever handles the core left open), and `logs -f` ends with a clear error when the controller
// it follows goes away.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { socketPathFor } from '../../src-main/api/data-dir';
import { berthProcess, runBerth, startController } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { makeTempDir } from '../support/temp';

const engine = 'docker';

describe('the berth command exits', { skip: !testEngineKinds().includes(engine) && 'docker is not under test' }, () => {
  const dir = makeTempDir();
  const dataDir = join(dir.path, 'data');
  const env = { BERTH_DATA_DIR: dataDir, BERTH_ENGINE: engine, DOCKER_HOST: `unix://${ENGINE_SOCKETS[engine]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
  const namespace = `exit-${process.pid}`;

  after(async () => {
    await runBerth(['delete', 'pod', 'logger', '-n', namespace, '--grace-period', '1', '--wait'], { env });
    dir.remove();
  });

  test('a command on an in-process core exits when done', { timeout: 20_000 }, async () => {
    const started = Date.now();
    const run = await runBerth(['delete', 'pod', 'does-not-exist'], { env });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /pods "does-not-exist" not found/);
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });

  test('`logs -f` ends with exit 1 and says so when the controller goes away', { timeout: 60_000 }, async () => {
    const controller = await startController(env, 15_000);
    try {
      const file = join(dir.path, 'logger.yaml');
      writeFileSync(
        file,
        `apiVersion: v1
kind: Pod
metadata: {name: logger, namespace: ${namespace}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: local/busybox:1
    command: [sh, -c, 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.2; done']
`,
      );
      const applied = await runBerth(['apply', '-f', file, '--wait', '--timeout', '30s'], { env });
      assert.equal(applied.code, 0, applied.stderr);

      const follow = berthProcess(['logs', 'logger', '-n', namespace, '-f'], env);
      follow.stdin!.end();
      let stdout = '';
      let stderr = '';
      follow.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      follow.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => follow.once('close', (code) => resolve(code)));
      for (let i = 0; i < 100 && !/line \d+/.test(stdout); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(stdout, /line \d+/, `logs -f printed nothing; stderr: ${stderr}`);

      controller.kill('SIGKILL');
      await controller.stopped;
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
      if (code === 'hung') follow.kill('SIGKILL');
      assert.equal(code, 1, `stderr: ${stderr}`);
      assert.match(stderr, new RegExp(`Error: the Berth controller at ${socketPathFor(dataDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} went away`));
      assert.doesNotMatch(stderr, /unsettled top-level await/);
    } finally {
      if (!controller.exited()) await controller.stop('SIGTERM');
    }
  });
});
