// Lifecycle handlers against real Docker and Podman containers: exec in a busybox container, and
// httpGet to a busybox httpd CGI script reached through a port published on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Engine } from '../../src-main/engine/engine';
import { formatPodFullName } from '../../src-main/kube/go-format';
import { hookFailureMessage } from '../../src-main/hooks/messages';
import { runLifecycleHandler } from '../../src-main/hooks/run-handler';
import type { HandlerContext } from '../../src-main/hooks/run-handler';
import { BUSYBOX_IMAGE, cleanupTestContainers, connectTestEngine, testEngineKinds, testLabels, testName } from '../support/engines';

/**
 * A CGI script that records `$REQUEST_METHOD $REQUEST_URI` in /tmp/hits and answers with it and
 * the request headers busybox httpd passes on (HTTP_*). The image has only a few applet links,
 * so other applets are called through `busybox`.
 */
const HTTPD = [
  'sh',
  '-c',
  [
    'busybox mkdir -p /www/cgi-bin',
    "cat > /www/cgi-bin/echo <<'EOF'",
    '#!/bin/sh',
    'echo "$REQUEST_METHOD $REQUEST_URI" >> /tmp/hits',
    "printf 'Content-Type: text/plain\\r\\n\\r\\n'",
    'echo "$REQUEST_METHOD $REQUEST_URI"',
    'env | busybox grep ^HTTP_ | busybox sort',
    'EOF',
    'busybox chmod +x /www/cgi-bin/echo',
    'exec httpd -f -p 8080 -h /www',
  ].join('\n'),
];

const POD = formatPodFullName('hooks-demo', 'default', 'uid-1');

