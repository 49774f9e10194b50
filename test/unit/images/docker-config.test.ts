// Docker config parsing (pkg/credentialprovider/config_test.go cases), pull Secrets, and the
// user's config file lookup.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildDockerConfigJson,
  decodeAuthField,
  dockerConfigFromSecret,
  encodeAuthField,
  parseDockerConfigEntry,
  parseDockerConfigJson,
  parseDockercfg,
  readUserDockerConfig,
} from '../../../src-main/images/docker-config';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('config_test.go', () => {
  test('TestDockerConfigJsonJSONDecode: {auths} with username/password/email', () => {
    const parsed = parseDockerConfigJson(
      '{"auths": {"http://foo.example.com":{"username": "foo", "password": "bar", "email": "foo@example.com"}, "http://bar.example.com":{"username": "bar", "password": "baz", "email": "bar@example.com"}}}',
      'test',
    );
    assert.deepEqual(parsed, {
      config: {
        'http://foo.example.com': { username: 'foo', password: 'bar', email: 'foo@example.com' },
        'http://bar.example.com': { username: 'bar', password: 'baz', email: 'bar@example.com' },
      },
      warnings: [],
    });
  });

  test('TestDockerConfigJSONDecode: the flat .dockercfg map', () => {
    const parsed = parseDockercfg(
      '{"http://foo.example.com":{"username": "foo", "password": "bar", "email": "foo@example.com"}, "http://bar.example.com":{"username": "bar", "password": "baz", "email": "bar@example.com"}}',
      'test',
    );
    assert.deepEqual(parsed.config, {
      'http://foo.example.com': { username: 'foo', password: 'bar', email: 'foo@example.com' },
      'http://bar.example.com': { username: 'bar', password: 'baz', email: 'bar@example.com' },
    });
  });

  describe('TestDockerConfigEntryJSONDecode', () => {
    test('simple case, just decode the fields', () => {
      assert.deepEqual(parseDockerConfigEntry({ username: 'foo', password: 'bar', email: 'foo@example.com' }), {
        username: 'foo',
        password: 'bar',
        email: 'foo@example.com',
      });
    });
    test('auth field decodes to username & password', () => {
      assert.deepEqual(parseDockerConfigEntry({ auth: 'Zm9vOmJhcg==', email: 'foo@example.com' }), {
        username: 'foo',
        password: 'bar',
        email: 'foo@example.com',
      });
    });
    test('auth field overrides username & password', () => {
      assert.deepEqual(
        parseDockerConfigEntry({ username: 'foo', password: 'bar', auth: 'cGluZzpwb25n', email: 'foo@example.com' }),
        { username: 'ping', password: 'pong', email: 'foo@example.com' },
      );
    });
    test('poorly-formatted auth causes failure', () => {
      assert.throws(() => parseDockerConfigEntry({ auth: 'pants', email: 'foo@example.com' }));
    });
    test('invalid JSON types cause failure', () => {
      assert.throws(() => parseDockerConfigEntry({ email: false }));
    });
  });

  describe('TestDecodeDockerConfigFieldAuth', () => {
    test('auth field decodes to username & password', () => {
      assert.deepEqual(decodeAuthField('Zm9vOmJhcg=='), { username: 'foo', password: 'bar' });
    });
    test('unpadded base64 is accepted too', () => {
      assert.deepEqual(decodeAuthField('Zm9vOmJhcg'), { username: 'foo', password: 'bar' });
    });
    test('good base64 data, but no colon separating username & password', () => {
      assert.throws(() => decodeAuthField('cGFudHM='), /must be formatted as base64\(username:password\)/);
    });
    test('bad base64 data', () => {
      assert.throws(() => decodeAuthField('pants'));
    });
    test('only the first colon separates: passwords may contain colons', () => {
      assert.deepEqual(decodeAuthField(b64('alice:s3:cret')), { username: 'alice', password: 's3:cret' });
    });
  });

  test('TestDockerConfigEntryJSONCompatibleEncode: the entry kubectl writes', () => {
    assert.equal(
      buildDockerConfigJson({ server: 'https://index.docker.io/v1/', username: 'foo', password: 'bar', email: 'foo@example.com' }),
      '{"auths":{"https://index.docker.io/v1/":{"username":"foo","password":"bar","email":"foo@example.com","auth":"Zm9vOmJhcg=="}}}',
    );
    assert.equal(encodeAuthField('foo', 'bar'), 'Zm9vOmJhcg==');
  });
});

