// `berth` and Pod Security, as a user runs it (no engine, no controller): validate warns, apply
// refuses a privileged pod naming each violation and the way out, --allow-privileged applies it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runBerth } from '../../support/cli';
import { makeTempDir } from '../../support/temp';

const rootPod = `apiVersion: v1
kind: Pod
metadata:
  name: rooted
spec:
  hostPID: true
  containers:
  - name: shell
    image: busybox:1.36
    securityContext:
      privileged: true
      capabilities:
        add: [CHOWN, SYS_ADMIN]
    volumeMounts:
    - {name: host, mountPath: /host}
  volumes:
  - name: host
    hostPath:
      path: /
`;

describe('berth and Pod Security', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let env: NodeJS.ProcessEnv;
  let file: string;

  before(() => {
    dir = makeTempDir();
    env = { BERTH_DATA_DIR: join(dir.path, 'data'), DOCKER_HOST: 'unix:///nonexistent/cli-docker.sock', BERTH_ENGINE: 'docker' };
    file = join(dir.path, 'root.yaml');
    writeFileSync(file, rootPod);
  });
  after(() => dir.remove());

  const podNames = async () => {
    const run = await runBerth(['get', 'pods', '-o', 'json'], { env });
    assert.equal(run.code, 0, run.stderr);
    return (JSON.parse(run.stdout) as { items: { metadata: { name: string } }[] }).items.map((p) => p.metadata.name);
  };

  test('validate prints each violation as a warning at its field, and exits 0', async () => {
    const run = await runBerth(['validate', '-f', file], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${file}: valid (pod/rooted)\n`);
    const lines = run.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.filter((l) => l.includes('PodSecurity')), [
      `${file}:6:12: warning: spec.hostPID: violates PodSecurity "baseline:latest": host namespaces (hostPID)`,
      `${file}:11:19: warning: spec.containers[0].securityContext.privileged: violates PodSecurity "baseline:latest": privileged (container "shell" must not set securityContext.privileged=true)`,
      `${file}:13:22: warning: spec.containers[0].securityContext.capabilities.add[1]: violates PodSecurity "baseline:latest": non-default capabilities (container "shell" must not include "SYS_ADMIN" in securityContext.capabilities.add)`,
      `${file}:19:13: warning: spec.volumes[0].hostPath.path: violates PodSecurity "baseline:latest": hostPath volumes (volume "host" mounts the host's root filesystem, "/")`,
      'pod/rooted violates PodSecurity "baseline:latest": host namespaces (hostPID), privileged (container "shell" must not set securityContext.privileged=true), non-default capabilities (container "shell" must not include "SYS_ADMIN" in securityContext.capabilities.add), hostPath volumes (volume "host"); berth apply needs --allow-privileged to import it',
    ]);
  });

  test('apply refuses it, naming each violation with file:line:col and the --allow-privileged way out; nothing is stored', async () => {
    const run = await runBerth(['apply', '-f', file], { env });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4).map((l) => l.split(': violates')[0]), [
      `${file}:6:12: spec.hostPID`,
      `${file}:11:19: spec.containers[0].securityContext.privileged`,
      `${file}:13:22: spec.containers[0].securityContext.capabilities.add[1]`,
      `${file}:19:13: spec.volumes[0].hostPath.path`,
    ]);
    assert.match(lines[4]!, /^Error: pods "rooted" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostPID\), privileged .*, hostPath volumes \(volume "host"\)$/);
    assert.equal(lines[5], `${file}: nothing applied; if you trust this file with your machine, apply it with --allow-privileged`);
    assert.deepEqual(await podNames(), []);
    const events = await runBerth(['events', '-A', '-o', 'json'], { env });
    assert.deepEqual(JSON.parse(events.stdout).items, []);
  });

  test('the same from standard input', async () => {
    const run = await runBerth(['apply', '-f', '-'], { env, input: rootPod });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^<stdin>:19:13: spec\.volumes\[0\]\.hostPath\.path: violates PodSecurity/m);
    assert.match(run.stderr, /^<stdin>: nothing applied; .*--allow-privileged$/m);
  });

  test('apply --allow-privileged applies it, still showing the violations, and the events say it was confirmed', async () => {
    const run = await runBerth(['apply', '--allow-privileged', '-f', file], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'pod/rooted created\n');
    assert.equal(run.stderr.split('\n').filter((l) => l.includes(': warning: ') && l.includes('PodSecurity')).length, 4);
    assert.deepEqual(await podNames(), ['rooted']);

    const events = await runBerth(['events', '--pod', 'rooted'], { env });
    assert.match(events.stdout, /Warning\s+PodSecurityViolation\s+pod\/rooted\s+Admitted on explicit confirmation \(allow privileged\), although it violates PodSecurity "baseline:latest": host namespaces \(hostPID\)/);

    // Admitted once: the same file again needs no flag.
    const again = await runBerth(['apply', '-f', file], { env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, 'pod/rooted unchanged\n');
  });

  test('only apply takes --allow-privileged, and the help says what it is for', async () => {
    const validate = await runBerth(['validate', '--allow-privileged', '-f', file], { env });
    assert.equal(validate.code, 2);
    assert.match(validate.stderr, /berth validate does not take --allow-privileged/);
    const help = await runBerth(['--help'], { env });
    assert.match(help.stdout, /apply -f FILE\|- \[--wait \[--timeout 5m\]\] \[--allow-privileged\]/);
    assert.match(help.stdout, /apply refuses a pod that breaks the Pod Security "baseline" policy/);
  });
});
