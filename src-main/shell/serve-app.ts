// Serves the built renderer on berth://app/ (app-protocol.ts decides which file a request names).
// Each response carries the CSP itself: webRequest does not see responses of a custom protocol.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './app-protocol';

/** Before the app is ready (Electron's rule): the scheme gets its privileges once, for all sessions. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

export function serveApp(session: Session, rendererDir: string, cspPolicy: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const found = request.method === 'GET' || request.method === 'HEAD' ? resolveAppRequest(request.url, rendererDir) : null;
    if (!found) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(found.file);
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          'Content-Type': found.contentType,
          'Content-Security-Policy': cspPolicy,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        },
      });
    } catch {
      return new Response('not found', { status: 404 }); // missing, or a folder
    }
  });
}
