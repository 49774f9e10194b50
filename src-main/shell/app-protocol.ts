// The app's own scheme: the built renderer is served as berth://app/… rather than file://, so the
// page has a real origin ('self' in the CSP means the app and nothing else on disk), gets its
// headers from us, and can read no file outside the renderer folder. Pure: which file a request
// names and what type it is; serve-app.ts answers the requests in Electron.
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'berth';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Standard (real origins, relative URLs), secure (like https: no mixed content, secure-context
 * APIs) and fetch for the page's own modules. Not corsEnabled (other origins cannot read it), not
 * bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** By extension; anything else is opaque bytes (sent with nosniff, so never run as a script). */
export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rootDir` that a URL path names ("/" is index.html), or null when it would leave
 * that folder or is not a plain path: `..` in any spelling (the URL parser already folds `%2e%2e`;
 * `%2f` and `%5c` decode to separators here and are refused), backslashes, NUL, drive letters and
 * anything that is not percent-decodable.
 */
export function resolveAppPath(pathname: string, rootDir: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded) || /^\/[A-Za-z]:/.test(decoded)) return null;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  const inside = relative(root, file);
  if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

export interface AppFile {
  file: string;
  contentType: string;
}

/** A berth://app/… request: the renderer file it asks for, or null for any other URL. */
export function resolveAppRequest(url: string, rendererDir: string): AppFile | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  const file = resolveAppPath(parsed.pathname, rendererDir);
  return file ? { file, contentType: contentTypeFor(file) } : null;
}
