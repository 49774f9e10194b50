// Which URLs are the app's own page: the built index.html (file:) in production, the dev
// server's origin in development. Navigation, window.open and IPC sender checks all ask this.

export interface AppLocation {
  /** The URL the window loads: file:///…/out/renderer/index.html or http://localhost:5173/. */
  entryUrl: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is the app's own page (any hash or query; a file: page must be the same file). */
export function isAppUrl(url: string, app: AppLocation): boolean {
  const candidate = parse(url);
  const entry = parse(app.entryUrl);
  if (!candidate || !entry) return false;
  if (entry.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === entry.host && candidate.pathname === entry.pathname;
  }
  // A dev server serves the page and its modules from one origin.
  return (candidate.protocol === 'http:' || candidate.protocol === 'https:') && candidate.origin === entry.origin;
}
