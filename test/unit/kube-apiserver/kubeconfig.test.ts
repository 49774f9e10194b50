import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  buildKubeconfig,
  KubeconfigMergeError,
  kubeconfigInputFrom,
  mergeKubeconfig,
  mergeTarget,
} from '../../../src-main/kube-apiserver/kubeconfig';

const input = { server: 'https://127.0.0.1:16443', caPem: 'CA PEM\n', clientCertPem: 'CERT PEM\n', clientKeyPem: 'KEY PEM\n' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

// As `kubectl config set-cluster/set-credentials/set-context` writes a file, plus a user's comments.
const kubectlWritten = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: UFJPRA==
    server: https://prod.example.com:6443   # production
  name: prod
# the test cluster, on loan
- cluster:
    server: https://test.example.com:6443
  name: test
contexts:
- context:
    cluster: prod
    user: admin
  name: prod
current-context: prod
kind: Config
preferences: {}
users:
- name: admin
  user:
    token: s3cret
`;

describe('buildKubeconfig', () => {
  test('one cluster, user and context named berth, with the data embedded', () => {
    const config = parse(buildKubeconfig(input));
    assert.deepEqual(config, {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'berth', cluster: { server: input.server, 'certificate-authority-data': b64(input.caPem) } }],
      users: [{ name: 'berth', user: { 'client-certificate-data': b64(input.clientCertPem), 'client-key-data': b64(input.clientKeyPem) } }],
      contexts: [{ name: 'berth', context: { cluster: 'berth', user: 'berth' } }],
      'current-context': 'berth',
      preferences: {},
    });
    assert.deepEqual(kubeconfigInputFrom(buildKubeconfig(input), 'k'), input);
  });
});

describe('mergeKubeconfig', () => {
  test('into a file with other contexts: adds berth, keeps every other line and comment, keeps the current context', () => {
    const merged = mergeKubeconfig(kubectlWritten, input, '/home/u/.kube/config');
    assert.equal(merged.switched, false);
    assert.equal(merged.currentContext, 'prod');
    const config = parse(merged.text);
    assert.equal(config['current-context'], 'prod');
    assert.deepEqual(config.clusters.map((c: { name: string }) => c.name), ['prod', 'test', 'berth']);
    assert.deepEqual(config.users.map((c: { name: string }) => c.name), ['admin', 'berth']);
    assert.deepEqual(config.contexts.at(-1), { name: 'berth', context: { cluster: 'berth', user: 'berth' } });
    assert.equal(config.users[0].user.token, 's3cret');
    for (const line of ['# the test cluster, on loan', '  name: prod', '    token: s3cret', 'preferences: {}', '- cluster:']) {
      assert.ok(merged.text.split('\n').includes(line), `kept: ${line}\n${merged.text}`);
    }
    assert.match(merged.text, /server: https:\/\/prod\.example\.com:6443 +# production/);
  });

  test('again, after the port changed: updates the berth entries in place, adds no second one', () => {
    const once = mergeKubeconfig(kubectlWritten, input, 'f').text;
    const twice = mergeKubeconfig(once, { ...input, server: 'https://127.0.0.1:20000' }, 'f').text;
    const config = parse(twice);
    assert.equal(config.clusters.filter((c: { name: string }) => c.name === 'berth').length, 1);
    assert.equal(config.clusters.find((c: { name: string }) => c.name === 'berth').cluster.server, 'https://127.0.0.1:20000');
    assert.equal(mergeKubeconfig(twice, { ...input, server: 'https://127.0.0.1:20000' }, 'f').text, twice, 'idempotent');
  });

  test('no file (or an empty one): a complete kubeconfig whose current context is berth', () => {
    for (const existing of [undefined, '', '\n']) {
      const merged = mergeKubeconfig(existing, input, 'f');
      assert.equal(merged.switched, true);
      const config = parse(merged.text);
      assert.equal(config.apiVersion, 'v1');
      assert.equal(config.kind, 'Config');
      assert.equal(config['current-context'], 'berth');
      assert.equal(config.clusters[0].cluster.server, input.server);
    }
  });

  test('a file without a current context gets berth as current; empty lists (null) are filled', () => {
    const merged = mergeKubeconfig('apiVersion: v1\nkind: Config\nclusters: null\ncurrent-context: ""\n', input, 'f');
    assert.equal(merged.switched, true);
    assert.equal(parse(merged.text)['current-context'], 'berth');
    assert.equal(parse(merged.text).clusters.length, 1);
  });

  test('a malformed file: a clear error naming the file, nothing merged', () => {
    assert.throws(() => mergeKubeconfig('clusters: [oops\n', input, '/home/u/.kube/config'), (error: Error) => {
      assert.ok(error instanceof KubeconfigMergeError);
      assert.match(error.message, /^\/home\/u\/\.kube\/config is not valid YAML \(.+\); nothing was changed$/);
      return true;
    });
    assert.throws(() => mergeKubeconfig('- a\n- b\n', input, 'cfg'), /cfg is not a kubeconfig \(its top level is not a mapping\)/);
    assert.throws(() => mergeKubeconfig('clusters: {a: 1}\n', input, 'cfg'), /cfg: "clusters" is not a list; nothing was changed/);
  });
});

describe('mergeTarget', () => {
  const join = (...parts: string[]) => parts.join('/');
  test("$KUBECONFIG's first file, else ~/.kube/config", () => {
    assert.equal(mergeTarget({ KUBECONFIG: '/a/one:/b/two' }, '/home/u', ':', join), '/a/one');
    assert.equal(mergeTarget({ KUBECONFIG: ':/b/two' }, '/home/u', ':', join), '/b/two');
    assert.equal(mergeTarget({}, '/home/u', ':', join), '/home/u/.kube/config');
    assert.equal(mergeTarget({ KUBECONFIG: '' }, '/home/u', ':', join), '/home/u/.kube/config');
  });
});
