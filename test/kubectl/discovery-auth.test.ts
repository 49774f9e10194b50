// Real kubectl (1.27 and 1.33) and curl against a real `berth serve` with its Kubernetes API on an
// ephemeral port: version, discovery and api-resources as kubectl prints them for a cluster, and
// authentication (client certificate, token; no credentials, a foreign CA or another local user
// get 401). Expected output is kubectl's documented format for a cluster serving these resources.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startController, type Controller } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { assertKubectlInstalled, kubectl, kubectlPath, run } from '../support/kubectl';
import { makeTempDir } from '../support/temp';

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

// `kubectl api-resources` against a cluster, the rows of the resources Berth serves (issue #12).
const API_RESOURCES = [
  ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
  ['events', 'ev', 'v1', 'true', 'Event'],
  ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
  ['nodes', 'no', 'v1', 'false', 'Node'],
  ['pods', 'po', 'v1', 'true', 'Pod'],
  ['secrets', '', 'v1', 'true', 'Secret'],
  ['services', 'svc', 'v1', 'true', 'Service'],
  ['events', 'ev', 'events.k8s.io/v1', 'true', 'Event'],
  ['runtimeclasses', '', 'node.k8s.io/v1', 'false', 'RuntimeClass'],
];

/** Splits kubectl's table by its header's column starts (a column may be empty). */
function tableRows(text: string): { header: string[]; rows: string[][] } {
  const [headerLine = '', ...lines] = text.trimEnd().split('\n');
  const header = headerLine.trim().split(/\s+/);
  const starts = header.map((name) => headerLine.indexOf(name));
  const rows = lines.map((line) => starts.map((start, i) => line.slice(start, starts[i + 1]).trim()));
  return { header, rows };
}

const engine = testEngineKinds()[0]!;

