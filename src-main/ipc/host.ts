// The main-process side of the bridge, independent of Electron: what to do with each message
// from a page. register.ts wires it to ipcMain; the test bridge wires it to Chromium bindings.
import { ApiError } from '../api/errors';
import type { BerthApi } from '../api/contract';
import { callApi, errorData } from './call';
import { channels, type CallResult } from './channels';
import { applyWithConfirmation, asksForPrivileged, type ConfirmPrivileged } from './privileged-apply';
import { SubscriptionRegistry } from './subscriptions';

/** A page talking to the host: who it is, whether it passed the sender check, how to reach it. */
export interface Peer<PageKey> {
  key: PageKey;
  trusted: boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcHostOptions<PageKey> {
  /** Where refused messages are reported (the page cannot be trusted to). */
  warn?: (message: string) => void;
  /**
   * When set, an apply asking for `allowPrivileged` goes ahead only if this confirms it (the
   * Electron door: a native dialog). Unset, the page's flag is taken as is (the test bridge).
   */
  confirmPrivileged?: ConfirmPrivileged<PageKey>;
}

export class IpcHost<PageKey> {
  readonly subscriptions: SubscriptionRegistry<PageKey>;
  private readonly warn: (message: string) => void;
  private readonly confirmPrivileged: ConfirmPrivileged<PageKey> | undefined;

  constructor(
    private readonly api: BerthApi,
    options: IpcHostOptions<PageKey> = {},
  ) {
    this.subscriptions = new SubscriptionRegistry<PageKey>(api);
    this.warn = options.warn ?? ((message) => console.warn(`berth ipc: ${message}`));
    this.confirmPrivileged = options.confirmPrivileged;
  }

  async call(peer: Peer<PageKey>, method: unknown, payload: unknown): Promise<CallResult> {
    if (!peer.trusted) {
      this.warn('refused a call from a page that is not the Berth window');
      return { ok: false, error: errorData(new ApiError('BadRequest', 'sender is not the Berth window')) };
    }
    if (this.confirmPrivileged && asksForPrivileged(method, payload)) {
      return applyWithConfirmation(this.api, peer.key, payload as object, this.confirmPrivileged);
    }
    return callApi(this.api, method, payload);
  }

  subscribe(peer: Peer<PageKey>, id: unknown, topic: unknown, params: unknown): void {
    if (!peer.trusted) {
      this.warn('refused a subscription from a page that is not the Berth window');
      return;
    }
    try {
      this.subscriptions.add(peer.key, id, topic, params, (subscriptionId, payload) =>
        peer.send(channels.push, subscriptionId, payload),
      );
    } catch (error) {
      const data = errorData(error);
      this.warn(`refused a subscription: ${data.message}`);
      // Only echo a well-formed id back: the page matches on it.
      if (typeof id === 'string' && id.length <= 64) peer.send(channels.subscribeFailed, id, data);
    }
  }

  unsubscribe(peer: Peer<PageKey>, id: unknown): void {
    if (peer.trusted) this.subscriptions.remove(peer.key, id);
  }

  /** The page is gone or has navigated: its subscriptions go with it. */
  forget(key: PageKey): void {
    this.subscriptions.dropPage(key);
  }

  close(): void {
    this.subscriptions.dropAll();
  }
}
