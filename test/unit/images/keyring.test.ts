// pkg/credentialprovider/keyring_test.go, case by case, against Berth's port of the keyring.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockercfg } from '../../../src-main/images/docker-config';
import type { DockerConfig } from '../../../src-main/images/docker-config';
import {
  BasicDockerKeyring,
  UnionDockerKeyring,
  isDefaultRegistryMatch,
  normaliseKey,
  urlsMatch,
} from '../../../src-main/images/keyring';

const foo = { username: 'foo', password: 'bar', email: 'foo@bar.baz' };
const fooAuth = Buffer.from('foo:bar').toString('base64');

/** The test's sampleDockerConfig: one registry with `auth` and `email`, read as a .dockercfg. */
function keyringFor(registry: string): BasicDockerKeyring {
  const text = JSON.stringify({ [registry]: { email: foo.email, auth: fooAuth } });
  const parsed = parseDockercfg(text, 'test');
  assert.deepEqual(parsed.warnings, []);
  return new BasicDockerKeyring().add(parsed.config, 'test');
}

const users = (creds: { username: string; password: string; email?: string }[]) =>
  creds.map(({ username, password, email }) => ({ username, password, email }));

describe('TestUrlsMatch', () => {
  const cases: [glob: string, target: string, match: boolean][] = [
    // match when there is no path component
    ['*.kubernetes.io', 'prefix.kubernetes.io', true],
    ['prefix.*.io', 'prefix.kubernetes.io', true],
    ['prefix.kubernetes.*', 'prefix.kubernetes.io', true],
    ['*-good.kubernetes.io', 'prefix-good.kubernetes.io', true],
    // match with path components
    ['*.kubernetes.io/blah', 'prefix.kubernetes.io/blah', true],
    ['prefix.*.io/foo', 'prefix.kubernetes.io/foo/bar', true],
    // match with path components and ports
    ['*.kubernetes.io:1111/blah', 'prefix.kubernetes.io:1111/blah', true],
    ['prefix.*.io:1111/foo', 'prefix.kubernetes.io:1111/foo/bar', true],
    // no match when number of parts mismatch
    ['*.kubernetes.io', 'kubernetes.io', false],
    ['*.*.kubernetes.io', 'prefix.kubernetes.io', false],
    ['*.*.kubernetes.io', 'kubernetes.io', false],
    // no match when some parts mismatch
    ['kubernetes.io', 'kubernetes.com', false],
    ['k*.io', 'quay.io', false],
    // no match when ports mismatch
    ['*.kubernetes.io:1234/blah', 'prefix.kubernetes.io:1111/blah', false],
    ['prefix.*.io/foo', 'prefix.kubernetes.io:1111/foo/bar', false],
  ];
  for (const [glob, target, match] of cases) {
    test(`${glob} ${match ? 'matches' : 'does not match'} ${target}`, () => {
      assert.equal(urlsMatch(glob, target), match);
    });
  }
});

describe('TestDockerKeyringForGlob', () => {
  const cases: [glob: string, target: string][] = [
    ['https://hello.kubernetes.io', 'hello.kubernetes.io'],
    ['https://*.docker.io', 'prefix.docker.io'],
    ['https://prefix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.*', 'prefix.docker.io'],
    ['https://*.docker.io/path', 'prefix.docker.io/path'],
    ['https://prefix.*.io/path', 'prefix.docker.io/path/subpath'],
    ['https://prefix.docker.*/path', 'prefix.docker.io/path'],
    ['https://*.docker.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.*.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.docker.*:8888', 'prefix.docker.io:8888'],
    ['https://*.docker.io/path:1111', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v1/', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v2/', 'prefix.docker.io/path:1111'],
    ['https://prefix.docker.*/path:1111', 'prefix.docker.io/path:1111'],
    ['prefix.docker.io:1111', 'prefix.docker.io:1111/path'],
    ['*.docker.io:1111', 'prefix.docker.io:1111/path'],
  ];
  for (const [glob, target] of cases) {
    test(`${glob} gives its credentials to ${target}/foo/bar`, () => {
      const creds = keyringFor(glob).lookup(`${target}/foo/bar`);
      assert.ok(creds.length > 0, `no credentials found for ${target}`);
      assert.deepEqual(users([creds[0]!]), [foo]);
    });
  }
});

