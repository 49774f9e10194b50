// The HTTP GET shared by httpGet lifecycle handlers and httpGet probes, ported from the
// kubelet's probe/http (NewRequestForHTTPGetAction, RedirectChecker, DoHTTPProbe) and
// lifecycle/handlers.go (runHTTPHandler). It reports what happened; the callers decide what
// counts as success (hooks: any response; probes: 200–399).
import http from 'node:http';
import https from 'node:https';
import { goQuote } from '../kube/go-format';
import type { HTTPHeader, KubeletEventReason } from '../model';
import { goDialError, isPlainHttpAnswerToTls } from './go-errors';
import { KUBE_COMPAT_VERSION, MAX_OUTPUT_BYTES } from './limits';
import { TargetError } from './target';
import type { ResolvedTarget } from './target';

/** `lifecycle` → `User-Agent: kube-lifecycle/<v>`; `probe` → `kube-probe/<v>` (request.go userAgent). */
export type HttpPurpose = 'lifecycle' | 'probe';

export interface HttpGetOptions {
  scheme: 'HTTP' | 'HTTPS';
  path: string;
  httpHeaders?: HTTPHeader[];
  target: ResolvedTarget;
  purpose: HttpPurpose;
  /** `<major>.<minor>` for the User-Agent; defaults to KUBE_COMPAT_VERSION. */
  kubeVersion?: string;
  /** Stops the request (hooks have no timeout of their own: the caller aborts). */
  signal?: AbortSignal;
  /** Probes: the whole exchange, headers and body, must finish within this (Go's Client.Timeout). */
  timeoutMs?: number;
}

export interface HttpResponseSummary {
  status: number;
  /** At most MAX_OUTPUT_BYTES of the body, decoded as UTF-8. */
  body: string;
  truncated: boolean;
}

export interface HttpGetOutcome {
  /** The last URL requested, as the kubelet would write it (pod IP and container port). */
  url: string;
  /** Absent when the exchange failed. */
  response?: HttpResponseSummary;
  /** Go-worded transport error, e.g. `Get "http://…": dial tcp …: connect: connection refused`. */
  error?: string;
  /** The response is a redirect to another host, which is not followed (RedirectChecker(false)). */
  offHostRedirect?: boolean;
  /**
   * Hooks only: HTTPS was answered with plain HTTP and the retry over HTTP worked; the message
   * of the kubelet's `LifecycleHTTPFallback` event.
   */
  fallbackWarning?: string;
}

export const LIFECYCLE_HTTP_FALLBACK_REASON: KubeletEventReason = 'LifecycleHTTPFallback';

/** Go's http.Client default: stop when 10 requests have been made (`len(via) >= 10`). */
const MAX_REQUESTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Go's textproto.CanonicalMIMEHeaderKey: `x-request-id` → `X-Request-Id`; odd names stay as given. */
export function canonicalHeaderName(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export interface RequestHeaders {
  /** A `Host` from httpHeaders, which replaces the URL's authority in the Host header. */
  hostOverride?: string;
  /** Name → values, in order of first appearance; the defaults come last. */
  headers: Array<[string, string[]]>;
}

/**
 * httpHeaders in order (repeated names grouped, as Go's http.Header does), then the defaults
 * the kubelet adds when absent: `User-Agent: kube-<purpose>/<version>` and an Accept header accepting any type.
 * An explicit empty `Accept` removes it; an empty `User-Agent` is not sent (newProbeRequest).
 */
export function buildRequestHeaders(
  httpHeaders: HTTPHeader[] | undefined,
  purpose: HttpPurpose,
  kubeVersion: string = KUBE_COMPAT_VERSION,
): RequestHeaders {
  const grouped = new Map<string, string[]>();
  for (const { name, value } of httpHeaders ?? []) {
    const key = canonicalHeaderName(name);
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  }
  const hostOverride = grouped.get('Host')?.[0];
  grouped.delete('Host');
  if (!grouped.has('User-Agent')) grouped.set('User-Agent', [`kube-${purpose}/${kubeVersion}`]);
  else if (grouped.get('User-Agent')?.[0] === '') grouped.delete('User-Agent');
  if (!grouped.has('Accept')) grouped.set('Accept', ['*/*']);
  else if (grouped.get('Accept')?.[0] === '') grouped.delete('Accept');
  return { ...(hostOverride ? { hostOverride } : {}), headers: [...grouped] };
}

/** The kubelet's formatURL: scheme + authority + the action's path (query kept, leading `/` added). */
export function buildUrl(scheme: 'HTTP' | 'HTTPS', authority: string, path: string): URL {
  const url = new URL(`${scheme.toLowerCase()}://${authority}`);
  const withoutFragment = path.split('#', 1)[0] ?? '';
  const q = withoutFragment.indexOf('?');
  const pathname = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  url.pathname = pathname.startsWith('/') ? pathname : `/${pathname}`;
  if (q !== -1) url.search = withoutFragment.slice(q);
  return url;
}

/** Why an exchange stopped early: the caller's signal or the probe timeout. */
class Stopped extends Error {
  constructor(readonly why: 'canceled' | 'timeout') {
    super(why);
  }
}

interface Exchange {
  status: number;
  location?: string;
  body: string;
  truncated: boolean;
}

/** One request, body read up to the limit; past it the socket is destroyed (a 10 GB body is never read). */
function exchangeOnce(
  url: URL,
  dial: { host: string; port: number },
  hostHeader: string,
  headers: Array<[string, string[]]>,
  signal: AbortSignal,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request({
      host: dial.host.replace(/^\[|\]$/g, ''),
      port: dial.port,
      method: 'GET',
      path: url.pathname + url.search,
      setHost: false,
      agent: false,
      rejectUnauthorized: false,
    });
    req.setHeader('Host', hostHeader);
    for (const [name, values] of headers) req.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);

    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      req.destroy();
      finish(() => reject(signal.reason instanceof Stopped ? signal.reason : new Stopped('canceled')));
    };
    // Listen for errors before anything can destroy the request: a request destroyed with no
    // listener (aborted before it had a socket) throws "socket hang up" as an uncaught exception.
    req.on('error', (err) => finish(() => reject(err)));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (): void => {
        const body = Buffer.concat(chunks).subarray(0, MAX_OUTPUT_BYTES).toString('utf8');
        const location = res.headers.location;
        finish(() => resolve({ status: res.statusCode ?? 0, body, truncated, ...(location ? { location } : {}) }));
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_OUTPUT_BYTES) {
          truncated = size > MAX_OUTPUT_BYTES || !res.complete;
          done();
          // Stop reading: destroying the response closes the connection.
          res.destroy();
          req.destroy();
        }
      });
      res.on('end', done);
      res.on('error', (err) => finish(() => reject(err)));
      res.on('close', () => {
        if (!settled && res.complete) done();
        else if (!settled) finish(() => reject(Object.assign(new Error('unexpected EOF'), { code: 'EUNEXPECTEDEOF' })));
      });
    });
    req.end();
  });
}