describe('kubectl against berth serve: discovery and authentication', () => {
  const dir = makeTempDir('berth-kubectl-');
  const dataDir = join(dir.path, 'data');
  const home = join(dir.path, 'home');
  const env = {
    BERTH_DATA_DIR: dataDir,
    BERTH_ENGINE: engine,
    DOCKER_HOST: `unix://${ENGINE_SOCKETS[engine]}`,
    BERTH_SANDBOX_IMAGE: PAUSE_IMAGE,
    BERTH_API_PORT: '0',
  };
  const kubeconfig = join(dataDir, 'kubeconfig');
  let controller: Controller;
  let url: string;

  before(async () => {
    assertKubectlInstalled(['1.27', '1.33']);
    mkdirSync(home, { recursive: true });
    controller = await startController(env, 60_000, 'built');
    const match = /Kubernetes API on (https:\/\/127\.0\.0\.1:\d+) \(kubeconfig: (.+)\)/.exec(controller.log());
    assert.ok(match, `berth serve did not say where the API is:\n${controller.log()}`);
    url = match[1]!;
    assert.equal(match[2], kubeconfig);
  });
  after(async () => {
    if (controller && !controller.exited()) await controller.stop('SIGTERM');
    dir.remove();
  });

  test('kubectl 1.33 version: the server version, no skew warning', async () => {
    const result = await kubectl('1.33', home, ['--kubeconfig', kubeconfig, 'version']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Client Version: v1\.33\.\d+\nKustomize Version: v[\d.]+\nServer Version: v1\.33\.0\+berth\n$/);
    assert.equal(result.stderr, '');
  });

  test('kubectl 1.27 version: the server version, and the skew warning it prints for any 1.33 cluster', async () => {
    const result = await kubectl('1.27', home, ['--kubeconfig', kubeconfig, 'version', '-o', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const versions = JSON.parse(result.stdout);
    assert.equal(versions.serverVersion.gitVersion, 'v1.33.0+berth');
    assert.equal(versions.serverVersion.major, '1');
    assert.equal(versions.serverVersion.minor, '33');
    assert.equal(result.stderr, 'WARNING: version difference between client (1.27) and server (1.33) exceeds the supported minor version skew of +/-1\n');
  });

  for (const version of ['1.27', '1.33'] as const) {
    test(`kubectl ${version} api-resources: the documented columns, the rows a cluster prints for these resources`, async () => {
      // 1.27 asks for aggregated discovery v2beta1, 1.33 for v2: both must be understood.
      const result = await kubectl(version, home, ['--kubeconfig', kubeconfig, '--cache-dir', join(home, `cache-${version}`), 'api-resources']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      const { header, rows } = tableRows(result.stdout);
      assert.deepEqual(header, ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
      assert.deepEqual(rows, API_RESOURCES);
    });
  }

  for (const version of ['1.27', '1.33'] as const) {
    test(`kubectl ${version} uses aggregated discovery: /api and /apis only, no request per group version`, async () => {
      const result = await kubectl(version, home, ['--kubeconfig', kubeconfig, '--cache-dir', join(home, `agg-${version}`), '-v=6', 'api-resources']);
      assert.equal(result.code, 0, result.stderr);
      // 1.27 logs `GET https://…/api?timeout=32s 200 OK`, 1.33 `"Response" verb="GET" url="https://…/api?timeout=32s"`.
      const requested = [...result.stderr.matchAll(/(?:GET |url=")https:\/\/127\.0\.0\.1:\d+(\/[^?\s"]*)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(requested)].sort(), ['/api', '/apis'], result.stderr);
    });
  }

  test('kubectl api-resources --namespaced=false and -o name select as on a cluster', async () => {
    const clusterScoped = await kubectl('1.33', home, ['--kubeconfig', kubeconfig, 'api-resources', '--namespaced=false', '-o', 'name']);
    assert.equal(clusterScoped.code, 0, clusterScoped.stderr);
    assert.equal(clusterScoped.stdout, 'namespaces\nnodes\nruntimeclasses.node.k8s.io\n');
  });

  test('kubectl get --raw /api/v1: the APIResourceList, pods with their subresources', async () => {
    const result = await kubectl('1.33', home, ['--kubeconfig', kubeconfig, 'get', '--raw', '/api/v1']);
    assert.equal(result.code, 0, result.stderr);
    const list = JSON.parse(result.stdout);
    assert.equal(list.kind, 'APIResourceList');
    assert.equal(list.groupVersion, 'v1');
    const names = list.resources.map((r: { name: string }) => r.name);
    for (const name of ['pods', 'pods/log', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/status']) assert.ok(names.includes(name), name);
  });

  test('kubectl get --raw of an unknown path: the NotFound kubectl prints for a cluster', async () => {
    const result = await kubectl('1.33', home, ['--kubeconfig', kubeconfig, 'get', '--raw', '/apis/apps/v1']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
  });

  test('no credentials (curl): 401 with the apiserver Status', async () => {
    const ca = join(dataDir, 'kube-api', 'ca.crt');
    const result = await run('curl', ['-sS', '--cacert', ca, '-w', '\n%{http_code}', `${url}/api`]);
    assert.equal(result.code, 0, result.stderr);
    const [body, code] = result.stdout.split('\n');
    assert.equal(code, '401');
    assert.deepEqual(JSON.parse(body!), UNAUTHORIZED);
  });

  test('the bearer token works with kubectl; a wrong one is refused', async () => {
    const token = readFileSync(join(dataDir, 'kube-api', 'token'), 'utf8').trim();
    const ca = join(dataDir, 'kube-api', 'ca.crt');
    const base = ['--kubeconfig', '/dev/null', '--server', url, '--certificate-authority', ca];
    const ok = await kubectl('1.33', home, [...base, '--token', token, 'get', '--raw', '/version']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).gitVersion, 'v1.33.0+berth');
    const wrong = await kubectl('1.33', home, [...base, '--token', `${token}x`, 'get', '--raw', '/version']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^error: You must be logged in to the server \(Unauthorized\)\n$/m);
  });

  test('a client certificate from another CA (made with openssl) is refused', async () => {
    const other = join(dir.path, 'other-ca');
    mkdirSync(other);
    const ssl = async (args: string[]) => {
      const r = await run('openssl', args);
      assert.equal(r.code, 0, r.stderr);
    };
    await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(other, 'ca.key'), '-out', join(other, 'ca.crt'), '-subj', '/CN=other-ca', '-days', '1']);
    await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(other, 'c.key'), '-out', join(other, 'c.csr'), '-subj', '/CN=berth-admin/O=system:masters']);
    await ssl(['x509', '-req', '-in', join(other, 'c.csr'), '-CA', join(other, 'ca.crt'), '-CAkey', join(other, 'ca.key'), '-CAcreateserial', '-out', join(other, 'c.crt'), '-days', '1']);
    const ca = join(dataDir, 'kube-api', 'ca.crt');
    const curl = await run('curl', ['-sS', '--cacert', ca, '--cert', join(other, 'c.crt'), '--key', join(other, 'c.key'), '-w', '\n%{http_code}', `${url}/api`]);
    const [body, code] = curl.stdout.split('\n');
    assert.equal(code, '401', curl.stderr);
    assert.deepEqual(JSON.parse(body!), UNAUTHORIZED);
    const result = await kubectl('1.33', home, [
      '--kubeconfig', '/dev/null', '--server', url, '--certificate-authority', ca,
      '--client-certificate', join(other, 'c.crt'), '--client-key', join(other, 'c.key'), 'get', '--raw', '/api',
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: You must be logged in to the server \(Unauthorized\)\n$/m);
  });

  test('the kubeconfig and every key are 0600, their folders 0700', () => {
    assert.equal(statSync(kubeconfig).mode & 0o777, 0o600);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'kube-api')).mode & 0o777, 0o700);
    for (const file of ['ca.key', 'ca.crt', 'apiserver.key', 'apiserver.crt', 'client.key', 'client.crt', 'token']) {
      assert.equal(statSync(join(dataDir, 'kube-api', file)).mode & 0o777, 0o600, file);
    }
  });

  test('another local user (nobody) cannot read the kubeconfig and gets 401 without credentials', { skip: process.getuid?.() !== 0 && 'needs root for runuser' }, async () => {
    const cat = await run('runuser', ['-u', 'nobody', '--', 'cat', kubeconfig]);
    assert.notEqual(cat.code, 0);
    assert.match(cat.stderr, /Permission denied/);
    const withIt = await run('runuser', ['-u', 'nobody', '--', kubectlPath('1.33'), '--kubeconfig', kubeconfig, 'get', '--raw', '/api'], { HOME: '/nonexistent' });
    assert.notEqual(withIt.code, 0);
    assert.match(withIt.stderr, /permission denied/);
    const curl = await run('runuser', ['-u', 'nobody', '--', 'curl', '-sS', '-k', '-w', '\n%{http_code}', `${url}/api/v1/namespaces/default/secrets`]);
    assert.equal(curl.code, 0, curl.stderr);
    const [body, code] = curl.stdout.split('\n');
    assert.equal(code, '401');
    assert.deepEqual(JSON.parse(body!), UNAUTHORIZED);
  });

  test('berth kubeconfig --merge: kubectl sees its own contexts untouched and reaches Berth with --context berth', async () => {
    const kubeHome = join(dir.path, 'merge-home');
    const own = join(kubeHome, '.kube', 'config');
    mkdirSync(join(kubeHome, '.kube'), { recursive: true });
    // The user's existing kubeconfig, written by kubectl itself.
    for (const args of [
      ['config', 'set-cluster', 'prod', '--server', 'https://prod.example.com:6443'],
      ['config', 'set-credentials', 'admin', '--token', 'prod-token'],
      ['config', 'set-context', 'prod', '--cluster', 'prod', '--user', 'admin'],
      ['config', 'use-context', 'prod'],
    ]) {
      const r = await kubectl('1.33', kubeHome, args);
      assert.equal(r.code, 0, r.stderr);
    }
    writeFileSync(own, `# my clusters\n${readFileSync(own, 'utf8')}`);
    const before = readFileSync(own, 'utf8');
    const merged = await run(process.execPath, [join(process.cwd(), 'bin', 'berth.js'), 'kubeconfig', '--merge'], { ...env, HOME: kubeHome });
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stdout, /the current context is still "prod"/);
    assert.match(merged.stdout, /kubectl config use-context berth/);
    const after = readFileSync(own, 'utf8');
    assert.equal(statSync(own).mode & 0o777, 0o600);
    for (const line of before.split('\n')) assert.ok(after.split('\n').includes(line), `kept: ${line}`);
    const contexts = await kubectl('1.33', kubeHome, ['config', 'get-contexts', '-o', 'name']);
    assert.equal(contexts.stdout, 'berth\nprod\n');
    const current = await kubectl('1.33', kubeHome, ['config', 'current-context']);
    assert.equal(current.stdout, 'prod\n');
    const reached = await kubectl('1.33', kubeHome, ['--context', 'berth', 'get', '--raw', '/version']);
    assert.equal(reached.code, 0, reached.stderr);
    assert.equal(JSON.parse(reached.stdout).gitVersion, 'v1.33.0+berth');
  });

  test('berth kubeconfig prints the kubeconfig the controller wrote', async () => {
    const printed = await run(process.execPath, [join(process.cwd(), 'bin', 'berth.js'), 'kubeconfig'], env);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(printed.stdout, readFileSync(kubeconfig, 'utf8'));
    assert.match(printed.stdout, new RegExp(`server: ${url.replace(/[.]/g, '\\.')}\\n`));
  });
});
