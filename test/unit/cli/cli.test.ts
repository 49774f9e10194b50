import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { socketPathFor } from '../../../src-main/api/data-dir';
import { runBerth, startController } from '../../support/cli';
import { makeTempDir } from '../../support/temp';

const validPod = `apiVersion: v1
kind: Pod
metadata:
  name: demo
spec:
  containers:
  - name: main
    image: local/busybox:1
    ports:
    - name: http
      containerPort: 8080
    lifecycle:
      postStart:
        httpGet:
          port: web
`;

describe('berth CLI', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;

  before(() => {
    dir = makeTempDir();
    env = { BERTH_DATA_DIR: join(dir.path, 'data'), DOCKER_HOST: 'unix:///nonexistent/cli-docker.sock', BERTH_ENGINE: 'docker' };
  });
  after(() => dir.remove());

  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };

  test('validate reports each error with file:line:column and field path, exit 1', async () => {
    const path = file('pod.yaml', validPod);
    const run = await runBerth(['validate', '-f', path], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`${path}:15:17: spec\\.containers\\[0\\]\\.lifecycle\\.postStart\\.httpGet\\.port: .*"web"`));
    assert.equal(run.stdout, '');
  });

  test('validate accepts a good file from stdin', async () => {
    const run = await runBerth(['validate', '-f', '-'], { env, input: validPod.replace('port: web', 'port: http') });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /<stdin>: valid \(pod\/demo\)/);
  });

  test('apply stores the pod; get pods and events show it as kubectl would', async () => {
    const path = file('good.yaml', validPod.replace('port: web', 'port: http'));
    const applied = await runBerth(['apply', '-f', path], { env });
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout, 'pod/demo created\n');

    const again = await runBerth(['apply', '-f', path], { env });
    assert.equal(again.stdout, 'pod/demo unchanged\n');

    const table = await runBerth(['get', 'pods'], { env });
    assert.equal(table.code, 0, table.stderr);
    const [header, row] = table.stdout.trimEnd().split('\n');
    assert.match(header!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.match(row!, /^demo\s+0\/1\s+Pending\s+0\s+\d+s$/);

    const json = JSON.parse((await runBerth(['get', 'pod', 'demo', '-o', 'json'], { env })).stdout);
    assert.equal(json.kind, 'Pod');
    assert.equal(json.spec.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(json.spec.containers[0].lifecycle.postStart.httpGet.scheme, 'HTTP');

    const list = JSON.parse((await runBerth(['get', 'pods', '-o', 'json'], { env })).stdout);
    assert.equal(list.kind, 'List');
    assert.equal(list.items[0].metadata.name, 'demo');

    const events = await runBerth(['events', '--pod', 'demo'], { env });
    assert.match(events.stdout, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    assert.match(events.stdout, /Normal\s+Scheduled\s+pod\/demo\s+Successfully assigned default\/demo to /);
  });

  test('a bad apply changes nothing and says why', async () => {
    const path = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Not_A_Name\nspec:\n  containers: []\n');
    const run = await runBerth(['apply', '-f', path], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /bad\.yaml:4:9: metadata\.name: /);
    assert.match(run.stderr, /nothing applied/);
    const pods = await runBerth(['get', 'pods', '-o', 'json'], { env });
    assert.deepEqual(JSON.parse(pods.stdout).items.map((p: { metadata: { name: string } }) => p.metadata.name), ['demo']);
  });

  test('usage errors exit 2 and point to --help', async () => {
    const unknown = await runBerth(['frobnicate'], { env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const wrongFlag = await runBerth(['get', 'pods', '-f', 'x.yaml'], { env });
    assert.equal(wrongFlag.code, 2);
    assert.match(wrongFlag.stderr, /does not take --filename/);
    const format = await runBerth(['get', 'pods', '-o', 'xml'], { env });
    assert.match(format.stderr, /allowed formats are: wide, json, yaml/);
  });

  test('engine explains an unreachable engine and how to fix it', async () => {
    const run = await runBerth(['engine'], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No container engine reachable \(docker\)/);
    assert.match(run.stderr, /cli-docker\.sock/);
  });

  test('with `berth serve` running, commands go through its socket', async () => {
    const serveEnv = { ...env, DOCKER_HOST: 'unix:///nonexistent/served-docker.sock' };
    const server = await startController(serveEnv, 10_000);
    try {
      assert.ok(existsSync(socketPathFor(env.BERTH_DATA_DIR!)));
      // The engine status comes from the server's environment, not the CLI's: proof it answered.
      const status = JSON.parse((await runBerth(['engine', '-o', 'json'], { env })).stdout);
      assert.match(status.error, /served-docker\.sock/);
      const pods = await runBerth(['get', 'pods'], { env });
      assert.match(pods.stdout, /^demo\s/m);
    } finally {
      await server.stop('SIGTERM');
    }
    assert.match(server.log(), /SIGTERM, shutting down/);
    assert.equal(existsSync(socketPathFor(env.BERTH_DATA_DIR!)), false);
  });

  test('a second `berth serve` on the same data dir refuses before running anything; the first keeps serving', async () => {
    const serveEnv = { ...env, DOCKER_HOST: 'unix:///nonexistent/served-docker.sock' };
    const first = await startController(serveEnv, 10_000);
    try {
      const second = await runBerth(['serve'], { env: { ...env, DOCKER_HOST: 'unix:///nonexistent/second-docker.sock' } });
      assert.equal(second.code, 1);
      const path = socketPathFor(env.BERTH_DATA_DIR!);
      assert.equal(second.stderr, `Error: another Berth controller is already running on ${path} (the app or \`berth serve\`)\n`);
      assert.equal(first.exited(), false);
      const status = JSON.parse((await runBerth(['engine', '-o', 'json'], { env })).stdout);
      assert.match(status.error, /served-docker\.sock/);
    } finally {
      await first.stop('SIGTERM');
    }
  });
});
