// The HTTPS server of the Kubernetes API door: TLS with Berth's serving certificate, every request
// authenticated (authn.ts), then answered by discovery (non-resource.ts) or a resource handler
// (router.ts). Bounded: headers, bodies, handshakes and slow senders all have limits, and the
// pods' work never waits on a client (everything here is asynchronous).
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate } from './authn';
import { answerNonResource } from './non-resource';
import { parsePath } from './paths';
import type { HandlerContext, Router } from './router';
import { statuses, type Status } from './status';
import { entityTooLarge, unauthorized } from './status/door';
import type { TlsMaterial } from './tls/material';

/** The apiserver's default limit on a request body (--max-request-bytes… default 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const MAX_HEADER_BYTES = 32 * 1024;
const HEADERS_TIMEOUT_MS = 15_000;
/** Time to send the whole request (a body included); a watch's long answer is not bounded by it. */
const REQUEST_TIMEOUT_MS = 60_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past those timeouts (its default, 30 s, lets a stalled sender wait 45 s). */
const TIMEOUT_CHECK_MS = 2_000;
const MAX_CONNECTIONS = 512;

export interface KubeApiServerOptions {
  readonly material: TlsMaterial;
  readonly router: Router;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly host?: string;
  readonly log?: (message: string) => void;
  /** Time to send the request headers (15 s unless told; tests shorten it). */
  readonly headersTimeoutMs?: number;
}

export interface KubeApiServer {
  readonly port: number;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  close(): Promise<void>;
}

function writeBody(response: ServerResponse, code: number, contentType: string, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

const sendJson = (response: ServerResponse, body: unknown, code = 200, contentType = 'application/json') =>
  writeBody(response, code, contentType, JSON.stringify(body));

const sendStatus = (response: ServerResponse, failure: Status) => sendJson(response, failure, failure.code);

class BodyTooLarge extends Error {}

/** Reads the body up to `limit` bytes; past it answers 413 and stops reading. */
function bodyReader(request: IncomingMessage, response: ServerResponse, limit: number): () => Promise<Buffer> {
  let read: Promise<Buffer> | undefined;
  return () =>
    (read ??= new Promise<Buffer>((resolve, reject) => {
      const tooLarge = () => {
        sendStatus(response, entityTooLarge(limit));
        request.resume();
        reject(new BodyTooLarge());
      };
      if (Number(request.headers['content-length'] ?? 0) > limit) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          request.removeAllListeners('data');
          tooLarge();
          return;
        }
        chunks.push(chunk);
      });
      request.once('end', () => resolve(Buffer.concat(chunks)));
      request.once('error', reject);
    }));
}

async function handle(options: KubeApiServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const user = authenticate(request, options.material.token);
  if (!user) return sendStatus(response, unauthorized());
  const url = new URL(request.url ?? '/', 'https://berth.invalid');
  const parsed = parsePath(url.pathname);
  const address = request.socket.localAddress && request.socket.localPort ? `${request.socket.localAddress}:${request.socket.localPort}` : '';
  const answer = answerNonResource(parsed, request.headers.accept, address);
  if (answer) return writeBody(response, answer.code, answer.contentType, answer.body);
  if (parsed.kind !== 'resource') return;
  const route = options.router.route(request.method ?? 'GET', parsed.target, url.searchParams);
  if (route.kind === 'failure') return sendStatus(response, route.failure);
  const ctx: HandlerContext = {
    target: parsed.target,
    verb: route.verb,
    resource: route.resource,
    query: url.searchParams,
    user,
    request,
    response,
    readBody: bodyReader(request, response, MAX_BODY_BYTES),
    sendJson: (body, code, contentType) => sendJson(response, body, code, contentType),
    sendText: (code, contentType, text) => writeBody(response, code, contentType, text),
    sendStatus: (failure) => sendStatus(response, failure),
  };
  await route.handler(ctx);
}

/** Starts serving on `host` (127.0.0.1 unless told) and resolves once it listens. */
export async function startKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  const { material } = options;
  const server: Server = createServer(
    {
      key: material.serving.keyPem,
      cert: material.serving.certPem,
      // Client certificates are asked for and checked against Berth's CA only; one that does not
      // chain to it leaves the request unauthenticated (401), as the apiserver does.
      ca: [material.ca.certPem],
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, options.headersTimeoutMs ?? TIMEOUT_CHECK_MS),
    },
    (request, response) => {
      handle(options, request, response).catch((error: unknown) => {
        if (error instanceof BodyTooLarge) return;
        options.log?.(`Kubernetes API: ${request.method} ${request.url?.split('?')[0]} failed: ${(error as Error).message}`);
        sendStatus(response, statuses.internalError('the request could not be completed'));
      });
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  // A client that breaks off its handshake is its own problem, not the log's.
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    port,
    url: `https://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Watches and idle keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
