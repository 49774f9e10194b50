// IPC sender check: only the app's own page, in the window's top frame, may call the API.
// A sub-frame or a page the window was somehow navigated to gets nothing.
import { isAppUrl, type AppLocation } from './app-url';

export interface SenderFrameInfo {
  url: string;
  /** False for iframes. */
  isTopFrame: boolean;
}

export function isTrustedSender(frame: SenderFrameInfo | null | undefined, app: AppLocation): boolean {
  return !!frame && frame.isTopFrame && isAppUrl(frame.url, app);
}
