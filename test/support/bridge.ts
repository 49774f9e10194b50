// The test bridge: gives a Chromium page the window.berth the Electron app gives it, backed by a
// real core. Test code only, never shipped.
//
// It runs the *built* preload (out/preload/index.cjs) in the page, with a stand-in for the
// `electron` module: contextBridge.exposeInMainWorld sets window.berth, and ipcRenderer's
// invoke/send go to Node through Playwright bindings. On the Node side the same IpcHost the
// Electron main process uses (sender check, payload validation, subscription registry) answers,
// and pushes come back through page.evaluate. So the page, the preload and the IPC handling are
// the shipped ones; only Electron's transport is replaced.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { BerthApi } from '../../src-main/api/contract';
import { ApiError } from '../../src-main/api/errors';
import { errorData } from '../../src-main/ipc/call';
import { channels, type CallResult } from '../../src-main/ipc/channels';
import { IpcHost, type Peer } from '../../src-main/ipc/host';
import { isTrustedSender } from '../../src-main/shell/sender';

/** What Playwright tells a binding about its caller. */
type BindingSource = Parameters<Parameters<Page['exposeBinding']>[1]>[0];

const INVOKE = '__berthTestIpcInvoke';
const SEND = '__berthTestIpcSend';
const EMIT = '__berthTestIpcEmit';

/** Runs in the page before its scripts: a fake `electron` module, then the preload bundle. */
function pageScript(preloadSource: string): string {
  return `(() => {
  // One id per page load, so the Node side can drop a reloaded page's old subscriptions.
  const load = Math.random().toString(36).slice(2);
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window.${INVOKE}(load, channel, args).then((text) => JSON.parse(text)),
    send: (channel, ...args) => { void window.${SEND}(load, channel, args); },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, []);
      listeners.get(channel).push(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true }),
  };
  Object.defineProperty(window, '${EMIT}', {
    value: (channel, text) => { const args = JSON.parse(text); for (const listener of listeners.get(channel) || []) listener({}, ...args); },
  });
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('the preload may require only electron, not ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

export interface Bridge {
  host: IpcHost<string>;
  /** Messages the host refused (untrusted sender, bad subscription). */
  warnings: string[];
}

export interface BridgeOptions {
  api: BerthApi;
  /** The URL the app page is served from; only it (top frame) may use the bridge. */
  appUrl: string;
  /** The built preload; defaults to out/preload/index.cjs. */
  preloadPath?: string;
}

export async function installBridge(page: Page, options: BridgeOptions): Promise<Bridge> {
  const preloadPath = options.preloadPath ?? new URL('../../out/preload/index.cjs', import.meta.url);
  const preloadSource = await readFile(preloadPath, 'utf8');
  const warnings: string[] = [];
  const host = new IpcHost<string>(options.api, { warn: (message) => warnings.push(message) });
  const app = { entryUrl: options.appUrl };
  let currentLoad: string | null = null;

  const peer = (source: BindingSource, load: unknown): Peer<string> => {
    const key = typeof load === 'string' ? load : '';
    if (key && key !== currentLoad) {
      if (currentLoad) host.forget(currentLoad);
      currentLoad = key;
    }
    return {
      key,
      trusted: key !== '' && isTrustedSender({ url: source.frame.url(), isTopFrame: source.frame.parentFrame() === null }, app),
      send: (channel, ...args) => {
        if (key !== currentLoad) return;
        page
          .evaluate(([name, c, a]) => (window as unknown as Record<string, (c: string, a: string) => void>)[name]!(c, a), [EMIT, channel, JSON.stringify(args)] as const)
          .catch(() => {}); // the page is gone or navigating: nothing to deliver to
      },
    };
  };

  // Results and pushes cross as JSON text: Playwright's own serialisation of a big object graph
  // takes ~0.5 s per 1 000 events, which Electron's IPC (structured clone) does not.
  await page.exposeBinding(INVOKE, async (source, load: unknown, channel: unknown, args: unknown): Promise<string> => {
    const list = Array.isArray(args) ? args : [];
    const result: CallResult =
      channel === channels.call
        ? await host.call(peer(source, load), list[0], list[1])
        : { ok: false, error: errorData(new ApiError('BadRequest', 'unknown channel')) };
    return JSON.stringify(result);
  });
  await page.exposeBinding(SEND, (source, load: unknown, channel: unknown, args: unknown) => {
    const list = Array.isArray(args) ? args : [];
    if (channel === channels.subscribe) host.subscribe(peer(source, load), list[0], list[1], list[2]);
    else if (channel === channels.unsubscribe) host.unsubscribe(peer(source, load), list[0]);
  });
  await page.addInitScript({ content: pageScript(preloadSource) });
  page.once('close', () => host.close());
  return { host, warnings };
}
