// Node's network errors worded as Go's net/http words them, so that Berth's messages read like
// the kubelet's (`Get "http://10.0.0.5:8080/x": dial tcp 10.0.0.5:8080: connect: connection refused`).
import { joinHostPort } from './target';

/** Go's text for `http: server gave HTTP response to HTTPS client` (handlers.go isHTTPResponseError). */
export const HTTP_RESPONSE_TO_HTTPS_CLIENT = 'http: server gave HTTP response to HTTPS client';

interface NodeNetError {
  code?: string;
  message?: string;
}

/** A TLS handshake answered by a plain-HTTP server: OpenSSL reports a bad record version. */
export function isPlainHttpAnswerToTls(err: unknown): boolean {
  const e = err as NodeNetError | null;
  return (
    (e?.code === 'EPROTO' || e?.code === 'ERR_SSL_WRONG_VERSION_NUMBER') &&
    /wrong version number|http request/i.test(e.message ?? '')
  );
}

/** The part after `Get "<url>": ` for a transport error while talking to host:port. */
export function goDialError(err: unknown, host: string, port: number): string {
  const e = (err ?? {}) as NodeNetError;
  const addr = joinHostPort(host, port);
  switch (e.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'EHOSTUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${addr}: connect: network is unreachable`;
    case 'ETIMEDOUT':
      return `dial tcp ${addr}: i/o timeout`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${host}: no such host`;
    case 'ECONNRESET':
      // Node's "socket hang up": the peer closed before answering, which Go reports as EOF.
      return /hang up/i.test(e.message ?? '') ? 'EOF' : `read tcp ${addr}: read: connection reset by peer`;
    default:
      if (isPlainHttpAnswerToTls(err)) return HTTP_RESPONSE_TO_HTTPS_CLIENT;
      return e.message ?? String(err);
  }
}
