// Real kubectl against a real `berth serve` on each engine: apply of a multi-document file,
// get (table, wide, json, yaml, jsonpath, selectors, -w through a pod's life), wait, describe
// with a failed hook's event, kubectl events, delete --grace-period timed against the grace rules, and errors
// (NotFound, Invalid, AlreadyExists, Pod Security) as kubectl prints them for a cluster.
// OpenAPI is not served yet, so apply and create run with --validate=false (what kubectl needs
// OpenAPI for is its own client-side validation).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { startController, type Controller } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { assertKubectlInstalled, kubectl, kubectlPath } from '../support/kubectl';
import { makeTempDir } from '../support/temp';

const BUSYBOX = 'local/busybox:1';

const APP = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, labels: {app: web}}
data: {mode: fast}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: main
    image: ${BUSYBOX}
    command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
`;

const HOOKED = `apiVersion: v1
kind: Pod
metadata: {name: hooked}
spec:
  containers:
  - name: main
    image: ${BUSYBOX}
    command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
    lifecycle:
      postStart:
        exec: {command: [sh, -c, 'echo no config >&2; exit 7']}
`;

/** Ignores SIGTERM: only the grace period's end (SIGKILL) stops it. */
const STUBBORN = `apiVersion: v1
kind: Pod
metadata: {name: stubborn}
spec:
  terminationGracePeriodSeconds: 30
  containers:
  - name: main
    image: ${BUSYBOX}
    command: [sh, -c, 'trap "" TERM; while true; do sleep 1; done']
`;

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: {name: priv}
spec:
  containers:
  - name: main
    image: ${BUSYBOX}
    securityContext: {privileged: true}
`;

const NO_IMAGE = `apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers:
  - name: main
`;

/** The rows of kubectl's table under its header, split on runs of spaces. */
const rows = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));

