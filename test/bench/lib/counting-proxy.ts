// An HTTP-over-unix-socket forwarder between a client and an engine socket that counts the
// requests by kind (`classifyRequest`) and keeps each one's start and end (the profile driver's
// timeline, test/bench/profile.ts). Berth is pointed at it through DOCKER_HOST /
// CONTAINER_HOST, the floor through a dockerode client on its socket; what they send passes
// unchanged, streams and hijacked connections (exec, attach) included.
import { once } from 'node:events';
import { createServer, request, Agent, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { classifyRequest, type RequestClass, type RequestCounts } from './request-class';

/** One request as the proxy saw it, in ms since the last `reset` (or the proxy's start). */
export interface TimedRequest {
  kind: RequestClass;
  method: string;
  /** Without the API version prefix and the query. */
  path: string;
  start: number;
  /** When the answer was passed on in full (a hijacked connection: when it closed); undefined while open. */
  end?: number;
  /** A create's `name` query, and the id it answered with. */
  name?: string;
  id?: string;
  /** The container a `/containers/{id}/…` request is about. */
  target?: string;
}

/** One engine event as it passed the proxy on an event stream, in ms since the last `reset`. */
export interface PassedEvent {
  at: number;
  action: string;
  id: string;
}

export interface CountingProxy {
  /** The socket to point clients at. */
  readonly socketPath: string;
  /** The same as a DOCKER_HOST / CONTAINER_HOST value. */
  readonly address: string;
  /** Requests counted since the start or the last `reset`. */
  counts(): RequestCounts;
  /** Requests since the start or the last `reset`, in the order they came, with their times. */
  timeline(): TimedRequest[];
  /** Container events passed on event streams since the start or the last `reset`. */
  events(): PassedEvent[];
  /** The names of the containers created through the proxy since it started, by id (kept over resets). */
  createdNames(): ReadonlyMap<string, string>;
  reset(): void;
  close(): Promise<void>;
}

function rawHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The container events in a chunk of an event stream (one JSON object a line; a split line is skipped). */
function passedEvents(chunk: string, at: number): PassedEvent[] {
  return chunk.split('\n').flatMap((line) => {
    try {
      const event = JSON.parse(line) as { Type?: string; Action?: string; status?: string; id?: string; Actor?: { ID?: string } };
      const id = event.Actor?.ID ?? event.id;
      return event.Type === 'container' && id ? [{ at, action: event.Action ?? event.status ?? '?', id }] : [];
    } catch {
      return [];
    }
  });
}

export async function startCountingProxy(upstreamSocket: string, socketPath: string): Promise<CountingProxy> {
  let counts: RequestCounts = {};
  let timeline: TimedRequest[] = [];
  let events: PassedEvent[] = [];
  const names = new Map<string, string>();
  let zero = performance.now();
  const count = (req: IncomingMessage): TimedRequest => {
    const kind: RequestClass = classifyRequest(req.method ?? 'GET', req.url ?? '/');
    counts[kind] = (counts[kind] ?? 0) + 1;
    const path = (req.url ?? '/').split('?')[0]!.replace(/^\/v\d+(\.\d+)*(?=\/)/, '');
    const timed: TimedRequest = { kind, method: req.method ?? 'GET', path, start: performance.now() - zero };
    const name = new URL(req.url ?? '/', 'http://engine').searchParams.get('name');
    if (kind === 'create' && name) timed.name = name;
    const target = /^\/containers\/([^/]+)\/[^/]+$/.exec(path)?.[1];
    if (target && kind !== 'create') timed.target = target;
    timeline.push(timed);
    return timed;
  };
  const ended = (timed: TimedRequest, at: number) => {
    timed.end ??= performance.now() - at;
  };
  const agent = new Agent({ keepAlive: true });
  const open = new Set<Socket>();

  const server = createServer({ requestTimeout: 0, headersTimeout: 0 }, (req, res) => {
    const timed = count(req);
    const at = zero;
    res.once('finish', () => ended(timed, at));
    const upstream = request({ socketPath: upstreamSocket, agent, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      // Streams (events, logs -f) answer their headers at once and data later: pass the headers on now.
      res.flushHeaders();
      if (timed.kind === 'events') answer.on('data', (chunk: Buffer) => events.push(...passedEvents(chunk.toString(), performance.now() - zero)));
      if (timed.kind === 'create') {
        let body = '';
        answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
        answer.on('end', () => {
          timed.id = /"Id"\s*:\s*"([0-9a-f]+)"/.exec(body)?.[1];
          if (timed.id && timed.name) names.set(timed.id, timed.name);
        });
      }
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
    const timed = count(req);
    const at = zero;
    client.once('close', () => ended(timed, at));
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
    timeline: () => timeline.map((t) => ({ ...t })),
    events: () => [...events],
    createdNames: () => names,
    reset: () => {
      counts = {};
      timeline = [];
      events = [];
      zero = performance.now();
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of open) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}
