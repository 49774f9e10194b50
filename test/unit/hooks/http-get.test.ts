// httpGet against real servers on loopback: what reaches the server, redirects, the body cap,
// aborts, TLS, the HTTPS→HTTP fallback and transport errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildRequestHeaders, buildUrl, canonicalHeaderName, httpGet } from '../../../src-main/hooks/http-get';
import { MAX_OUTPUT_BYTES } from '../../../src-main/hooks/limits';
import { resolveTarget } from '../../../src-main/hooks/target';
import { directTarget, freePort, headerPairs, selfSignedCert, startHttpServer, startHttpsServer } from './http-servers';
import type { TestServer } from './http-servers';

describe('request building (NewRequestForHTTPGetAction)', () => {
  test('headers in order, canonical names, defaults last; empty Accept removes it; Host overrides', () => {
    const built = buildRequestHeaders(
      [
        { name: 'x-first', value: '1' },
        { name: 'Host', value: 'custom.example' },
        { name: 'X-Second', value: '2' },
        { name: 'X-FIRST', value: '3' },
      ],
      'lifecycle',
      '1.33',
    );
    assert.equal(built.hostOverride, 'custom.example');
    assert.deepEqual(built.headers, [
      ['X-First', ['1', '3']],
      ['X-Second', ['2']],
      ['User-Agent', ['kube-lifecycle/1.33']],
      ['Accept', ['*/*']],
    ]);
    const probe = buildRequestHeaders([{ name: 'accept', value: '' }, { name: 'User-Agent', value: 'mine' }], 'probe', '1.33');
    assert.deepEqual(probe.headers, [['User-Agent', ['mine']]]);
    assert.equal(canonicalHeaderName('content-TYPE'), 'Content-Type');
    assert.equal(canonicalHeaderName('bad name'), 'bad name');
  });

  test('URL from scheme, authority and path: leading slash added, query kept, fragment dropped', () => {
    assert.equal(buildUrl('HTTP', '10.0.0.5:8080', 'echo?msg=poststart#frag').href, 'http://10.0.0.5:8080/echo?msg=poststart');
    assert.equal(buildUrl('HTTPS', '[::1]:443', '/').href, 'https://[::1]/');
  });
});

