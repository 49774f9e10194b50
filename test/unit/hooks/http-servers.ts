// Real HTTP/HTTPS servers on loopback for the httpGet handler and probe tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedTarget } from '../../../src-main/hooks/target';

export interface SeenRequest {
  method: string;
  url: string;
  /** Raw header lines as received, in order: [name, value, name, value, …]. */
  rawHeaders: string[];
}

export interface TestServer {
  port: number;
  host: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function listen(server: http.Server, host: string, seen: SeenRequest[]): Promise<TestServer> {
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        host,
        seen,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function recording(handler: Handler, seen: SeenRequest[]): Handler {
  return (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: [...req.rawHeaders] });
    handler(req, res);
  };
}

export function startHttpServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  return listen(http.createServer(recording(handler, seen)), host, seen);
}

/** A self-signed certificate made with openssl at test time. */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startHttpsServer(handler: Handler, tls: { key: string; cert: string }): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  return listen(https.createServer(tls, recording(handler, seen)), '127.0.0.1', seen);
}

/** A target that dials host:port directly (as with an explicit `host`). */
export function directTarget(host: string, port: number): ResolvedTarget {
  return {
    host,
    port,
    hostHeader: `${host}:${port}`,
    logicalHost: host,
    containerPort: port,
    dialFor: (h, p) => ({ host: h, port: p }),
  };
}

/** Header lines as name/value pairs, names lower-cased. */
export function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([(raw[i] ?? '').toLowerCase(), raw[i + 1] ?? '']);
  return pairs;
}

/** A port nothing listens on (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