function describeFailure(err: unknown, url: URL, dial: { host: string; port: number }): string {
  if (err instanceof Stopped) {
    return err.why === 'timeout'
      ? `Get "${url.href}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`
      : `Get "${url.href}": context canceled`;
  }
  if ((err as { code?: string })?.code === 'EUNEXPECTEDEOF') return `Get "${url.href}": unexpected EOF`;
  return `Get "${url.href}": ${goDialError(err, dial.host, dial.port)}`;
}

/** Follows same-host redirects like the kubelet's client; returns the final response or the error. */
async function getFollowingRedirects(
  start: URL,
  opts: HttpGetOptions,
  built: RequestHeaders,
  signal: AbortSignal,
): Promise<{ outcome: HttpGetOutcome; rawError?: unknown }> {
  const firstHostname = start.hostname;
  let url = start;
  let hostOverride = built.hostOverride;
  for (let requests = 1; ; requests++) {
    const dial = requests === 1 ? { host: opts.target.host, port: opts.target.port } : opts.target.dialFor(url.hostname, portOf(url));
    if (dial instanceof TargetError) return { outcome: { url: url.href, error: `Get "${url.href}": ${dial.message}` } };
    let exchange: Exchange;
    try {
      exchange = await exchangeOnce(url, dial, hostOverride ?? url.host, built.headers, signal);
    } catch (err) {
      return { outcome: { url: url.href, error: describeFailure(err, url, dial) }, rawError: err };
    }
    const response: HttpResponseSummary = { status: exchange.status, body: exchange.body, truncated: exchange.truncated };
    if (!REDIRECT_STATUSES.has(exchange.status) || exchange.location === undefined) return { outcome: { url: url.href, response } };

    let next: URL;
    try {
      next = new URL(exchange.location, url);
    } catch {
      return { outcome: { url: url.href, error: `Get "${url.href}": failed to parse Location header "${exchange.location}"` } };
    }
    // RedirectChecker(false): another host is not followed; its response is the answer.
    if (next.hostname !== firstHostname) return { outcome: { url: url.href, response, offHostRedirect: true } };
    // Go's client names the Location as the server sent it (url.Error.URL = loc), relative or not.
    if (requests >= MAX_REQUESTS) return { outcome: { url: next.href, error: `Get ${goQuote(exchange.location)}: stopped after 10 redirects` } };
    // Go keeps a custom Host header only through a relative Location (net/http issue 22233).
    if (hostOverride !== undefined && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(exchange.location)) hostOverride = undefined;
    url = next;
  }
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * GET the action's URL. Hooks (purpose `lifecycle`): HTTPS answered by a plain-HTTP server is
 * retried over HTTP without the Authorization header, and the kubelet's fallback warning is
 * returned when the retry worked (handlers.go runHTTPHandler).
 */
export async function httpGet(opts: HttpGetOptions): Promise<HttpGetOutcome> {
  const built = buildRequestHeaders(opts.httpHeaders, opts.purpose, opts.kubeVersion);
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(new Stopped('canceled'));
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const timer =
    opts.timeoutMs !== undefined ? setTimeout(() => controller.abort(new Stopped('timeout')), opts.timeoutMs) : undefined;
  try {
    const start = buildUrl(opts.scheme, opts.target.hostHeader, opts.path);
    const first = await getFollowingRedirects(start, opts, built, controller.signal);
    if (opts.purpose !== 'lifecycle' || opts.scheme !== 'HTTPS' || !isPlainHttpAnswerToTls(first.rawError)) {
      return first.outcome;
    }
    const plain = new URL(start.href);
    plain.protocol = 'http:';
    const withoutAuth = { ...built, headers: built.headers.filter(([name]) => name !== 'Authorization') };
    const retry = await getFollowingRedirects(plain, opts, withoutAuth, controller.signal);
    // The kubelet keeps the HTTPS error when the HTTP retry fails too.
    if (retry.outcome.error !== undefined) return first.outcome;
    return {
      ...retry.outcome,
      fallbackWarning: `request to HTTPS lifecycle hook ${plain.host} got HTTP response, retry with HTTP succeeded`,
    };
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}
