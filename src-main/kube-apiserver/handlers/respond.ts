// Writing an object, a list or a Table in the representation the client negotiated; YAML as
// the API server's YAML serializer writes it (the JSON object's keys in order).
import { stringify } from 'yaml';
import type { HandlerContext } from '../router';
import { statuses } from '../status';
import { toTable, type IncludeObject } from '../tables';
import type { KubeObjectLike } from '../tables/types';
import { negotiate, SERVED_MEDIA_TYPES, type Representation } from './negotiation';

/** The representation asked for, or undefined after answering 406 as the API server does. */
export function representationFor(ctx: HandlerContext): Representation | undefined {
  const chosen = negotiate(ctx.request.headers.accept);
  if (!chosen) ctx.sendStatus(statuses.notAcceptable(SERVED_MEDIA_TYPES));
  return chosen;
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

export function serialize(body: unknown, representation: Representation): string {
  return representation.as === 'yaml' ? stringify(body, { lineWidth: 0 }) : JSON.stringify(body);
}

export interface ListMeta {
  resourceVersion: string;
  continue?: string | undefined;
  remainingItemCount?: number | undefined;
}

/** A list (or one object, `single`) as the client asked: the object itself, or a Table of it. */
export function sendObjects(
  ctx: HandlerContext,
  representation: Representation,
  objects: readonly KubeObjectLike[],
  meta: ListMeta,
  asObject: unknown,
  now: number,
): void {
  if (representation.as === 'table') {
    const table = { ...toTable(ctx.resource.resource, objects, tableListMeta(meta), { now, includeObject: includeObjectOf(ctx.query) }), apiVersion: representation.tableApiVersion };
    ctx.sendJson(table, 200, representation.contentType);
    return;
  }
  ctx.sendText(200, representation.contentType, serialize(asObject, representation));
}

function tableListMeta(meta: ListMeta) {
  return {
    resourceVersion: meta.resourceVersion,
    ...(meta.continue ? { continue: meta.continue } : {}),
    ...(meta.remainingItemCount !== undefined ? { remainingItemCount: meta.remainingItemCount } : {}),
  };
}