for (const engine of testEngineKinds()) {
  describe(`kubectl against berth serve on ${engine}: objects`, () => {
    const dir = makeTempDir('berth-kubectl-objects-');
    const dataDir = join(dir.path, 'data');
    const home = join(dir.path, 'home');
    const files = join(dir.path, 'files');
    const kubeconfig = join(dataDir, 'kubeconfig');
    const env = {
      BERTH_DATA_DIR: dataDir,
      BERTH_ENGINE: engine,
      DOCKER_HOST: `unix://${ENGINE_SOCKETS[engine]}`,
      BERTH_SANDBOX_IMAGE: PAUSE_IMAGE,
      BERTH_API_PORT: '0',
    };
    let controller: Controller;
    const k = (...args: string[]) => kubectl('1.33', home, ['--kubeconfig', kubeconfig, ...args]);
    const file = (name: string, text: string) => {
      const path = join(files, name);
      writeFileSync(path, text);
      return path;
    };

    before(async () => {
      assertKubectlInstalled(['1.33']);
      mkdirSync(home, { recursive: true });
      mkdirSync(files, { recursive: true });
      controller = await startController(env, 60_000, 'built');
      await controller.waitForLog(/Kubernetes API on https:/);
    });
    after(async () => {
      if (controller && !controller.exited()) {
        await k('delete', 'pod', '--all', '--grace-period=0', '--wait=false').catch(() => undefined);
        await controller.stop('SIGTERM');
      }
      dir.remove();
    });

    test('apply a multi-document file, wait for Ready, then get as a table, wide, json, yaml and jsonpath', async () => {
      const applied = await k('apply', '--validate=false', '-f', file('app.yaml', APP));
      assert.equal(applied.code, 0, applied.stderr);
      assert.equal(applied.stdout, 'configmap/settings created\npod/web created\n');
      const waited = await k('wait', '--for=condition=Ready', 'pod/web', '--timeout=60s');
      assert.equal(waited.code, 0, waited.stderr);
      assert.equal(waited.stdout, 'pod/web condition met\n');

      const table = await k('get', 'pods');
      assert.equal(table.code, 0, table.stderr);
      const [header, row] = rows(table.stdout);
      assert.deepEqual(header, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      assert.deepEqual(row!.slice(0, 4), ['web', '1/1', 'Running', '0']);
      assert.match(row![4]!, /^\d+s$/);

      const wide = await k('get', 'pods', '-o', 'wide');
      const [wideHeader, wideRow] = rows(wide.stdout);
      assert.deepEqual(wideHeader, ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
      assert.match(wideRow![5]!, /^\d+\.\d+\.\d+\.\d+$/);
      assert.deepEqual(wideRow!.slice(7), ['<none>', '<none>']);

      const json = JSON.parse((await k('get', 'pod', 'web', '-o', 'json')).stdout);
      assert.equal(json.kind, 'Pod');
      assert.equal(json.status.phase, 'Running');
      assert.match(json.metadata.resourceVersion, /^\d+$/);
      assert.ok(json.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], 'client-side apply keeps its annotation');
      const yaml = parse((await k('get', 'configmap', 'settings', '-o', 'yaml')).stdout);
      assert.deepEqual([yaml.kind, yaml.data], ['ConfigMap', { mode: 'fast' }]);
      const path = await k('get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}:{.items[0].spec.containers[0].image}');
      assert.equal(path.stdout, `web:${BUSYBOX}`);
    });

    test('label and field selectors select as on a cluster; an unsupported field label is refused with its message', async () => {
      assert.equal((await k('get', 'pods,configmaps', '-l', 'app=web', '-o', 'name')).stdout, 'pod/web\nconfigmap/settings\n');
      const none = await k('get', 'pods', '-l', 'app in (db)');
      assert.equal([none.code, none.stdout, none.stderr].join('|'), '0||No resources found in default namespace.\n');
      assert.equal((await k('get', 'pods', '-A', '--field-selector', 'status.phase=Running', '-o', 'name')).stdout, 'pod/web\n');
      const unsupported = await k('get', 'pods', '--field-selector', 'status.hostIP=1');
      assert.equal(unsupported.code, 1);
      assert.match(unsupported.stderr, /^Error from server \(BadRequest\): .*field label not supported: status\.hostIP\n$/);
    });

    test('describe pod: the failed postStart hook as the kubelet reports it', async () => {
      assert.equal((await k('apply', '--validate=false', '-f', file('hooked.yaml', HOOKED))).code, 0);
      let described = '';
      for (let i = 0; i < 100 && !/FailedPostStartHook/.test(described); i++) {
        described = (await k('describe', 'pod', 'hooked')).stdout;
        if (!/FailedPostStartHook/.test(described)) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.match(described, /^Name:\s+hooked$/m);
      assert.match(described, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
      assert.match(described, /Warning\s+FailedPostStartHook\s+\S+\s+kubelet\s+Exec lifecycle hook \(\[sh -c echo no config >&2; exit 7\]\) for Container "main" in Pod "hooked_default\(/);
      assert.match(described, /exited with 7: no config/);
      const events = await k('events', '--for', 'pod/hooked');
      assert.equal(events.code, 0, events.stderr);
      assert.deepEqual(rows(events.stdout)[0], ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      assert.match(events.stdout, /\n\S+\s+Warning\s+FailedPostStartHook\s+Pod\/hooked\s+Exec lifecycle hook/);
    });

    test('get -w --output-watch-events: ADDED, MODIFIED to Running, MODIFIED Terminating, DELETED', async () => {
      const watcher = spawn(kubectlPath('1.33'), ['--kubeconfig', kubeconfig, 'get', 'pods', '-l', 'app=watched', '-w', '--output-watch-events', '-v=6'], {
        env: { PATH: process.env.PATH, HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let seen = '';
      watcher.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      watcher.stderr.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      const until = async (pattern: RegExp) => {
        for (let i = 0; i < 300 && !pattern.test(seen); i++) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.match(seen, pattern);
      };
      try {
        // The list comes first (empty, so nothing is printed), then the watch from its
        // resourceVersion: -v=6 logs the watch request once its answer has begun.
        await until(/watch=true/);
        const pod = APP.split('---\n')[1]!.replace('name: web, labels: {app: web}', 'name: watched, labels: {app: watched}');
        assert.equal((await k('apply', '--validate=false', '-f', file('watched.yaml', pod))).code, 0);
        await until(/MODIFIED\s+watched\s+1\/1\s+Running/);
        assert.equal((await k('delete', 'pod', 'watched', '--wait=false')).code, 0);
        await until(/DELETED\s+watched/);
      } finally {
        watcher.kill();
      }
      const events = seen
        .split('\n')
        .map((line) => /^(ADDED|MODIFIED|DELETED)\s+watched\s+\S+\s+(\S+)/.exec(line))
        .filter((m) => m !== null)
        .map((m) => `${m[1]} ${m[2]}`);
      assert.equal(events[0]!.split(' ')[0], 'ADDED');
      const running = events.indexOf('MODIFIED Running');
      const terminating = events.findIndex((e) => e.endsWith('Terminating'));
      assert.ok(running > 0 && terminating > running, events.join('\n'));
      assert.equal(events.at(-1)!.split(' ')[0], 'DELETED', events.join('\n'));
    });

    test('delete --grace-period=3 of a pod that ignores SIGTERM: kubectl waits for the SIGKILL at 3 s, then it is gone', async () => {
      assert.equal((await k('apply', '--validate=false', '-f', file('stubborn.yaml', STUBBORN))).code, 0);
      assert.equal((await k('wait', '--for=condition=Ready', 'pod/stubborn', '--timeout=60s')).code, 0);
      const started = Date.now();
      const deleted = await k('delete', 'pod', 'stubborn', '--grace-period=3');
      const took = Date.now() - started;
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.equal(deleted.stdout, 'pod "stubborn" deleted\n');
      assert.ok(took >= 3000, `kubectl returned after ${took} ms, before the 3 s grace period ended`);
      assert.ok(took < 3000 + 15_000, `kubectl took ${took} ms for a 3 s grace period`);
      const gone = await k('get', 'pod', 'stubborn');
      assert.equal(gone.stderr, 'Error from server (NotFound): pods "stubborn" not found\n');
    });

    test('errors as kubectl prints them for a cluster: NotFound, Invalid, AlreadyExists, Pod Security', async () => {
      const missing = await k('get', 'pod', 'nope');
      assert.equal([missing.code, missing.stderr].join('|'), '1|Error from server (NotFound): pods "nope" not found\n');
      const invalid = await k('create', '--validate=false', '-f', file('bad.yaml', NO_IMAGE));
      assert.equal([invalid.code, invalid.stderr].join('|'), '1|The Pod "bad" is invalid: spec.containers[0].image: Required value\n');
      const again = await k('create', '--validate=false', '-f', join(files, 'app.yaml'));
      assert.equal(again.code, 1);
      assert.match(again.stderr, /Error from server \(AlreadyExists\): error when creating ".*app\.yaml": configmaps "settings" already exists\n/);
      const privileged = await k('apply', '--validate=false', '-f', file('priv.yaml', PRIVILEGED));
      assert.equal(privileged.code, 1);
      assert.match(
        privileged.stderr,
        /^Error from server \(Forbidden\): error when creating ".*priv\.yaml": pods "priv" is forbidden: violates PodSecurity "baseline:latest": privileged \(container "main" must not set securityContext\.privileged=true\)\n$/,
      );
    });
  });
}
