// runProbe for each kind: what counts as success and the kubelet's output texts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine, ExecOptions, ExecResult } from '../../../src-main/engine/engine';
import type { Probe } from '../../../src-main/model';
import { runProbe } from '../../../src-main/kubelet/probes/run-probe';
import type { ProbeContext } from '../../../src-main/kubelet/probes/run-probe';
import { freePort, startHttpServer } from '../hooks/http-servers';
import type { TestServer } from '../hooks/http-servers';

const timing = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

function ctx(exec: (cmd: string[], opts: ExecOptions) => Promise<ExecResult>, published: Record<number, number> = {}): ProbeContext {
  const engine: Pick<Engine, 'exec'> = { exec: (_id, cmd, opts = {}) => exec(cmd, opts) };
  return {
    engine,
    containerId: 'c1',
    container: { name: 'main', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] },
    publishedPort: (p) => published[p],
  };
}
const noExec = () => assert.fail('no exec expected');

describe('runProbe', () => {
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      const code = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('code') ?? '200');
      if (code === 302) res.writeHead(302, { Location: 'http://127.0.0.2:1/away' }).end('bye');
      else res.writeHead(code).end(`body ${code}`);
    });
  });
  after(() => server.close());

  const http = (path: string): Probe => ({ ...timing, httpGet: { path, port: 'web', scheme: 'HTTP' } });

  test('httpGet: 200–399 succeed, others fail without the body; off-host redirect warns', async () => {
    const c = ctx(noExec, { 8080: server.port });
    assert.deepEqual(await runProbe(http('/?code=201'), c), { result: 'success', output: 'body 201' });
    assert.deepEqual(await runProbe(http('/?code=503'), c), { result: 'failure', output: 'HTTP probe failed with statuscode: 503' });
    assert.deepEqual(await runProbe(http('/?code=302'), c), {
      result: 'success',
      warning: true,
      output: 'Probe terminated redirects, Response body: bye',
    });
    const seen = server.seen.at(-1)?.rawHeaders ?? [];
    assert.equal(seen[seen.findIndex((h) => h.toLowerCase() === 'user-agent') + 1]?.startsWith('kube-probe/'), true);
  });

  test('httpGet on an undeclared port cannot run: unknown with the reason', async () => {
    const r = await runProbe({ ...timing, httpGet: { path: '/', port: 9999, scheme: 'HTTP' } }, ctx(noExec, {}));
    assert.equal(r.result, 'unknown');
    assert.match(r.error ?? '', /port 9999 of the pod is not published/);
  });

  test('tcpSocket: connect succeeds or fails with the dial error', async () => {
    assert.deepEqual(await runProbe({ ...timing, tcpSocket: { port: 8080 } }, ctx(noExec, { 8080: server.port })), { result: 'success', output: '' });
    const closed = await freePort();
    assert.deepEqual(await runProbe({ ...timing, tcpSocket: { port: 8080 } }, ctx(noExec, { 8080: closed })), {
      result: 'failure',
      output: `dial tcp 127.0.0.1:${closed}: connect: connection refused`,
    });
  });

  test('exec: exit 0 succeeds, other codes fail with the output', async () => {
    const execProbe: Probe = { ...timing, exec: { command: ['cat', '/tmp/healthy'] } };
    assert.deepEqual(await runProbe(execProbe, ctx(async () => ({ exitCode: 0, output: 'ok', truncated: false }))), { result: 'success', output: 'ok' });
    assert.deepEqual(await runProbe(execProbe, ctx(async () => ({ exitCode: 1, output: 'cat: /tmp/healthy: No such file', truncated: false }))), {
      result: 'failure',
      output: 'cat: /tmp/healthy: No such file',
    });
  });

  test('exec: timeoutSeconds turns a hanging exec into a failure', async () => {
    const hanging = (_cmd: string[], opts: ExecOptions) =>
      new Promise<ExecResult>((_resolve, reject) => opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason)));
    assert.deepEqual(await runProbe({ ...timing, exec: { command: ['sleep', '10'] } }, ctx(hanging)), {
      result: 'failure',
      output: 'command timed out: "sleep 10" timed out after 1s',
    });
  });

  test('exec that cannot run is retried three times, then unknown', async () => {
    let calls = 0;
    const broken = async (): Promise<ExecResult> => {
      calls++;
      throw new Error('container c1 is not running');
    };
    assert.deepEqual(await runProbe({ ...timing, exec: { command: ['true'] } }, ctx(broken)), {
      result: 'unknown',
      output: '',
      error: 'container c1 is not running',
    });
    assert.equal(calls, 3);
  });
});
