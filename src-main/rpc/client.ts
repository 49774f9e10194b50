// A BerthApi that forwards every call and subscription to a core serving on a local socket.
import { createConnection, type Socket } from 'node:net';
import { methodNames, type BerthApi, type TopicName, type TopicParams, type TopicPayload } from '../api/contract';
import { ApiError } from '../api/errors';
import { encode, LineDecoder, type ClientMessage, type ServerMessage } from './protocol';

export type SocketApi = BerthApi & { close(): void };

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

/** Connects, or rejects when no core serves on the path (ENOENT / ECONNREFUSED). */
export async function connectSocketApi(path: string): Promise<SocketApi> {
  const socket = await connect(path);
  const decoder = new LineDecoder();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<number, (payload: unknown) => void>();
  let nextId = 1;
  let closedError: Error | null = null;

  const send = (message: ClientMessage) => socket.write(encode(message));

  socket.on('data', (chunk: Buffer) => {
    for (const line of decoder.push(chunk)) {
      const message = JSON.parse(line) as ServerMessage;
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
    closedError = new ApiError('NotConnected', `the Berth controller at ${path} closed the connection`);
    for (const waiter of pending.values()) waiter.reject(closedError);
    pending.clear();
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
  return api as unknown as SocketApi;
}
