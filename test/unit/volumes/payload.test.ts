import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  configMapPayload,
  downwardApiPayload,
  secretPayload,
  type PayloadResult,
} from '../../../src-main/kubelet/volumes/payload';
import { makeConfigMap, makeContainer, makePod, makeSecret } from './fixtures';

/** The payload as `path (mode octal): contents`, for readable comparisons. */
function files(result: PayloadResult): Record<string, string> {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return Object.fromEntries([...result.payload].map(([path, f]) => [`${path} ${f.mode.toString(8)}`, f.data.toString('utf8')]));
}

describe('configMap payload', () => {
  const cm = makeConfigMap('app', { 'app.conf': 'port=80\n', 'log.level': 'debug' }, { 'logo.bin': Buffer.from([0, 1, 2, 255]).toString('base64') });

  test('all keys, data and binaryData, with defaultMode', () => {
    const result = configMapPayload({ name: 'app', defaultMode: 0o644 }, cm);
    assert.ok(result.ok);
    assert.deepEqual([...result.payload.keys()], ['app.conf', 'log.level', 'logo.bin']);
    assert.equal(result.payload.get('app.conf')?.data.toString(), 'port=80\n');
    assert.deepEqual([...(result.payload.get('logo.bin')?.data ?? [])], [0, 1, 2, 255], 'binaryData is decoded from base64');
    assert.ok([...result.payload.values()].every((f) => f.mode === 0o644));
  });

  test('items pick keys, rename them into sub-paths, and may set their own mode', () => {
    const result = configMapPayload(
      { name: 'app', defaultMode: 0o640, items: [{ key: 'app.conf', path: 'conf/app.conf', mode: 0o600 }, { key: 'log.level', path: 'level' }] },
      cm,
    );
    assert.deepEqual(files(result), { 'conf/app.conf 600': 'port=80\n', 'level 640': 'debug' });
  });

  test('a missing object or item key is the kubelet error, unless optional', () => {
    assert.deepEqual(configMapPayload({ name: 'nope', defaultMode: 0o644 }, undefined), { ok: false, message: 'configmap "nope" not found' });
    assert.deepEqual(files(configMapPayload({ name: 'nope', defaultMode: 0o644, optional: true }, undefined)), {});
    const items = [{ key: 'missing', path: 'm' }, { key: 'log.level', path: 'level' }];
    assert.deepEqual(configMapPayload({ name: 'app', defaultMode: 0o644, items }, cm), {
      ok: false,
      message: 'configmap references non-existent config key: missing',
    });
    assert.deepEqual(files(configMapPayload({ name: 'app', defaultMode: 0o644, items, optional: true }, cm)), { 'level 644': 'debug' });
  });
});

describe('secret payload', () => {
  const secret = makeSecret('db', { password: 's3cr3t\n', 'tls.key': Buffer.from([0x30, 0x82, 0x00, 0xff]) });

  test('values are written base64-decoded', () => {
    const result = secretPayload({ secretName: 'db', defaultMode: 0o400 }, secret);
    assert.ok(result.ok);
    assert.equal(result.payload.get('password')?.data.toString(), 's3cr3t\n');
    assert.deepEqual([...(result.payload.get('tls.key')?.data ?? [])], [0x30, 0x82, 0x00, 0xff]);
    assert.equal(result.payload.get('password')?.mode, 0o400);
  });

  test('missing secret and missing key', () => {
    assert.deepEqual(secretPayload({ secretName: 'gone', defaultMode: 0o644 }, undefined), { ok: false, message: 'secret "gone" not found' });
    assert.deepEqual(files(secretPayload({ secretName: 'gone', defaultMode: 0o644, optional: true }, undefined)), {});
    assert.deepEqual(secretPayload({ secretName: 'db', defaultMode: 0o644, items: [{ key: 'user', path: 'u' }] }, secret), {
      ok: false,
      message: 'references non-existent secret key: user',
    });
  });
});

describe('downwardAPI payload', () => {
  const pod = makePod(
    [],
    [makeContainer({ name: 'app', resources: { limits: { memory: '256Mi' }, requests: { cpu: '250m' } } })],
    { labels: { tier: 'web', app: 'shop', 'app.kubernetes.io/name': 'x' }, annotations: { note: 'say "hi"' } },
  );
  const context = { pod, nodeAllocatable: { cpu: '4', memory: '8Gi' } };

  test('metadata fields, labels as sorted key="value" lines, resources, per-item modes', () => {
    const result = downwardApiPayload(
      {
        defaultMode: 0o644,
        items: [
          { path: 'name', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
          { path: 'meta/namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
          { path: 'uid', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' }, mode: 0o600 },
          { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } },
          { path: 'tier', fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['tier']" } },
          { path: 'mem_limit_mi', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
          { path: 'cpu_limit', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } },
          { path: 'cpu_request_m', resourceFieldRef: { containerName: 'app', resource: 'requests.cpu', divisor: '1m' } },
        ],
      },
      context,
    );
    assert.deepEqual(files(result), {
      'name 644': 'web',
      'meta/namespace 644': 'shop',
      'uid 600': 'uid-123',
      'labels 644': 'app="shop"\napp.kubernetes.io/name="x"\ntier="web"',
      'annotations 644': 'note="say \\"hi\\""',
      'tier 644': 'web',
      'mem_limit_mi 644': '256',
      'cpu_limit 644': '4',
      'cpu_request_m 644': '250',
    });
  });

  test('an unknown container or field is an error; several are listed together', () => {
    const one = downwardApiPayload(
      { defaultMode: 0o644, items: [{ path: 'x', resourceFieldRef: { containerName: 'ghost', resource: 'limits.cpu' } }] },
      context,
    );
    assert.deepEqual(one, { ok: false, message: 'container ghost not found' });
    const two = downwardApiPayload(
      {
        defaultMode: 0o644,
        items: [
          { path: 'x', resourceFieldRef: { containerName: 'ghost', resource: 'limits.cpu' } },
          { path: 'y', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.generation' } },
        ],
      },
      context,
    );
    assert.deepEqual(two, { ok: false, message: '[container ghost not found, unsupported fieldPath: metadata.generation]' });
  });
});
