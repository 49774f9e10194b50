// Wires the IPC host to Electron: one handler per channel, the sender check on every message,
// and subscription cleanup when a page goes away or navigates.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { BerthApi } from '../api/contract';
import type { AppLocation } from '../shell/app-url';
import { isTrustedSender } from '../shell/sender';
import { channels } from './channels';
import { IpcHost, type Peer } from './host';
import type { ConfirmPrivileged } from './privileged-apply';

function peerOf(event: IpcMainEvent | IpcMainInvokeEvent, app: AppLocation): Peer<number> {
  const sender = event.sender;
  const frame = event.senderFrame;
  return {
    key: sender.id,
    trusted: isTrustedSender(frame && { url: frame.url, isTopFrame: frame.parent === null }, app),
    send: (channel, ...args) => {
      if (!sender.isDestroyed()) sender.send(channel, ...args);
    },
  };
}

/**
 * Registers the Berth channels; returns a function that removes them and closes subscriptions.
 * `confirmPrivileged` (keyed by the page's webContents id) asks before a privileged apply.
 */
export function registerIpc(api: BerthApi, app: AppLocation, confirmPrivileged: ConfirmPrivileged<number>): () => void {
  const host = new IpcHost<number>(api, { confirmPrivileged });
  const watched = new Set<number>();

  // Subscriptions belong to one page load: drop them when the page goes away or starts over.
  const watch = (contents: WebContents) => {
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    const id = contents.id;
    contents.once('destroyed', () => {
      watched.delete(id);
      host.forget(id);
    });
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) host.forget(id);
    });
    contents.on('render-process-gone', () => host.forget(id));
  };

  ipcMain.handle(channels.call, (event, method: unknown, payload: unknown) =>
    host.call(peerOf(event, app), method, payload),
  );
  ipcMain.on(channels.subscribe, (event, id: unknown, topic: unknown, params: unknown) => {
    watch(event.sender);
    host.subscribe(peerOf(event, app), id, topic, params);
  });
  ipcMain.on(channels.unsubscribe, (event, id: unknown) => host.unsubscribe(peerOf(event, app), id));

  return () => {
    ipcMain.removeHandler(channels.call);
    ipcMain.removeAllListeners(channels.subscribe);
    ipcMain.removeAllListeners(channels.unsubscribe);
    host.close();
  };
}
