// metadata shared by every conversion: the server-owned fields, and uids for what Berth
// synthesizes (namespaces, the node, events) that stay the same from one read to the next. Pure.
import { createHash } from 'node:crypto';
import { rfc3339 } from '../../model';
import type { ApiObjectMeta } from './kinds';

export interface ServerFields {
  name: string;
  /** '' or undefined for cluster-scoped objects. */
  namespace?: string;
  uid: string;
  resourceVersion: number;
  createdAt: number;
}

/** The user's metadata with the server's fields on top (a manifest cannot set uid or resourceVersion). */
export function objectMeta(user: Record<string, unknown> | undefined, server: ServerFields): ApiObjectMeta {
  const { namespace: _ns, uid: _uid, resourceVersion: _rv, creationTimestamp: _ct, ...rest } = user ?? {};
  const meta: ApiObjectMeta = {
    ...(rest as Partial<ApiObjectMeta>),
    name: server.name,
    uid: server.uid,
    resourceVersion: String(server.resourceVersion),
    creationTimestamp: rfc3339(server.createdAt),
  };
  if (server.namespace) meta.namespace = server.namespace;
  return meta;
}

/** A UUID-shaped uid derived from `seed`: the same object gets the same uid on every read. */
export function stableUid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  // Version 5-like layout (name-based), so it reads as the UUIDs the API server hands out.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