describe('TestKeyringMiss', () => {
  const cases: [glob: string, lookup: string][] = [
    ['https://hello.kubernetes.io', 'world.mesos.org/foo/bar'],
    ['https://*.docker.com', 'prefix.docker.io'],
    ['https://suffix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.c*', 'prefix.docker.io'],
    ['https://prefix.*.io/path:1111', 'prefix.docker.io/path/subpath:1111'],
    ['suffix.*.io', 'prefix.docker.io'],
  ];
  for (const [glob, lookup] of cases) {
    test(`${glob} gives nothing to ${lookup}/foo/bar`, () => {
      assert.deepEqual(keyringFor(glob).lookup(`${lookup}/foo/bar`), []);
    });
  }
});

describe('Docker Hub credentials (https://index.docker.io/v1/)', () => {
  const hub = () => keyringFor('https://index.docker.io/v1/');

  test('TestKeyringMissWithDockerHubCredentials: another registry gets none', () => {
    assert.deepEqual(hub().lookup('world.mesos.org/foo/bar'), []);
  });
  test('TestKeyringHitWithUnqualifiedDockerHub: google/docker-registry gets exactly them', () => {
    assert.deepEqual(users(hub().lookup('google/docker-registry')), [foo]);
  });
  test('TestKeyringHitWithUnqualifiedLibraryDockerHub: jenkins gets exactly them', () => {
    assert.deepEqual(users(hub().lookup('jenkins')), [foo]);
  });
  test('TestKeyringHitWithQualifiedDockerHub: index.docker.io/v1//google/docker-registry gets them first', () => {
    const creds = hub().lookup('index.docker.io/v1//google/docker-registry');
    assert.ok(creds.length >= 1 && creds.length <= 2);
    assert.deepEqual(users([creds[0]!]), [foo]);
  });
  test('a normalised name (docker.io/library/busybox, the kubelet\'s repoToPull) gets them through the fallback', () => {
    assert.deepEqual(users(hub().lookup('docker.io/library/busybox')), [foo]);
  });
  test('credentials filed under docker.io match docker.io names directly', () => {
    assert.deepEqual(users(keyringFor('docker.io').lookup('docker.io/library/busybox')), [foo]);
  });
});

describe('TestIsDefaultRegistryMatch', () => {
  const cases: [image: string, expected: boolean][] = [
    ['foo/bar', true],
    ['docker.io/foo/bar', true],
    ['index.docker.io/foo/bar', true],
    ['foo', true],
    ['', false],
    ['registry.tld/foo/bar', false],
    ['registry:5000/foo/bar', false],
    ['myhostdocker.io/foo/bar', false],
  ];
  for (const [image, expected] of cases) {
    test(`"${image}" → ${expected}`, () => assert.equal(isDefaultRegistryMatch(image), expected));
  }
});

describe('TestDockerKeyringLookup', () => {
  const ada = { username: 'ada', password: 'smash', email: 'ada@example.com' };
  const grace = { username: 'grace', password: 'squash', email: 'grace@example.com' };
  const config: DockerConfig = { 'bar.example.com/pong': grace, 'bar.example.com': ada };
  const keyring = new BasicDockerKeyring().add(config, 'test');
  const cases: [image: string, match: (typeof ada)[]][] = [
    ['bar.example.com', [ada]], // direct match
    ['bar.example.com/pong', [grace, ada]], // direct match deeper than other possible matches
    ['bar.example.com/ping', [ada]], // no direct match, deeper path ignored
    ['bar.example.com/pongz', [grace, ada]], // match first part of path token
    ['bar.example.com/pong/pang', [grace, ada]], // match regardless of sub-path
    ['example.com', []], // no host match
    ['foo.example.com', []],
  ];
  for (const [image, match] of cases) {
    test(`${image} → ${match.map((m) => m.username).join(', ') || 'nothing'}`, () => {
      assert.deepEqual(users(keyring.lookup(image)), match);
    });
  }
});

