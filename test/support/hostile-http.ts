// Hostile HTTP servers for httpGet hooks, real Node servers on loopback, each behaviour under its
// own path (`/<behaviour>/<tag>`, the tag telling the test cases apart):
//   /silent/…          accepts the request and never answers (the socket stays open)
//   /trickle/…         answers after a delay, then dribbles a short body a few bytes at a time
//   /away/…            302 to the same path on the second server, 127.0.0.2 (another host)
//   /loop/…            302 to itself with the hop count, forever (a relative Location)
//   /huge/…            200 with `Content-Length: 10 GiB` and a body that never stops coming
//   /endless/…         200, chunked, a body that never stops coming
// Every request is recorded with its connection's fate (closed by the client, bytes the server
// got rid of). Bodies are written with backpressure, so the servers' own memory stays small and
// a client that stops reading stops them; a client that reads on is cut at 256 MiB, so a
// regression fails instead of streaming for ever.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay } from './pod-harness';

/** What the huge body claims to be: 10 GiB. */
export const HUGE_BODY_BYTES = 10 * 1024 ** 3;
/** A client still reading after this much is not going to stop: the server gives up. */
const READ_ON_LIMIT = 256 * 1024 ** 2;
/** The body pattern of /huge and /endless: a client's first bytes can be checked against it. */
export const BODY_PATTERN = 'berth-hostile-body\n';
/** What /trickle sends, one piece every TRICKLE_STEP_MS after a TRICKLE_STEP_MS wait for headers. */
export const TRICKLE_PIECES = ['slow', 'ly ', 'but ', 'sure', 'ly\n'];
export const TRICKLE_STEP_MS = 600;

export interface HostileRequest {
  url: string;
  at: number;
  /** When the connection closed (undefined while it is open). */
  closedAt?: number;
  /** Whether the server closed it itself (end of response, or the read-on limit). */
  closedByServer: boolean;
  /** Body bytes the server wrote (handed to the socket). */
  bodyBytes: number;
}

export interface HostileServers {
  /** The port of the hostile server on 127.0.0.1. */
  port: number;
  /** The port of the second server, on 127.0.0.2, the target of /away. */
  awayPort: number;
  /** Requests the 127.0.0.1 server got whose path starts with `prefix`. */
  requests(prefix: string): HostileRequest[];
  /** Requests the 127.0.0.2 server got (none expected: redirects to another host are not followed). */
  readonly awayRequests: HostileRequest[];
  /** Waits until a request under `prefix` has its connection closed; fails after `timeoutMs`. */
  waitClosed(prefix: string, timeoutMs?: number): Promise<HostileRequest>;
  close(): Promise<void>;
}

function listen(server: http.Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

function track(req: http.IncomingMessage, res: http.ServerResponse, log: HostileRequest[]): HostileRequest {
  const entry: HostileRequest = { url: req.url ?? '', at: Date.now(), closedByServer: false, bodyBytes: 0 };
  log.push(entry);
  res.on('finish', () => (entry.closedByServer = true));
  req.socket.on('close', () => (entry.closedAt = Date.now()));
  return entry;
}

/** Writes BODY_PATTERN for ever, as fast as the client takes it. */
function stream(res: http.ServerResponse, entry: HostileRequest): void {
  const chunk = Buffer.from(BODY_PATTERN.repeat(Math.ceil(65536 / BODY_PATTERN.length)));
  const pump = (): void => {
    while (!res.destroyed) {
      if (entry.bodyBytes >= READ_ON_LIMIT) {
        entry.closedByServer = true;
        res.destroy();
        return;
      }
      entry.bodyBytes += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

async function trickle(res: http.ServerResponse, entry: HostileRequest): Promise<void> {
  await delay(TRICKLE_STEP_MS);
  const body = TRICKLE_PIECES.join('');
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
  res.flushHeaders();
  for (const piece of TRICKLE_PIECES) {
    await delay(TRICKLE_STEP_MS);
    if (res.destroyed) return;
    entry.bodyBytes += Buffer.byteLength(piece);
    res.write(piece);
  }
  res.end();
}

export async function startHostileServers(): Promise<HostileServers> {
  const log: HostileRequest[] = [];
  const awayRequests: HostileRequest[] = [];
  const away = http.createServer((req, res) => {
    track(req, res, awayRequests);
    res.end('you should not be here\n');
  });
  const awayPort = await listen(away, '127.0.0.2');

  const server = http.createServer((req, res) => {
    const entry = track(req, res, log);
    const url = new URL(req.url ?? '/', 'http://hostile');
    const behaviour = url.pathname.split('/')[1];
    switch (behaviour) {
      case 'silent':
        return; // holds the socket, never answers
      case 'trickle':
        void trickle(res, entry);
        return;
      case 'away':
        res.writeHead(302, { Location: `http://127.0.0.2:${awayPort}${url.pathname}` }).end('moved away\n');
        return;
      case 'loop': {
        const hop = Number(url.searchParams.get('hop') ?? '0') + 1;
        res.writeHead(302, { Location: `${url.pathname}?hop=${hop}` }).end(`hop ${hop}\n`);
        return;
      }
      case 'huge':
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': HUGE_BODY_BYTES });
        stream(res, entry);
        return;
      case 'endless':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        stream(res, entry);
        return;
      default:
        res.writeHead(404).end(`no behaviour ${behaviour}\n`);
    }
  });
  // Node's own server timeouts would end a silent exchange after a while: the test decides.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  const port = await listen(server, '127.0.0.1');

  const requests = (prefix: string) => log.filter((r) => r.url.startsWith(prefix));
  return {
    port,
    awayPort,
    requests,
    awayRequests,
    async waitClosed(prefix, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const closed = requests(prefix).find((r) => r.closedAt !== undefined);
        if (closed) return closed;
        if (Date.now() > deadline) assert.fail(`no connection for ${prefix} was closed within ${timeoutMs} ms: ${JSON.stringify(requests(prefix))}`);
        await delay(50);
      }
    },
    async close() {
      for (const s of [server, away]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
