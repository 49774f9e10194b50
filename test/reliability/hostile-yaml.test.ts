// Hostile YAML (issue #7, reliability suite). The importer under fuzz, many more runs than the
// unit properties: mutated examples and pods with random security settings never throw, every
// problem points into the file, and the Pod Security verdict names what a plain reading finds.
// Then privileged pods through the real `berth` command, without and with a controller: refused
// without --allow-privileged (each violation named with file:line:col, nothing stored, no event),
// applied with it (and its history says so). No engine needed.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { openCore } from '../../src-main/api/core';
import { runBerth, startController, type CliRun } from '../support/cli';
import { aliasBomb, podSecurityProperty, structuralMutationProperty, textMutationProperty } from '../support/manifest-fuzz';
import { aliasAmplifier, longFlowSequence, minifiedJsonList } from '../support/hostile-manifests';
import { makeTempDir } from '../support/temp';

/** Runs per property; BERTH_FUZZ_RUNS scales them (e.g. 5 for a long soak). */
const SCALE = Number(process.env.BERTH_FUZZ_RUNS ?? 1);

describe('the importer under fuzz', () => {
  test('25 000 text mutations of the examples', () => {
    fc.assert(textMutationProperty(), { numRuns: 25_000 * SCALE });
  });

  test('25 000 structural mutations of the examples', () => {
    fc.assert(structuralMutationProperty(), { numRuns: 25_000 * SCALE });
  });

  test('10 000 pods with random security settings', () => {
    fc.assert(podSecurityProperty(), { numRuns: 10_000 * SCALE });
  });
});