describe('TestIssue3797: a key with scheme and /v1/ path matches by host', () => {
  const rex = { username: 'rex', password: 'tiny arms', email: 'rex@example.com' };
  const keyring = new BasicDockerKeyring().add({ 'https://quay.io/v1/': rex }, 'test');
  for (const image of ['quay.io', 'quay.io/foo', 'quay.io/foo/bar']) {
    test(image, () => assert.deepEqual(users(keyring.lookup(image)), [rex]));
  }
});

describe('Berth additions', () => {
  test('keys are normalised: scheme and /v1/ /v2/ dropped, other paths kept', () => {
    assert.equal(normaliseKey('https://index.docker.io/v1/'), 'index.docker.io');
    assert.equal(normaliseKey('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
    assert.equal(normaliseKey('127.0.0.1:5000'), '127.0.0.1:5000');
    assert.equal(normaliseKey('quay.io/coreos'), 'quay.io/coreos');
  });

  test('a registry with a port only matches images on that port', () => {
    const keyring = new BasicDockerKeyring().add({ '127.0.0.1:5000': foo }, 'test');
    assert.deepEqual(users(keyring.lookup('127.0.0.1:5000/private/busybox')), [foo]);
    assert.deepEqual(keyring.lookup('127.0.0.1:5001/private/busybox'), []);
    assert.deepEqual(keyring.lookup('127.0.0.1/private/busybox'), []);
  });

  test('two secrets for one registry: both are returned, in the order they were added', () => {
    const keyring = new BasicDockerKeyring()
      .add({ 'quay.io': { username: 'first', password: 'a' } }, 'Secret ns/one')
      .add({ 'quay.io': { username: 'second', password: 'b' } }, 'Secret ns/two');
    assert.deepEqual(
      keyring.lookup('quay.io/coreos/etcd').map((c) => [c.username, c.source]),
      [
        ['first', 'Secret ns/one'],
        ['second', 'Secret ns/two'],
      ],
    );
  });

  test('more specific paths come first: quay.io/coreos before quay.io', () => {
    const keyring = new BasicDockerKeyring().add(
      { 'quay.io': { username: 'general', password: 'x' }, 'quay.io/coreos': { username: 'specific', password: 'y' } },
      'test',
    );
    assert.deepEqual(keyring.lookup('quay.io/coreos/etcd').map((c) => c.username), ['specific', 'general']);
  });

  test('a union returns the first keyring\'s matches before the second\'s', () => {
    const pod = new BasicDockerKeyring().add({ 'quay.io': { username: 'pod', password: 'x' } }, 'pod');
    const user = new BasicDockerKeyring().add({ 'quay.io/coreos': { username: 'user', password: 'y' } }, 'user');
    assert.deepEqual(new UnionDockerKeyring([pod, undefined, user]).lookup('quay.io/coreos/etcd').map((c) => c.username), ['pod', 'user']);
  });

  test('the Docker Hub fallback is not used when another key matched', () => {
    const keyring = new BasicDockerKeyring().add(
      { 'https://index.docker.io/v1/': { username: 'hub', password: 'x' }, 'docker.io/myorg': { username: 'org', password: 'y' } },
      'test',
    );
    assert.deepEqual(keyring.lookup('docker.io/myorg/app').map((c) => c.username), ['org']);
    assert.deepEqual(keyring.lookup('docker.io/library/busybox').map((c) => c.username), ['hub']);
  });
});
