// Applies the shell policies to Electron objects: navigation, new windows, permissions and the
// CSP header. The decisions themselves are pure functions in this folder, tested without Electron.
import { shell, type Session, type WebContents } from 'electron';
import type { AppLocation } from './app-url';
import { withCspHeader } from './csp';
import { decideWindowOpen, mayNavigate } from './navigation';

export function hardenContents(contents: WebContents, app: AppLocation): void {
  const stayOnApp = (event: { preventDefault(): void; url: string }) => {
    if (!mayNavigate(event.url, app)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

export function hardenSession(session: Session, cspPolicy: string): void {
  // The app needs no camera, notifications, geolocation or the like.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The dev server's responses; berth://app/ responses carry the policy from serve-app.ts (webRequest
  // does not see a custom protocol's responses), and index.html's <meta> tag states it as well.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, cspPolicy) });
  });
}
