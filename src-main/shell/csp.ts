// The renderer's Content-Security-Policy. The page is local and talks to the core only through
// the preload, so it needs nothing but its own scripts, styles and images. The main process sends
// it as a response header (berth://app/ in serve-app.ts, the dev server in harden.ts); index.html
// carries it as a <meta> tag too, and the build fails if that copy differs (electron.vite.config.ts).

export type CspDirectives = Record<string, readonly string[]>;

export const productionCsp: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The dev server's policy: Vite's hot reload injects component styles as <style> elements and
 * talks over a WebSocket, so dev (and only dev) allows inline styles and ws: to localhost.
 */
export const devCsp: CspDirectives = {
  ...productionCsp,
  'style-src': ["'self'", "'unsafe-inline'"],
  'connect-src': ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'],
};

export function formatCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Directives a <meta> policy may not carry: browsers ignore them there, with a console error. */
const headerOnly = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as index.html's <meta http-equiv="Content-Security-Policy"> states it. */
export function formatMetaCsp(directives: CspDirectives): string {
  return formatCsp(Object.fromEntries(Object.entries(directives).filter(([name]) => !headerOnly.has(name))));
}

/** Returns the headers with the policy set, replacing any policy the response already carried. */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
