// The door over real HTTPS on an ephemeral port, in-process: who gets in, what the rest get.
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { statSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hostKubeApi, type HostedKubeApi } from '../../../src-main/kube-apiserver/host';
import { Router } from '../../../src-main/kube-apiserver/router';
import { startKubeApiServer } from '../../../src-main/kube-apiserver/server';
import { caSpec, clientSpec } from '../../../src-main/kube-apiserver/tls/certificate-specs';
import { issueCertificate } from '../../../src-main/kube-apiserver/tls/issue';
import { ensureTlsMaterial } from '../../../src-main/kube-apiserver/tls/material';
import { makeTempDir } from '../../support/temp';

interface Reply {
  code: number;
  type: string | undefined;
  body: string;
}

const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

describe('the Kubernetes API server', () => {
  const dir = makeTempDir();
  const dataDir = join(dir.path, 'data');
  let api: HostedKubeApi;
  let material: ReturnType<typeof ensureTlsMaterial>;
  const bodiesRead: number[] = [];

  const send = (path: string, options: { method?: string; headers?: Record<string, string>; cert?: string; key?: string; body?: Buffer } = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const req = request(
        `${api.url}${path}`,
        { method: options.method ?? 'GET', ca: material.ca.certPem, headers: options.headers, cert: options.cert, key: options.key },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ code: res.statusCode!, type: res.headers['content-type'], body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  const asAdmin = { cert: '', key: '' };

  before(async () => {
    const router = new Router();
    router.register({ group: '', version: 'v1', resource: 'configmaps' }, ['create'], async (ctx) => {
      const body = await ctx.readBody();
      bodiesRead.push(body.length);
      ctx.sendJson({ kind: 'ConfigMap', apiVersion: 'v1', user: ctx.user.name, via: ctx.user.via }, 201);
    });
    api = await hostKubeApi({ dataDir, port: 0, router });
    material = ensureTlsMaterial(dataDir);
    asAdmin.cert = material.client.certPem;
    asAdmin.key = material.client.keyPem;
  });
  after(async () => {
    await api?.close();
    dir.remove();
  });

  test('listens on 127.0.0.1 only', () => {
    assert.match(api.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  test('without credentials: 401 with the apiserver Status, on every path', async () => {
    for (const path of ['/version', '/api', '/api/v1/namespaces/default/pods', '/healthz', '/nope']) {
      const reply = await send(path);
      assert.equal(reply.code, 401, path);
      assert.equal(reply.type, 'application/json');
      assert.deepEqual(JSON.parse(reply.body), UNAUTHORIZED);
    }
  });

  test('a wrong bearer token is refused; the right one gets in', async () => {
    assert.equal((await send('/version', { headers: { Authorization: `Bearer ${material.token}x` } })).code, 401);
    assert.equal((await send('/version', { headers: { Authorization: 'Basic YTpi' } })).code, 401);
    const reply = await send('/version', { headers: { Authorization: `Bearer ${material.token}` } });
    assert.equal(reply.code, 200);
    assert.equal(JSON.parse(reply.body).gitVersion, 'v1.33.0+berth');
  });

  test("Berth's client certificate gets in as berth-admin in system:masters", async () => {
    const reply = await send('/api/v1/namespaces/default/configmaps', { method: 'POST', ...asAdmin, body: Buffer.from('{}') });
    assert.equal(reply.code, 201);
    assert.deepEqual(JSON.parse(reply.body), { kind: 'ConfigMap', apiVersion: 'v1', user: 'berth-admin', via: 'client-certificate' });
  });

  test('a client certificate from another CA is refused', async () => {
    const otherCa = issueCertificate(caSpec(Date.now()));
    const impostor = issueCertificate(clientSpec(Date.now()), otherCa);
    const reply = await send('/api/v1', { cert: impostor.certPem, key: impostor.keyPem });
    assert.equal(reply.code, 401);
    assert.deepEqual(JSON.parse(reply.body), UNAUTHORIZED);
  });

  test('an unknown path: 404 as the apiserver prints it', async () => {
    const reply = await send('/apis/apps/v1/namespaces/default/deployments', asAdmin);
    assert.equal(reply.code, 404);
    assert.deepEqual(JSON.parse(reply.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server could not find the requested resource',
      reason: 'NotFound',
      details: {},
      code: 404,
    });
  });

  test('aggregated discovery answers with the Content-Type client-go checks', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const reply = await send('/api', { ...asAdmin, headers: { Accept: accept } });
    assert.equal(reply.type, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    assert.equal(JSON.parse(reply.body).kind, 'APIGroupDiscoveryList');
    const legacy = await send('/api', asAdmin);
    assert.equal(legacy.type, 'application/json');
    assert.equal(JSON.parse(legacy.body).kind, 'APIVersions');
  });

  test('a body over 3 MiB: 413 RequestEntityTooLarge, the handler never sees it', async () => {
    const before = bodiesRead.length;
    const reply = await send('/api/v1/namespaces/default/configmaps', { method: 'POST', ...asAdmin, body: Buffer.alloc(3 * 1024 * 1024 + 1, 0x20) });
    assert.equal(reply.code, 413);
    assert.deepEqual(JSON.parse(reply.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Request entity too large: limit is 3145728',
      reason: 'RequestEntityTooLarge',
      code: 413,
    });
    assert.equal(bodiesRead.length, before);
  });

  test('files: kubeconfig and every key 0600, the folder 0700', () => {
    assert.equal(statSync(api.kubeconfigPath).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'kube-api')).mode & 0o777, 0o700);
    for (const file of ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'client.crt', 'client.key', 'token']) {
      assert.equal(statSync(join(dataDir, 'kube-api', file)).mode & 0o777, 0o600, file);
    }
  });
});

describe('TLS material across starts', () => {
  test('kept when fresh; the serving certificate alone is re-issued near its end', () => {
    const dir = makeTempDir();
    try {
      const now = Date.now();
      const first = ensureTlsMaterial(dir.path, now);
      assert.deepEqual(first.issued, { ca: true, serving: true, client: true, token: true });
      assert.match(first.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
      const again = ensureTlsMaterial(dir.path, now + 1000);
      assert.deepEqual(again.issued, { ca: false, serving: false, client: false, token: false });
      assert.equal(again.serving.certPem, first.serving.certPem);
      const later = ensureTlsMaterial(dir.path, now + 340 * 24 * 3600 * 1000);
      assert.equal(later.issued.serving, true);
      assert.equal(later.issued.ca, false);
      assert.equal(later.ca.certPem, first.ca.certPem);
      assert.equal(later.token, first.token);
      assert.notEqual(later.serving.certPem, first.serving.certPem);
    } finally {
      dir.remove();
    }
  });
});

describe('slow clients', () => {
  test('a client that never finishes its headers is cut off, and others are served meanwhile', { timeout: 20_000 }, async () => {
    const dir = makeTempDir();
    const material = ensureTlsMaterial(dir.path);
    const server = await startKubeApiServer({ material, router: new Router(), port: 0, headersTimeoutMs: 1000 });
    try {
      const port = Number(new URL(server.url).port);
      const socket = connect({ host: '127.0.0.1', port, ca: material.ca.certPem, servername: 'localhost' });
      await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
      socket.write('GET /version HTTP/1.1\r\nHost: x\r\n');
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()).on('data', () => undefined).on('error', () => undefined));
      const started = Date.now();
      const other = await new Promise<number>((resolve, reject) =>
        request(`${server.url}/version`, { ca: material.ca.certPem, headers: { Authorization: `Bearer ${material.token}` } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end(),
      );
      assert.equal(other, 200);
      await closed;
      const waited = Date.now() - started;
      assert.ok(waited < 5_000, `closed after ${waited} ms`);
    } finally {
      await server.close();
      dir.remove();
    }
  });
});