describe('the user\'s config.json', () => {
  test('a broken entry is skipped with a warning naming the registry, the others are kept', () => {
    const parsed = parseDockerConfigJson(
      JSON.stringify({ auths: { 'good.example.com': { auth: b64('u:p') }, 'bad.example.com': { auth: 'pants' } } }),
      '/home/me/.docker/config.json',
    );
    assert.deepEqual(parsed.config, { 'good.example.com': { username: 'u', password: 'p' } });
    assert.equal(parsed.warnings.length, 1);
    assert.match(parsed.warnings[0]!, /^\/home\/me\/\.docker\/config\.json: credentials for "bad\.example\.com" ignored/);
  });

  test('credsStore and credHelpers are reported, not run; the empty entries docker login leaves are skipped', () => {
    const parsed = parseDockerConfigJson(
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } }),
      'cfg',
    );
    assert.deepEqual(parsed.config, {});
    assert.deepEqual(parsed.warnings, [
      'cfg: credentials kept by the credential store "docker-credential-desktop" are not used (Berth does not run credential helpers); give pods an imagePullSecret instead (berth secret create docker-registry)',
      'cfg: credential helpers for gcr.io are not run (Berth does not run credential helpers); give pods an imagePullSecret instead (berth secret create docker-registry)',
    ]);
  });

  test('not JSON: no credentials and a warning, never the file\'s content', () => {
    const parsed = parseDockerConfigJson('{"auths": {"x": {"password": "hunter2"', 'cfg');
    assert.deepEqual(parsed.config, {});
    assert.deepEqual(parsed.warnings, ['cfg: not valid JSON, no credentials read from it']);
  });

  test('$DOCKER_CONFIG wins over ~/.docker, which wins over the legacy ~/.dockercfg', () => {
    const files: Record<string, string> = {
      '/custom/config.json': JSON.stringify({ auths: { 'custom.example.com': { auth: b64('c:1') } } }),
      '/home/me/.docker/config.json': JSON.stringify({ auths: { 'home.example.com': { auth: b64('h:2') } } }),
      '/home/me/.dockercfg': JSON.stringify({ 'legacy.example.com': { auth: b64('l:3') } }),
    };
    const readFile = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    };
    const custom = readUserDockerConfig({ env: { DOCKER_CONFIG: '/custom' }, home: '/home/me', readFile });
    assert.equal(custom.path, '/custom/config.json');
    assert.deepEqual(Object.keys(custom.config), ['custom.example.com']);
    const home = readUserDockerConfig({ env: {}, home: '/home/me', readFile });
    assert.equal(home.path, '/home/me/.docker/config.json');
    assert.deepEqual(Object.keys(home.config), ['home.example.com']);
    delete files['/home/me/.docker/config.json'];
    const legacy = readUserDockerConfig({ env: {}, home: '/home/me', readFile });
    assert.equal(legacy.path, '/home/me/.dockercfg');
    assert.deepEqual(legacy.config, { 'legacy.example.com': { username: 'l', password: '3' } });
  });

  test('no config file at all: no credentials, no warnings', () => {
    const none = readUserDockerConfig({
      env: {},
      home: '/nowhere',
      readFile: (path) => {
        throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      },
    });
    assert.deepEqual(none, { config: {}, warnings: [], path: undefined });
  });
});

describe('pull Secrets', () => {
  const json = buildDockerConfigJson({ server: '127.0.0.1:5000', username: 'alice', password: 's3cret' });

  test('kubernetes.io/dockerconfigjson: .dockerconfigjson holds {auths}', () => {
    const parsed = dockerConfigFromSecret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(json) } }, 'Secret default/reg');
    assert.deepEqual(parsed?.config, { '127.0.0.1:5000': { username: 'alice', password: 's3cret' } });
  });

  test('kubernetes.io/dockercfg: .dockercfg holds the flat map', () => {
    const flat = JSON.stringify({ '127.0.0.1:5000': { auth: b64('alice:s3cret'), email: 'a@example.com' } });
    const parsed = dockerConfigFromSecret({ type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(flat) } }, 'Secret default/reg');
    assert.deepEqual(parsed?.config, { '127.0.0.1:5000': { username: 'alice', password: 's3cret', email: 'a@example.com' } });
  });

  test('other Secret types, or the key under the wrong type, hold no registry credentials', () => {
    assert.equal(dockerConfigFromSecret({ type: 'Opaque', data: { '.dockerconfigjson': b64(json) } }, 's'), undefined);
    assert.equal(dockerConfigFromSecret({ type: 'kubernetes.io/dockercfg', data: { '.dockerconfigjson': b64(json) } }, 's'), undefined);
    assert.equal(dockerConfigFromSecret({ type: 'kubernetes.io/dockerconfigjson', data: {} }, 's'), undefined);
  });
});
