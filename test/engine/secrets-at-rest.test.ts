// A registry password given in a Secret must appear nowhere Berth writes: not in the database
// files, not in the controller's log, not in any event message — also when pulls fail with it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runBerth, startController, type Controller } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, TEST_REGISTRY, testEngineKinds } from '../support/engines';
import { makeTempDir } from '../support/temp';

const password = TEST_REGISTRY.password;
const wrongPassword = 'wr0ng-Passw0rd-7731';

function dockerConfigJson(user: string, pass: string): string {
  const auth = Buffer.from(`${user}:${pass}`).toString('base64');
  return Buffer.from(JSON.stringify({ auths: { [TEST_REGISTRY.address]: { username: user, password: pass, auth } } })).toString('base64');
}

/** Every form a password could leak in: clear, base64 of itself, base64 of user:pass. */
function leakForms(user: string, pass: string): string[] {
  return [pass, Buffer.from(pass).toString('base64'), Buffer.from(`${user}:${pass}`).toString('base64')];
}

for (const engine of testEngineKinds()) {
  describe(`secrets at rest on ${engine}`, () => {
    const dir = makeTempDir();
    const dataDir = join(dir.path, 'data');
    const env = { BERTH_DATA_DIR: dataDir, BERTH_ENGINE: engine, DOCKER_HOST: `unix://${ENGINE_SOCKETS[engine]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
    const namespace = `sec-${engine}-${process.pid}`;
    let server: Controller;

    before(async () => {
      server = await startController(env, 15_000);
    });

    after(async () => {
      await runBerth(['delete', 'pod', 'good', 'bad', '-n', namespace, '--grace-period', '1', '--wait'], { env });
      await server.stop('SIGTERM');
      dir.remove();
    });

    test('a pull with the right Secret runs, one with a wrong password fails — and neither password is written anywhere', async () => {
      const pod = (name: string, secret: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  imagePullSecrets: [{name: ${secret}}]
  terminationGracePeriodSeconds: 1
  containers:
  - {name: main, image: "${TEST_REGISTRY.privateImage}", imagePullPolicy: Always, command: [sleep, "3600"]}
`;
      const secret = (name: string, pass: string) => `apiVersion: v1
kind: Secret
metadata: {name: ${name}, namespace: ${namespace}}
type: kubernetes.io/dockerconfigjson
data: {.dockerconfigjson: ${dockerConfigJson(TEST_REGISTRY.username, pass)}}
`;
      const file = join(dir.path, 'pods.yaml');
      writeFileSync(file, [secret('right', password), secret('wrong', wrongPassword), pod('good', 'right'), pod('bad', 'wrong')].join('---\n'));
      const applied = await runBerth(['apply', '-f', file], { env });
      assert.equal(applied.code, 0, applied.stderr);

      // Wait until the good pod runs and the bad one has failed to pull at least once.
      let events: { reason: string; message: string; involvedObject: { name: string } }[] = [];
      for (let i = 0; i < 120; i++) {
        events = JSON.parse((await runBerth(['events', '-n', namespace, '-o', 'json'], { env })).stdout).items;
        const started = events.some((e) => e.involvedObject.name === 'good' && e.reason === 'Started');
        const failed = events.some((e) => e.involvedObject.name === 'bad' && e.reason === 'Failed' && /Failed to pull image/.test(e.message));
        if (started && failed) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const failure = events.find((e) => e.involvedObject.name === 'bad' && /Failed to pull image/.test(e.message));
      assert.ok(failure, 'the pull with the wrong password failed and said so');
      assert.match(failure.message, /unauthorized|authentication required/i);
      assert.ok(events.some((e) => e.involvedObject.name === 'good' && e.reason === 'Started'), 'the pull with the right password worked');

      const forms = [...leakForms(TEST_REGISTRY.username, password), ...leakForms(TEST_REGISTRY.username, wrongPassword)];
      const allEventText = JSON.stringify(events);
      const databaseFiles = readdirSync(dataDir).filter((f) => f.startsWith('berth.db'));
      assert.ok(databaseFiles.length > 0);
      for (const form of forms) {
        assert.equal(allEventText.includes(form), false, `an event message holds ${form}`);
        assert.equal(server.log().includes(form), false, `the controller's log holds ${form}`);
        for (const f of databaseFiles) assert.equal(readFileSync(join(dataDir, f)).includes(form), false, `${f} holds ${form}`);
      }
      const described = await runBerth(['describe', 'pod', 'bad', '-n', namespace], { env });
      for (const form of forms) assert.equal(described.stdout.includes(form), false, `describe shows ${form}`);
    });
  });
}