async function waitForHttp(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/cgi-bin/echo?ready`);
      await res.text();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) assert.fail(`httpd on 127.0.0.1:${port} did not answer within 15 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const kind of testEngineKinds()) {
  describe(`lifecycle handlers on ${kind}`, () => {
    let engine: Engine;
    let containerId: string;
    let hostPort: number;
    let ctx: HandlerContext;

    before(async () => {
      engine = await connectTestEngine(kind);
      containerId = await engine.createContainer({
        name: testName('hooks'),
        image: BUSYBOX_IMAGE,
        labels: testLabels({ 'berth.test.case': 'hooks' }),
        cmd: HTTPD,
        portBindings: [{ containerPort: 8080 }],
      });
      await engine.startContainer(containerId);
      const published = (await engine.inspectContainer(containerId)).ports.find((p) => p.containerPort === 8080);
      assert.ok(published, 'port 8080 is published');
      assert.equal(published.hostIp, '127.0.0.1');
      hostPort = published.hostPort;
      await waitForHttp(hostPort);
      ctx = {
        engine,
        containerId,
        container: { name: 'main', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
        publishedPort: (p) => (p === 8080 ? hostPort : undefined),
        podIP: '10.88.0.9',
        kubeVersion: '1.33',
      };
    });

    after(async () => {
      if (engine) await cleanupTestContainers(engine);
    });

    test('exec succeeds with its output', async () => {
      const r = await runLifecycleHandler({ exec: { command: ['sh', '-c', 'echo out; echo err >&2'] } }, ctx);
      assert.equal(r.ok, true);
      assert.equal(r.exitCode, 0);
      // stdout and stderr travel as separate frames: their relative order is not guaranteed.
      assert.deepEqual(r.output.split('\n').sort(), ['', 'err', 'out']);
      assert.equal(r.error, undefined);
    });

    test('exec with a non-zero exit fails with the kubelet message', async () => {
      const handler = { exec: { command: ['sh', '-c', 'echo failing; exit 3'] } };
      const r = await runLifecycleHandler(handler, ctx);
      assert.deepEqual([r.ok, r.exitCode, r.output], [false, 3, 'failing\n']);
      assert.equal(r.error, "command 'sh -c echo failing; exit 3' exited with 3: failing\n");
      assert.equal(
        hookFailureMessage('PostStart', handler, r, 'main', POD),
        `Exec lifecycle hook ([sh -c echo failing; exit 3]) for Container "main" in Pod "${POD}" failed - error: ` +
          `command 'sh -c echo failing; exit 3' exited with 3: failing\n, message: "failing\\n"`,
      );
    });

    test('a missing command fails with 126/127 and the runtime\'s message', async () => {
      const r = await runLifecycleHandler({ exec: { command: ['badcommand'] } }, ctx);
      assert.equal(r.ok, false);
      assert.ok(r.exitCode === 126 || r.exitCode === 127, `exit code ${r.exitCode}`);
      assert.match(r.output, /badcommand/);
      assert.match(r.error ?? '', new RegExp(`^command 'badcommand' exited with ${r.exitCode}: `));
    });

    test('exec output beyond 10 KiB is cut at 10 KiB', async () => {
      const r = await runLifecycleHandler({ exec: { command: ['sh', '-c', 'busybox head -c 50000 /dev/zero | busybox tr "\\0" z'] } }, ctx);
      assert.equal(r.ok, true);
      assert.equal(r.output, 'z'.repeat(10 * 1024));
    });

    test('an exec still running when the signal aborts stops being waited for', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const r = await runLifecycleHandler({ exec: { command: ['sleep', '30'] } }, { ...ctx, signal: controller.signal });
      assert.deepEqual([r.ok, r.error], [false, 'context canceled']);
    });

    test('httpGet reaches the container through the published port with the kubelet\'s request', async () => {
      const r = await runLifecycleHandler(
        {
          httpGet: {
            path: '/cgi-bin/echo?msg=poststart',
            port: 'http',
            scheme: 'HTTP',
            httpHeaders: [{ name: 'X-Hook', value: 'post-start' }],
          },
        },
        ctx,
      );
      assert.equal(r.ok, true, r.error);
      assert.equal(r.httpStatus, 200);
      const lines = r.output.trim().split('\n');
      assert.equal(lines[0], 'GET /cgi-bin/echo?msg=poststart');
      for (const header of ['HTTP_USER_AGENT=kube-lifecycle/1.33', 'HTTP_ACCEPT=*/*', 'HTTP_X_HOOK=post-start', 'HTTP_HOST=10.88.0.9:8080']) {
        assert.ok(lines.includes(header), `${header} missing from:\n${r.output}`);
      }
      const hits = await engine.exec(containerId, ['cat', '/tmp/hits']);
      assert.match(hits.output, /^GET \/cgi-bin\/echo\?msg=poststart$/m, 'the script recorded the request');
    });

    test('httpGet to a declared but closed port fails with the transport error', async () => {
      const r = await runLifecycleHandler(
        { httpGet: { path: '/x', port: 9090, scheme: 'HTTP' } },
        { ...ctx, container: { name: 'main', ports: [{ containerPort: 9090, protocol: 'TCP' }] }, publishedPort: () => 1 },
      );
      assert.equal(r.ok, false);
      assert.match(r.error ?? '', /^Get "http:\/\/10\.88\.0\.9:9090\/x": dial tcp 127\.0\.0\.1:1: connect: connection refused$/);
    });

    test('sleep is cut short when the container stops', async () => {
      const sleeper = await engine.createContainer({ image: BUSYBOX_IMAGE, labels: testLabels(), cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done'] });
      await engine.startContainer(sleeper);
      const controller = new AbortController();
      const sleeping = runLifecycleHandler({ sleep: { seconds: 300 } }, { ...ctx, containerId: sleeper, signal: controller.signal });
      await engine.stopContainer(sleeper, 5);
      controller.abort();
      const r = await sleeping;
      assert.deepEqual([r.ok, r.handler, r.error], [false, 'sleep', 'container terminated before sleep hook finished']);
    });
  });
}
