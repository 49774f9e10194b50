// Navigation policy: the window only ever shows the app's own page. Links to a few documentation
// sites open in the user's browser; everything else (other pages, new windows, popups) is denied.
import { isAppUrl, type AppLocation } from './app-url';

/** https hosts whose pages may open in the external browser (the engine hints link to these). */
export const externalLinkHosts: readonly string[] = [
  'kubernetes.io',
  'docs.docker.com',
  'docs.podman.io',
  'podman.io',
];

export function isAllowedExternalUrl(url: string, hosts: readonly string[] = externalLinkHosts): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // No credentials in the URL: https://kubernetes.io@evil.example is not kubernetes.io.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return hosts.includes(parsed.hostname);
}

/** `will-navigate` / `will-redirect`: stay only when the target is the app's own page. */
export function mayNavigate(url: string, app: AppLocation): boolean {
  return isAppUrl(url, app);
}

export type WindowOpenDecision = { action: 'deny'; openExternally: string | null };

/** `setWindowOpenHandler`: never a new Electron window; allowed docs links go to the browser. */
export function decideWindowOpen(url: string, hosts: readonly string[] = externalLinkHosts): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url, hosts) ? url : null };
}
