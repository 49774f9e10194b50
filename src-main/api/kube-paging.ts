// limit/continue for lists: a continue token carries the list's resourceVersion and where the
// page ended. The next page reads the store as it is then (Berth keeps no snapshots), after that
// key, and reports the first page's version, so a watch from it replays what changed since. Pure.
import { ApiError } from './errors';

export interface ContinueToken {
  /** The first page's resourceVersion. */
  rv: number;
  /** The last key given: namespace/name for stored kinds. */
  key?: string;
  /** Events come newest first: the last (lastTimestamp, id) given. */
  before?: { lastTimestamp: number; id: number };
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (Number.isSafeInteger(token.rv) && token.rv >= 0) return token;
  } catch {
    // the message below
  }
  // The API server's words for a token it cannot decode (storage/etcd3 continue.go).
  throw new ApiError('BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export interface Page<T> {
  items: T[];
  continue?: string;
  remainingItemCount?: number;
}

/** One page of `items` (already sorted by `keyOf`), after the token's key, at most `limit`. */
export function pageByKey<T>(items: readonly T[], keyOf: (item: T) => string, rv: number, limit?: number, token?: ContinueToken): Page<T> {
  const after = token?.key;
  const rest = after === undefined ? items : items.filter((item) => keyOf(item) > after);
  if (limit === undefined || rest.length <= limit) return { items: [...rest] };
  const items_ = rest.slice(0, limit);
  return {
    items: items_,
    continue: encodeContinue({ rv, key: keyOf(items_[items_.length - 1]!) }),
    remainingItemCount: rest.length - limit,
  };
}
