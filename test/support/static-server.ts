// Serves a built folder (out/renderer) on 127.0.0.1 and a random port, with the app's CSP
// header, for the Chromium tests, resolving paths and types as the app's berth://app/ does. Test code only.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveAppPath } from '../../src-main/shell/app-protocol';
import { formatCsp, productionCsp } from '../../src-main/shell/csp';

export interface StaticServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    // Chromium asks for one; the Electron window (berth:) does not. No icon, no 404 in the console.
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = resolveAppPath(pathname, root);
    if (!file) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': formatCsp(productionCsp),
          'Cache-Control': 'no-store',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
