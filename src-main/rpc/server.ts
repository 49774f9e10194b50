// Serves a BerthApi on a local socket that only its owner can use (0600 in a 0700 folder).
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { isInPrivateSocketDir } from '../api/data-dir';
import type { BerthApi, TopicName, TopicParams, Unsubscribe } from '../api/contract';
import { dispatch, validateSubscription } from '../api/dispatch';
import { ApiError } from '../api/errors';
import { encode, LineDecoder, parseClientMessage, type ServerMessage } from './protocol';
import { ensurePrivateSocketDir } from './socket-dir';

/** How much unread output one client may leave waiting in the controller. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface SocketServer {
  readonly path: string;
  close(): Promise<void>;
}

/** True when something answers on the socket: a live server we must not replace. */
export function socketAnswers(path: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    const done = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function serveConnection(api: BerthApi, socket: Socket): void {
  const decoder = new LineDecoder();
  const subscriptions = new Map<number, Unsubscribe>();
  const send = (message: ServerMessage) => {
    if (socket.destroyed) return;
    // A client that stops reading (`logs -f` into a paused pager) must not make the controller
    // buffer without end: past the limit it is disconnected, and told so by the closed socket.
    if (socket.writableLength > MAX_BUFFERED_BYTES) {
      socket.destroy();
      return;
    }
    socket.write(encode(message));
  };
  const fail = (id: number, error: unknown) => send({ id, type: 'result', ok: false, error: ApiError.from(error).toData() });

  socket.on('data', (chunk: Buffer) => {
    let lines: string[];
    try {
      lines = decoder.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const line of lines) {
      const message = parseClientMessage(line);
      if (!message) {
        socket.destroy();
        return;
      }
      if (message.type === 'call') {
        dispatch(api, message.method, message.payload).then(
          (value) => send({ id: message.id, type: 'result', ok: true, value }),
          (error) => fail(message.id, error),
        );
      } else if (message.type === 'subscribe') {
        try {
          const { topic, params } = validateSubscription(message.topic, message.params);
          subscriptions.get(message.id)?.();
          subscriptions.set(
            message.id,
            api.subscribe(topic as TopicName, params as TopicParams<TopicName>, (payload) => send({ id: message.id, type: 'push', payload })),
          );
          send({ id: message.id, type: 'result', ok: true, value: null });
        } catch (error) {
          fail(message.id, error);
        }
      } else {
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
      }
    }
  });
  socket.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });
  socket.on('error', () => socket.destroy());
}

export interface ServeOptions {
  /**
   * The socket's folder is the shared-tmp fallback (see privateSocketDir): create it 0700 and
   * refuse it unless it is a real directory owned by this user with no group/other permissions.
   * Default: whether `path` lies in privateSocketDir().
   */
  privateDir?: boolean;
}

/**
 * Creates the socket's folder (0700) and, for the private fallback folder, refuses it unless only
 * this user can use it. serveApiOnSocket does this too; a controller calls it first so an unsafe
 * folder is reported as such (not as "another controller answers there").
 */
export function prepareSocketDir(path: string, options: ServeOptions = {}): void {
  if (path.startsWith('\\\\')) return;
  if (options.privateDir ?? isInPrivateSocketDir(path)) ensurePrivateSocketDir(dirname(path));
  else mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}

export async function serveApiOnSocket(api: BerthApi, path: string, options: ServeOptions = {}): Promise<SocketServer> {
  const isPipe = path.startsWith('\\\\');
  if (!isPipe) {
    prepareSocketDir(path, options);
    if (await socketAnswers(path)) throw new Error(`another Berth is already serving on ${path}`);
    rmSync(path, { force: true }); // a stale socket left by a process that died
  }
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(api, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A restrictive umask so the socket file is never reachable by others, not even briefly. It is
    // process-wide, so it is restored as soon as listen() returns: Node binds a unix socket
    // synchronously inside listen() (in a non-cluster process), and the chmod below covers any case
    // where it would not.
    const previousUmask = isPipe ? null : process.umask(0o177);
    try {
      server.listen(path, () => resolve());
    } finally {
      if (previousUmask !== null) process.umask(previousUmask);
    }
  });
  if (!isPipe) chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          if (!isPipe) rmSync(path, { force: true });
          resolve();
        });
      }),
  };
}
