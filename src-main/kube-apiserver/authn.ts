// Authentication as the apiserver does it, with Berth's two credentials: a client certificate
// that chains to Berth's CA (TLS verified it: the server trusts that CA alone), or the bearer
// token, compared in constant time. Nothing else gets in; there is no anonymous user.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestUser } from './router';

/** What a bearer token authenticates as (the same admin as the client certificate). */
export const TOKEN_USER: Omit<RequestUser, 'via'> = { name: 'berth-admin', groups: ['system:masters'] };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares through digests so neither the length nor the content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** `Authorization: Bearer <token>` → the token (the scheme is case-insensitive, as in Go). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function certificateUser(socket: TLSSocket): RequestUser | undefined {
  if (!socket.authorized) return undefined;
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.subject) return undefined;
  const field = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const [name] = field(peer.subject.CN);
  if (!name) return undefined;
  return { name, groups: field(peer.subject.O), via: 'client-certificate' };
}

/** The user behind a request, or undefined: the caller answers 401. */
export function authenticate(request: IncomingMessage, expectedToken: string): RequestUser | undefined {
  const fromCert = certificateUser(request.socket as TLSSocket);
  if (fromCert) return fromCert;
  const token = bearerToken(request.headers.authorization);
  if (token !== undefined && tokenMatches(token, expectedToken)) return { ...TOKEN_USER, via: 'bearer-token' };
  return undefined;
}
