// An HTTP-over-unix-socket forwarder between a client and an engine socket that counts the
// requests by kind (`classifyRequest`). Berth is pointed at it through DOCKER_HOST /
// CONTAINER_HOST, the floor through a dockerode client on its socket; what they send passes
// unchanged, streams and hijacked connections (exec, attach) included.
import { once } from 'node:events';
import { createServer, request, Agent, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { classifyRequest, type RequestClass, type RequestCounts } from './request-class';

export interface CountingProxy {
  /** The socket to point clients at. */
  readonly socketPath: string;
  /** The same as a DOCKER_HOST / CONTAINER_HOST value. */
  readonly address: string;
  /** Requests counted since the start or the last `reset`. */
  counts(): RequestCounts;
  reset(): void;
  close(): Promise<void>;
}

function rawHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function startCountingProxy(upstreamSocket: string, socketPath: string): Promise<CountingProxy> {
  let counts: RequestCounts = {};
  const count = (req: IncomingMessage) => {
    const kind: RequestClass = classifyRequest(req.method ?? 'GET', req.url ?? '/');
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  const agent = new Agent({ keepAlive: true });
  const open = new Set<Socket>();

  const server = createServer({ requestTimeout: 0, headersTimeout: 0 }, (req, res) => {
    count(req);
    const upstream = request({ socketPath: upstreamSocket, agent, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      // Streams (events, logs -f) answer their headers at once and data later: pass the headers on now.
      res.flushHeaders();
      answer.pipe(res);
    });
    upstream.on('error', (error) => res.destroy(error));
    // A client that gives up (an event stream closed, a wait aborted) ends the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  // The engine keeps idle connections open; a proxy that closed them would race the clients' reuse.
  server.keepAliveTimeout = 0;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  // Hijacked connections (exec start, attach): the request head is replayed, then bytes flow both ways.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    count(req);
    const engine = connect(upstreamSocket, () => {
      engine.write(rawHead(req));
      if (head.length) engine.write(head);
      client.pipe(engine);
      engine.pipe(client);
    });
    open.add(engine);
    engine.once('close', () => open.delete(engine));
    engine.on('error', () => client.destroy());
    client.on('error', () => engine.destroy());
    client.once('close', () => engine.destroy());
    engine.once('close', () => client.destroy());
  });

  server.listen(socketPath);
  await once(server, 'listening');
  return {
    socketPath,
    address: `unix://${socketPath}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}