describe('httpGet against loopback servers', () => {
  let plain: TestServer;
  let other: TestServer;
  let tls: { key: string; cert: string };
  const socketsClosed: string[] = [];

  before(async () => {
    tls = selfSignedCert();
    other = await startHttpServer((_req, res) => res.end('other host'), '127.0.0.2');
    plain = await startHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const hop = Number(url.searchParams.get('hops') ?? '-1');
      if (url.pathname === '/chain') {
        if (hop > 0) {
          res.writeHead(302, { Location: `/chain?hops=${hop - 1}` }).end();
        } else res.end('end of chain');
      } else if (url.pathname === '/elsewhere') {
        res.writeHead(302, { Location: `http://127.0.0.2:${other.port}/landing` }).end('moved away');
      } else if (url.pathname === '/endless') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        const chunk = Buffer.alloc(64 * 1024, 'y');
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        req.socket.on('close', () => socketsClosed.push('endless'));
        pump();
      } else if (url.pathname === '/hang') {
        // never answers
      } else if (url.pathname === '/status') {
        res.writeHead(Number(url.searchParams.get('code'))).end('status body');
      } else {
        res.end(`${req.method} ${req.url}`);
      }
    });
  });

  after(async () => {
    await plain.close();
    await other.close();
  });

  test('sends GET with path, query, headers in order, User-Agent and Accept', async () => {
    const got = await httpGet({
      scheme: 'HTTP',
      path: '/echo?msg=poststart',
      httpHeaders: [
        { name: 'X-One', value: 'a' },
        { name: 'X-Two', value: 'b' },
      ],
      target: directTarget('127.0.0.1', plain.port),
      purpose: 'lifecycle',
      kubeVersion: '1.33',
    });
    assert.equal(got.error, undefined);
    assert.equal(got.response?.status, 200);
    assert.equal(got.response?.body, 'GET /echo?msg=poststart');
    const seen = plain.seen.at(-1);
    assert.equal(seen?.method, 'GET');
    const names = headerPairs(seen?.rawHeaders ?? []);
    assert.deepEqual(
      names.filter(([n]) => n !== 'connection'),
      [
        ['host', `127.0.0.1:${plain.port}`],
        ['x-one', 'a'],
        ['x-two', 'b'],
        ['user-agent', 'kube-lifecycle/1.33'],
        ['accept', '*/*'],
      ],
    );
  });

  test('a Host header in httpHeaders is the Host the server sees; probes say kube-probe', async () => {
    await httpGet({
      scheme: 'HTTP',
      path: '/h',
      httpHeaders: [{ name: 'Host', value: 'app.example' }],
      target: directTarget('127.0.0.1', plain.port),
      purpose: 'probe',
      kubeVersion: '1.33',
    });
    const pairs = headerPairs(plain.seen.at(-1)?.rawHeaders ?? []);
    assert.deepEqual(pairs.find(([n]) => n === 'host'), ['host', 'app.example']);
    assert.deepEqual(pairs.find(([n]) => n === 'user-agent'), ['user-agent', 'kube-probe/1.33']);
  });

  test('the pod target keeps podIP:containerPort in the Host header and dials the published port', async () => {
    const target = resolveTarget(
      { port: 'web' },
      { container: { name: 'main', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] }, publishedPort: (p) => (p === 8080 ? plain.port : undefined), podIP: '10.88.0.7' },
    );
    assert.ok(!(target instanceof Error));
    const got = await httpGet({ scheme: 'HTTP', path: 'chain?hops=2', target, purpose: 'lifecycle' });
    assert.equal(got.response?.body, 'end of chain', 'relative redirects on the pod are followed through the published port');
    assert.equal(got.url, 'http://10.88.0.7:8080/chain?hops=0');
    const hosts = plain.seen.slice(-3).map((s) => headerPairs(s.rawHeaders).find(([n]) => n === 'host')?.[1]);
    assert.deepEqual(hosts, ['10.88.0.7:8080', '10.88.0.7:8080', '10.88.0.7:8080']);
  });

  test('same-host redirects: 9 are followed, the 10th is refused (Go: stop after 10 requests)', async () => {
    const target = directTarget('127.0.0.1', plain.port);
    const before = plain.seen.length;
    const nine = await httpGet({ scheme: 'HTTP', path: '/chain?hops=9', target, purpose: 'lifecycle' });
    assert.equal(nine.error, undefined);
    assert.equal(nine.response?.body, 'end of chain');
    assert.equal(plain.seen.length - before, 10);

    const ten = await httpGet({ scheme: 'HTTP', path: '/chain?hops=10', target, purpose: 'lifecycle' });
    assert.equal(ten.response, undefined);
    // As Go's client words it: the Location as sent (here relative), not the resolved URL.
    assert.equal(ten.error, 'Get "/chain?hops=0": stopped after 10 redirects');
    assert.equal(plain.seen.length - before, 20, 'the 11th request is never sent');
  });

  test('a redirect to another host is not followed: its response is the answer', async () => {
    const before = other.seen.length;
    const got = await httpGet({ scheme: 'HTTP', path: '/elsewhere', target: directTarget('127.0.0.1', plain.port), purpose: 'lifecycle' });
    assert.equal(got.error, undefined);
    assert.equal(got.offHostRedirect, true);
    assert.equal(got.response?.status, 302);
    assert.equal(got.response?.body, 'moved away');
    assert.equal(other.seen.length, before, '127.0.0.2 was never contacted');
  });

  test('the body is read up to 10 KiB, then the connection is closed', async () => {
    const got = await httpGet({ scheme: 'HTTP', path: '/endless', target: directTarget('127.0.0.1', plain.port), purpose: 'lifecycle' });
    assert.equal(got.response?.status, 200);
    assert.equal(got.response?.body.length, MAX_OUTPUT_BYTES);
    assert.equal(got.response?.truncated, true);
    for (let i = 0; i < 100 && !socketsClosed.includes('endless'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(socketsClosed.includes('endless'), 'the server saw its socket closed');
  });

  test('a server that never answers: the AbortSignal ends the wait with Go\'s context canceled', async () => {
    const controller = new AbortController();
    const pending = httpGet({ scheme: 'HTTP', path: '/hang', target: directTarget('127.0.0.1', plain.port), purpose: 'lifecycle', signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const got = await pending;
    assert.equal(got.error, `Get "http://127.0.0.1:${plain.port}/hang": context canceled`);
  });

  test('a signal aborted before the request starts: context canceled, and no uncaught "socket hang up"', async () => {
    const uncaught: Error[] = [];
    const onUncaught = (error: Error) => uncaught.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      const got = await httpGet({ scheme: 'HTTP', path: '/hang', target: directTarget('127.0.0.1', plain.port), purpose: 'probe', signal: AbortSignal.abort() });
      assert.equal(got.error, `Get "http://127.0.0.1:${plain.port}/hang": context canceled`);
      // The destroyed request reports its error on a later tick: give it the chance to escape.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(uncaught.map((e) => e.message), []);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
    }
  });

  test('probes time out with Go\'s Client.Timeout message', async () => {
    const got = await httpGet({ scheme: 'HTTP', path: '/hang', target: directTarget('127.0.0.1', plain.port), purpose: 'probe', timeoutMs: 150 });
    assert.equal(got.error, `Get "http://127.0.0.1:${plain.port}/hang": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
  });

  test('HTTPS with a self-signed certificate is not verified', async () => {
    const secure = await startHttpsServer((req, res) => res.end(`tls ${req.url}`), tls);
    try {
      const got = await httpGet({ scheme: 'HTTPS', path: '/secure', target: directTarget('127.0.0.1', secure.port), purpose: 'lifecycle' });
      assert.equal(got.error, undefined);
      assert.equal(got.response?.body, 'tls /secure');
      assert.equal(got.fallbackWarning, undefined);
    } finally {
      await secure.close();
    }
  });

  test('HTTPS answered by plain HTTP: hooks retry over HTTP without Authorization and warn', async () => {
    const before = plain.seen.length;
    const got = await httpGet({
      scheme: 'HTTPS',
      path: '/fallback',
      httpHeaders: [{ name: 'Authorization', value: 'Bearer secret' }, { name: 'X-Kept', value: 'yes' }],
      target: directTarget('127.0.0.1', plain.port),
      purpose: 'lifecycle',
    });
    assert.equal(got.error, undefined);
    assert.equal(got.response?.body, 'GET /fallback');
    assert.equal(got.fallbackWarning, `request to HTTPS lifecycle hook 127.0.0.1:${plain.port} got HTTP response, retry with HTTP succeeded`);
    const seen = plain.seen.slice(before).filter((s) => s.method === 'GET');
    assert.equal(seen.length, 1);
    const names = headerPairs(seen[0]?.rawHeaders ?? []).map(([n]) => n);
    assert.ok(!names.includes('authorization'), 'Authorization is dropped on the plain-HTTP retry');
    assert.ok(names.includes('x-kept'));
  });

  test('probes do not fall back: HTTPS to a plain-HTTP server fails with Go\'s message', async () => {
    const got = await httpGet({ scheme: 'HTTPS', path: '/x', target: directTarget('127.0.0.1', plain.port), purpose: 'probe', timeoutMs: 2000 });
    assert.equal(got.fallbackWarning, undefined);
    assert.equal(got.error, `Get "https://127.0.0.1:${plain.port}/x": http: server gave HTTP response to HTTPS client`);
  });

  test('connection refused is a transport error in Go\'s words', async () => {
    const port = await freePort();
    const got = await httpGet({ scheme: 'HTTP', path: '/echo', target: directTarget('127.0.0.1', port), purpose: 'lifecycle' });
    assert.equal(got.response, undefined);
    assert.equal(got.error, `Get "http://127.0.0.1:${port}/echo": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });
});