/** A pod `name` whose one container (`shell`, busybox) gets `container` and whose spec gets `spec` (YAML lines). */
const pod = (name: string, container: string, spec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: shell
    image: busybox:1.36
    command: ["sleep", "3600"]${container}${spec}
`;
const privilegedPod = (name: string, extra = '') => pod(name, `\n    securityContext:\n      privileged: true${extra}`);
const rootMountPod = (name: string) =>
  pod(name, '\n    volumeMounts:\n    - {name: host-root, mountPath: /host}', '\n  volumes:\n  - name: host-root\n    hostPath:\n      path: /');

/** One file: a Secret the pods would use, a pod within baseline, and one pod per kind of host access. */
const mixedFile = [
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  token: hunter2\n',
  pod('tidy', ''),
  privilegedPod('privileged'),
  rootMountPod('root-mount'),
  pod('host-net', '', '\n  hostNetwork: true\n  hostPID: true'),
  pod('caps', '\n    securityContext:\n      capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}\n      seccompProfile: {type: Unconfined}'),
].join('---\n');
const HOSTILE_PODS = ['privileged', 'root-mount', 'host-net', 'caps'];

describe('privileged pods through the real berth command', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  const berth = (...args: string[]) => runBerth(args, { env });

  before(() => {
    dir = makeTempDir('berth-hostile-yaml-');
    env = { BERTH_DATA_DIR: join(dir.path, 'data'), DOCKER_HOST: 'unix:///nonexistent/hostile-yaml.sock', BERTH_ENGINE: 'docker' };
  });
  after(() => dir.remove());

  /** What is stored, read straight from the data folder (no controller runs between commands). */
  async function stored(): Promise<{ pods: string[]; secrets: string[]; events: string[] }> {
    const core = await openCore({ dataDir: env.BERTH_DATA_DIR!, engine: 'docker', env });
    try {
      return {
        pods: (await core.api.listPods({})).map((p) => p.name).sort(),
        secrets: core.store.listObjects('Secret').map((o) => o.name),
        events: (await core.api.listEvents({})).map((e) => `${e.involvedObject.name} ${e.reason}`).sort(),
      };
    } finally {
      await core.close();
    }
  }

  function assertRefused(run: CliRun, path: string, pods: string[]): void {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    // Every violation on its own line, at its field: `FILE:LINE:COL: spec.…: violates PodSecurity …`.
    const positioned = lines.filter((l) => !l.startsWith('Error: ') && l.includes(': violates PodSecurity "baseline:latest": '));
    assert.ok(positioned.length >= pods.length, run.stderr);
    for (const line of positioned) {
      assert.ok(line.startsWith(`${path}:`), line);
      assert.match(line.slice(path.length), /^:\d+:\d+: (spec|metadata)\.\S+: violates/);
    }
    const refusal = lines.find((l) => l.startsWith('Error: '));
    for (const pod of pods) assert.match(refusal ?? '', new RegExp(`pods "${pod}" is forbidden: violates PodSecurity "baseline:latest": `));
    assert.equal(lines.at(-1), `${path}: nothing applied; if you trust this file with your machine, apply it with --allow-privileged`);
  }

  test('a privileged pod and a hostPath of / are refused, each violation named, nothing stored', async () => {
    const privileged = file('privileged.yaml', privilegedPod('shell'));
    const run = await berth('apply', '-f', privileged);
    assertRefused(run, privileged, ['shell']);
    assert.match(run.stderr, /privileged\.yaml:11:19: spec\.containers\[0\]\.securityContext\.privileged: violates PodSecurity "baseline:latest": privileged \(container "shell" must not set securityContext\.privileged=true\)/);

    const root = file('root.yaml', rootMountPod('rooted'));
    const rooted = await berth('apply', '-f', root);
    assertRefused(rooted, root, ['rooted']);
    assert.match(rooted.stderr, /root\.yaml:15:13: spec\.volumes\[0\]\.hostPath\.path: violates PodSecurity "baseline:latest": hostPath volumes \(volume "host-root" mounts the host's root filesystem, "\/"\)/);

    assert.deepEqual(await stored(), { pods: [], secrets: [], events: [] });
  });

  test('a file mixing a Secret, a pod within baseline and four hostile pods: all refused together, then all applied with --allow-privileged', async () => {
    const mixed = file('mixed.yaml', mixedFile);
    const validate = await berth('validate', '-f', mixed);
    assert.equal(validate.code, 0, validate.stderr);
    for (const pod of HOSTILE_PODS) assert.match(validate.stderr, new RegExp(`^pod/${pod} violates PodSecurity "baseline:latest": .*; berth apply needs --allow-privileged to import it$`, 'm'));
    assert.doesNotMatch(validate.stderr, /pod\/tidy/);

    const refused = await berth('apply', '-f', mixed);
    assertRefused(refused, mixed, HOSTILE_PODS);
    assert.deepEqual(await stored(), { pods: [], secrets: [], events: [] }, 'all or nothing: not even the Secret or the tidy pod');

    const applied = await berth('apply', '--allow-privileged', '-f', mixed);
    assert.equal(applied.code, 0, applied.stderr);
    assert.deepEqual(applied.stdout.trimEnd().split('\n').sort(), [
      'pod/caps created',
      'pod/host-net created',
      'pod/privileged created',
      'pod/root-mount created',
      'pod/tidy created',
      'secret/creds created',
    ]);
    const after = await stored();
    assert.deepEqual(after.pods, ['caps', 'host-net', 'privileged', 'root-mount', 'tidy']);
    assert.deepEqual(
      after.events.filter((e) => e.endsWith('PodSecurityViolation')),
      HOSTILE_PODS.map((p) => `${p} PodSecurityViolation`).sort(),
      'each admitted pod keeps a Warning event; the tidy one none',
    );
    const events = await berth('events', '--pod', 'root-mount');
    assert.match(events.stdout, /Warning\s+PodSecurityViolation\s+pod\/root-mount\s+Admitted on explicit confirmation \(allow privileged\), although it violates PodSecurity "baseline:latest": hostPath volumes \(volume "host-root"\)/);
  });

  test('through a running controller: the refusal and its positions cross the socket; --allow-privileged applies', async () => {
    const controller = await startController(env, 20_000);
    try {
      const path = file('served.yaml', privilegedPod('served', '\n      capabilities: {add: [NET_RAW]}'));
      const refused = await berth('apply', '-f', path);
      assertRefused(refused, path, ['served']);
      assert.match(
        refused.stderr,
        /served\.yaml:12:28: spec\.containers\[0\]\.securityContext\.capabilities\.add\[0\]: violates PodSecurity "baseline:latest": non-default capabilities \(container "shell" must not include "NET_RAW" in securityContext\.capabilities\.add\)/,
      );
      const got = await berth('get', 'pods', 'served');
      assert.equal(got.code, 1, 'nothing stored');
      assert.match(got.stderr, /not found/);

      const stdin = await runBerth(['apply', '--allow-privileged', '-f', '-'], { env, input: privilegedPod('served') });
      assert.equal(stdin.code, 0, stdin.stderr);
      assert.equal(stdin.stdout, 'pod/served created\n');
      assert.match(stdin.stderr, /^<stdin>:11:19: warning: spec\.containers\[0\]\.securityContext\.privileged: violates PodSecurity/m);
    } finally {
      await controller.stop('SIGTERM');
    }
  });

  test('hostile files through the CLI: an alias bomb and a 10 MB file are refused quickly, naming the file', async () => {
    const bomb = file('bomb.yaml', aliasBomb());
    const started = Date.now();
    const bombed = await berth('apply', '--allow-privileged', '-f', bomb);
    assert.equal(bombed.code, 1);
    assert.match(bombed.stderr, /bomb\.yaml:\d+:\d+: YAML aliases expand to more than 10000 nodes \(an alias bomb\?\); refusing the document/);
    const huge = file('huge.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {x: "${'a'.repeat(10 * 1024 * 1024)}"}\n`);
    const tooBig = await berth('apply', '-f', huge);
    assert.equal(tooBig.code, 1);
    assert.match(tooBig.stderr, /huge\.yaml:1:1: file is too large \(\d+ bytes\): manifests are limited to \d+ bytes \(4 MiB\)/);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  });

  test('hostile files within the size limit, through the built CLI and its import worker: bounded, naming file and line', async () => {
    const started = Date.now();
    const amplified = file('amplified.yaml', aliasAmplifier());
    const refused = await berth('validate', '-f', amplified);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /amplified\.yaml:24:7: YAML aliases expand to more than \d+ bytes of text \(4 times the file, at least 65536\); refusing the document/);
    const flow = file('flow.yaml', longFlowSequence());
    const tooMany = await berth('apply', '-f', flow);
    assert.equal(tooMany.code, 1, tooMany.stderr);
    assert.match(tooMany.stderr, /flow\.yaml:5:\d+: too many YAML values \(more than 150000\); refusing to parse the file/);
    const pods = file('pods.json', minifiedJsonList());
    const valid = await berth('validate', '-f', pods);
    assert.equal(valid.code, 0, valid.stderr);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
  });
});
