// A watch as the API server streams it: one JSON watch event per line ({"type","object"}), the
// objects as Tables when kubectl asked for them (the column definitions in the first event
// only), BOOKMARKs when allowed, an ERROR event holding a 410 Expired Status when the version is
// too old, and the end after timeoutSeconds. A client that stops reading is cut off once its
// unread backlog passes a bound, so a stalled watcher costs memory only up to that bound.
import type { TopicPayload } from '../../api/contract';
import type { ApiObjectWithFields, ServedKind } from '../../api/kube-objects/kinds';
import { queryBool } from '../paths';
import type { HandlerContext } from '../router';
import { statuses } from '../status';
import { toTable } from '../tables';
import { statusOfError } from './api-errors';
import type { Representation } from './negotiation';
import { requestedObject, type ReadDeps } from './reads';
import { includeObjectOf, representationFor } from './respond';

type Push = TopicPayload<'kubeWatch'>;

/** Unread bytes a watcher may leave queued before it is disconnected. */
export const MAX_WATCH_BACKLOG_BYTES = 16 * 1024 * 1024;
/** The longest watch, as the API server's --min-request-timeout default bounds them (30 min). */
const MAX_WATCH_SECONDS = 1800;

function watchSeconds(query: URLSearchParams): number {
  const asked = query.get('timeoutSeconds');
  return asked && /^\d{1,9}$/.test(asked) ? Math.min(Number(asked), MAX_WATCH_SECONDS) : MAX_WATCH_SECONDS;
}

const flag = (query: URLSearchParams, name: string) => queryBool(query.get(name));

/** Turns each push into the line the API server would write. */
function encoder(ctx: HandlerContext, representation: Representation, now: () => number) {
  let headersSent = false;
  return (push: Push): string => {
    if (push.type === 'EXPIRED') return JSON.stringify({ type: 'ERROR', object: statuses.expired(push.message) });
    if (push.type === 'ERROR') return JSON.stringify({ type: 'ERROR', object: statuses.badRequest(push.message) });
    if (representation.as !== 'table' || push.type === 'BOOKMARK') return JSON.stringify(push);
    const table = toTable(ctx.resource.resource, [push.object as ApiObjectWithFields], { resourceVersion: push.object.metadata.resourceVersion }, {
      now: now(),
      includeObject: includeObjectOf(ctx.query),
      noHeaders: headersSent,
    });
    headersSent = true;
    return JSON.stringify({ type: push.type, object: { ...table, apiVersion: representation.tableApiVersion } });
  };
}

export function serveWatch(ctx: HandlerContext, kind: ServedKind, deps: ReadDeps): void {
  const representation = representationFor(ctx);
  if (!representation) return;
  const { query, response } = ctx;
  const early: Push[] = [];
  // Pushes replayed while subscribing wait here until the stream is open.
  const stream: { live?: (push: Push) => void } = {};
  let unsubscribe: (() => void) | undefined;
  const fieldSelector = [query.get('fieldSelector'), ctx.target.name ? `metadata.name=${ctx.target.name}` : null].filter(Boolean).join(',');
  try {
    unsubscribe = deps.api.subscribe(
      'kubeWatch',
      {
        kind,
        ...(ctx.target.namespace ? { namespace: ctx.target.namespace } : {}),
        ...(query.get('resourceVersion') ? { resourceVersion: query.get('resourceVersion')! } : {}),
        ...(flag(query, 'allowWatchBookmarks') !== undefined ? { allowWatchBookmarks: flag(query, 'allowWatchBookmarks')! } : {}),
        ...(flag(query, 'sendInitialEvents') !== undefined ? { sendInitialEvents: flag(query, 'sendInitialEvents')! } : {}),
        ...(query.get('labelSelector') ? { labelSelector: query.get('labelSelector')! } : {}),
        ...(fieldSelector ? { fieldSelector } : {}),
      },
      (push) => (stream.live ? stream.live(push) : early.push(push)),
    );
  } catch (error) {
    ctx.sendStatus(statusOfError(error, requestedObject(ctx)));
    return;
  }
  // A watch that cannot start (an invalid selector) is refused before the stream opens.
  if (early[0]?.type === 'ERROR') {
    unsubscribe();
    ctx.sendStatus(statuses.badRequest(early[0].message));
    return;
  }
  const encode = encoder(ctx, representation, deps.now);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    unsubscribe?.();
    if (!response.writableEnded) response.end();
  };
  const timer = setTimeout(end, watchSeconds(query) * 1000);
  response.on('close', end);
  response.writeHead(200, { 'Content-Type': representation.as === 'table' ? representation.contentType : 'application/json', 'Cache-Control': 'no-cache, private' });
  response.flushHeaders();
  stream.live = (push) => {
    if (ended) return;
    response.write(`${encode(push)}\n`);
    if (response.writableLength > MAX_WATCH_BACKLOG_BYTES) {
      response.destroy();
      end();
    } else if (push.type === 'EXPIRED' || push.type === 'ERROR') end();
  };
  for (const push of early.splice(0)) stream.live(push);
}
