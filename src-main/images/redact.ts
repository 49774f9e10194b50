// Pull errors in the words a user should see: the engine's own message without dockerode's
// wrapper, and never a password, an auth header or URL credentials. Pure.
import { encodeAuthField } from './docker-config';

export const REDACTED = '[redacted]';

/** Passwords shorter than this are not searched for: replacing every "ab" would garble the text. */
const MIN_SECRET_LENGTH = 3;

/**
 * The engine's message: docker-modem wraps HTTP errors as
 * `(HTTP code 500) server error - <engine message> `; the engine message is what a user needs.
 */
export function engineErrorMessage(error: unknown): string {
  const json = (error as { json?: unknown } | null)?.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.trim();
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** Removes credentials from text: URL user info, X-Registry-Auth values, and the given secrets. */
export function redactSecrets(text: string, credentials: readonly { username: string; password: string }[] = []): string {
  let out = text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+):([^\s/@]+)@/gi, `$1$2:${REDACTED}@`)
    .replace(/(X-Registry-Auth["']?\s*[:=]\s*["']?)[A-Za-z0-9+/=_-]+/gi, `$1${REDACTED}`)
    .replace(/("password"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, `$1${REDACTED}$3`)
    .replace(/("auth"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, `$1${REDACTED}$3`);
  for (const { username, password } of credentials) {
    const secrets = [password, encodeAuthField(username, password), JSON.stringify(password).slice(1, -1)];
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
    }
  }
  return out;
}
