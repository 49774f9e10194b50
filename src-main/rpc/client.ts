// A BerthApi that forwards every call and subscription to a core serving on a local socket.
import { createConnection, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { isInPrivateSocketDir } from '../api/data-dir';
import { methodNames, type BerthApi, type TopicName, type TopicParams, type TopicPayload } from '../api/contract';
import { ApiError } from '../api/errors';
import { encode, LineDecoder, MAX_LINE_BYTES, parseServerMessage, type ClientMessage } from './protocol';
import { assertOwnSocket, assertPrivateSocketDir } from './socket-dir';

export type SocketApi = BerthApi & {
  close(): void;
  /**
   * Calls `listener` once when the connection ends (the controller went away, or close() was
   * called); at once when it already has. Returns a function that removes the listener.
   */
  onClose(listener: () => void): () => void;
};

export interface ConnectOptions {
  /** The socket's folder is the private fallback folder (strict checks). Default: whether `path` lies in privateSocketDir(). */
  privateDir?: boolean;
  /** The longest reply line read before the connection is refused (MAX_LINE_BYTES). */
  maxReplyBytes?: number;
}

/** What a closed connection rejects with, and what `logs -f` and friends report. */
export function controllerWentAway(path: string): ApiError {
  return new ApiError('NotConnected', `the Berth controller at ${path} went away`);
}

function connect(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Connects, or rejects when no core serves on the path (ENOENT / ECONNREFUSED). Refuses (with
 * UnsafeSocketError) a socket this user does not own, or a private folder others could use.
 */
export async function connectSocketApi(path: string, options: ConnectOptions = {}): Promise<SocketApi> {
  if (!path.startsWith('\\\\')) {
    if (options.privateDir ?? isInPrivateSocketDir(path)) assertPrivateSocketDir(dirname(path));
    assertOwnSocket(path);
  }
  const socket = await connect(path);
  const maxReplyBytes = options.maxReplyBytes ?? MAX_LINE_BYTES;
  const decoder = new LineDecoder(maxReplyBytes);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<number, (payload: unknown) => void>();
  let nextId = 1;
  let closedError: Error | null = null;
  /** Why we hung up on the controller: its reply could not be read. */
  let unreadable: Error | null = null;
  const hangUp = (what: string): void => {
    unreadable ??= new ApiError('NotConnected', `the Berth controller at ${path} sent ${what}; the connection was closed`);
    socket.destroy();
  };
  const closeListeners = new Set<() => void>();

  const send = (message: ClientMessage) => socket.write(encode(message));

  socket.on('data', (chunk: Buffer) => {
    if (unreadable) return;
    let lines: string[];
    try {
      lines = decoder.push(chunk);
    } catch {
      return hangUp(`a reply longer than ${maxReplyBytes} bytes`);
    }
    for (const line of lines) {
      const message = parseServerMessage(line);
      if (!message) return hangUp('a reply that is not a Berth message');
      if (message.type === 'push') {
        listeners.get(message.id)?.(message.payload);
        continue;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) continue;
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(ApiError.fromData(message.error));
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closedError = unreadable ?? controllerWentAway(path);
    for (const waiter of pending.values()) waiter.reject(closedError);
    pending.clear();
    listeners.clear();
    for (const listener of [...closeListeners]) listener();
    closeListeners.clear();
  });

  const request = (message: ClientMessage): Promise<unknown> => {
    if (closedError) return Promise.reject(closedError);
    return new Promise((resolve, reject) => {
      pending.set(message.id, { resolve, reject });
      send(message);
    });
  };

  const api = {} as Record<string, unknown>;
  for (const method of methodNames) {
    api[method] = (payload: unknown) => request({ id: nextId++, type: 'call', method, payload });
  }
  api.subscribe = <T extends TopicName>(topic: T, params: TopicParams<T>, listener: (payload: TopicPayload<T>) => void) => {
    const id = nextId++;
    listeners.set(id, listener as (payload: unknown) => void);
    request({ id, type: 'subscribe', topic, params }).catch((error: Error) => {
      listeners.delete(id);
      console.error(`berth: subscription to ${topic} failed: ${error.message}`);
    });
    return () => {
      listeners.delete(id);
      if (!closedError) send({ id, type: 'unsubscribe' });
    };
  };
  api.close = () => socket.end();
  api.onClose = (listener: () => void) => {
    if (closedError) {
      queueMicrotask(listener);
      return () => {};
    }
    closeListeners.add(listener);
    return () => closeListeners.delete(listener);
  };
  return api as unknown as SocketApi;
}
