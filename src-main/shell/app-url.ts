// Which URLs are the app's own page: the built index.html (berth://app/index.html, see
// app-protocol.ts) in production, the dev server's origin in development. Navigation,
// window.open and IPC sender checks all ask this.

export interface AppLocation {
  /** The URL the window loads: berth://app/index.html, or the dev server's http://localhost:5173/. */
  entryUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own page: any hash or query, but a built page (berth:, or file:)
 * must be the same scheme, host and path — the page, not another file beside it.
 */
export function isAppUrl(url: string, app: AppLocation): boolean {
  const candidate = parse(url);
  const entry = parse(app.entryUrl);
  if (!candidate || !entry) return false;
  if (entry.protocol !== 'http:' && entry.protocol !== 'https:') {
    const same = candidate.protocol === entry.protocol && candidate.host === entry.host && candidate.pathname === entry.pathname;
    return same && !candidate.username && !candidate.password;
  }
  // A dev server serves the page and its modules from one origin.
  return (candidate.protocol === 'http:' || candidate.protocol === 'https:') && candidate.origin === entry.origin;
}
