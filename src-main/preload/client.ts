// window.berth, built from the method and topic names alone: one function per method, each an
// ipcRenderer.invoke on the one call channel, plus subscribe(). Kept free of Electron imports
// so it runs (and is tested) with a fake IPC.
import type { BerthApi, TopicName, Unsubscribe } from '../api/contract';
import type { ApiErrorData } from '../api/results';
import { methodNames, topicNames } from '../api/names';
import { channels, type CallResult } from '../ipc/channels';

/** The slice of ipcRenderer the client uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What a failed call rejects with. A plain object, not an Error: contextBridge copies only an
 * Error's message, so `code` and `diagnostics` would be lost on the way to the page. The
 * renderer's lib/berth.ts turns it back into an Error.
 */
export type CallRejection = ApiErrorData & { name: 'ApiError' };

function unwrap(result: unknown): unknown {
  const envelope = result as CallResult;
  if (envelope && envelope.ok === true) return envelope.value;
  if (envelope && envelope.ok === false) {
    const rejection: CallRejection = { name: 'ApiError', ...envelope.error };
    throw rejection;
  }
  throw { name: 'ApiError', code: 'Internal', message: 'malformed reply from the main process' } satisfies CallRejection;
}

/** A per-page prefix, so ids from a reloaded page can never match the old page's. */
function pagePrefix(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
  return random.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}

export function createBerthClient(ipc: RendererIpc): BerthApi {
  const listeners = new Map<string, (payload: unknown) => void>();
  const prefix = pagePrefix();
  let nextId = 1;

  // One listener per channel, routing by subscription id.
  ipc.on(channels.push, (_event, id, payload) => {
    if (typeof id === 'string') listeners.get(id)?.(payload);
  });
  ipc.on(channels.subscribeFailed, (_event, id, error) => {
    if (typeof id !== 'string' || !listeners.delete(id)) return;
    console.error(`berth: subscription refused: ${(error as ApiErrorData | undefined)?.message ?? 'unknown error'}`);
  });

  const api: Record<string, unknown> = {};
  for (const method of methodNames) {
    api[method] = async (input: unknown) => unwrap(await ipc.invoke(channels.call, method, input));
  }
  api.subscribe = (topic: TopicName, params: unknown, listener: (payload: unknown) => void): Unsubscribe => {
    if (!topicNames.includes(topic)) throw new TypeError(`unknown topic ${String(topic)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const id = `${prefix}-${nextId++}`;
    listeners.set(id, listener);
    ipc.send(channels.subscribe, id, topic, params);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      listeners.delete(id);
      ipc.send(channels.unsubscribe, id);
    };
  };
  return Object.freeze(api) as BerthApi;
}
