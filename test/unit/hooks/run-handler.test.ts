// runLifecycleHandler: dispatch, the uniform result, and what decides success for each kind.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine, ExecOptions, ExecResult } from '../../../src-main/engine/engine';
import { runLifecycleHandler } from '../../../src-main/hooks/run-handler';
import type { HandlerContext } from '../../../src-main/hooks/run-handler';
import { freePort, startHttpServer } from './http-servers';
import type { TestServer } from './http-servers';

/** An engine whose exec answers from a table, recording what it was asked. */
function fakeEngine(answer: (cmd: string[], opts: ExecOptions) => Promise<ExecResult>): Pick<Engine, 'exec'> & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    exec: (_id: string, cmd: string[], opts: ExecOptions = {}) => {
      calls.push(cmd);
      return answer(cmd, opts);
    },
  };
}

let clock = 1000;
function context(engine: Pick<Engine, 'exec'>, published: Record<number, number> = {}, extra: Partial<HandlerContext> = {}): HandlerContext {
  return {
    engine,
    containerId: 'c1',
    container: { name: 'main', ports: Object.keys(published).map((p) => ({ containerPort: Number(p), protocol: 'TCP' as const })) },
    publishedPort: (p) => published[p],
    now: () => (clock += 5),
    ...extra,
  };
}

describe('runLifecycleHandler', () => {
  let server: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url?.startsWith('/fail')) res.writeHead(500).end('server error body');
      else res.end('hook ok');
    });
  });
  after(() => server.close());

  test('exec success: exit code and output; the engine is asked with a 10 KiB cap', async () => {
    let cap: number | undefined;
    const engine = fakeEngine(async (_cmd, opts) => {
      cap = opts.maxOutputBytes;
      return { exitCode: 0, output: 'done\n', truncated: false };
    });
    const r = await runLifecycleHandler({ exec: { command: ['sh', '-c', 'echo done'] } }, context(engine));
    assert.deepEqual({ ...r, startedAt: 0, finishedAt: 0 }, { handler: 'exec', ok: true, exitCode: 0, output: 'done\n', startedAt: 0, finishedAt: 0 });
    assert.ok(r.finishedAt > r.startedAt);
    assert.equal(cap, 10 * 1024);
    assert.deepEqual(engine.calls, [['sh', '-c', 'echo done']]);
  });

  test('exec non-zero exit: failure with the CRI error text', async () => {
    const engine = fakeEngine(async () => ({ exitCode: 3, output: 'nope\n', truncated: false }));
    const r = await runLifecycleHandler({ exec: { command: ['false'] } }, context(engine));
    assert.equal(r.ok, false);
    assert.equal(r.exitCode, 3);
    assert.equal(r.error, "command 'false' exited with 3: nope\n");
  });

  test('exec engine error: failure without an exit code', async () => {
    const engine = fakeEngine(async () => {
      throw new Error('container abc is not running');
    });
    const r = await runLifecycleHandler({ exec: { command: ['true'] } }, context(engine));
    assert.deepEqual([r.ok, r.exitCode, r.error], [false, undefined, 'container abc is not running']);
  });

  test('httpGet: any response succeeds, even a 500 (runHTTPHandler fails on transport errors only)', async () => {
    const engine = fakeEngine(async () => assert.fail('no exec'));
    const ok = await runLifecycleHandler(
      { httpGet: { path: '/fail', port: 8080, scheme: 'HTTP' } },
      context(engine, { 8080: server.port }),
    );
    assert.deepEqual([ok.ok, ok.handler, ok.httpStatus, ok.output, ok.error], [true, 'httpGet', 500, 'server error body', undefined]);
  });

  test('httpGet to a refused port fails with the transport error', async () => {
    const port = await freePort();
    const r = await runLifecycleHandler({ httpGet: { path: '/x', port: 80, scheme: 'HTTP' } }, context(fakeEngine(async () => assert.fail()), { 80: port }));
    assert.equal(r.ok, false);
    assert.equal(r.httpStatus, undefined);
    assert.equal(r.error, `Get "http://127.0.0.1:${port}/x": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  test('httpGet to an undeclared port fails before any request', async () => {
    const r = await runLifecycleHandler({ httpGet: { path: '/', port: 8081, scheme: 'HTTP' } }, context(fakeEngine(async () => assert.fail())));
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /port 8081 of the pod is not published/);
  });

  test('sleep completes, or fails with the kubelet message when aborted', async () => {
    const engine = fakeEngine(async () => assert.fail());
    const quick = await runLifecycleHandler({ sleep: { seconds: 0 } }, context(engine));
    assert.deepEqual([quick.ok, quick.handler, quick.error], [true, 'sleep', undefined]);

    const controller = new AbortController();
    const long = runLifecycleHandler({ sleep: { seconds: 300 } }, context(engine, {}, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const cut = await long;
    assert.deepEqual([cut.ok, cut.error], [false, 'container terminated before sleep hook finished']);
  });

  test('tcpSocket fails at run time as in the kubelet', async () => {
    const r = await runLifecycleHandler({ tcpSocket: { port: 8080 } }, context(fakeEngine(async () => assert.fail())));
    assert.equal(r.ok, false);
    assert.equal(r.handler, 'tcpSocket');
    assert.match(r.error ?? '', /^invalid handler: &LifecycleHandler\{/);
  });
});
