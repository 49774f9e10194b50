// Pure translation of an EventQuery into a WHERE clause. The SQL text depends only on which
// filters are present (the "shape"), so the store prepares one statement per shape and reuses it.
import type { EventQuery } from '../model';

export const DEFAULT_EVENT_LIMIT = 500;
export const MAX_EVENT_LIMIT = 10_000;

export function eventLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_EVENT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`event limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_EVENT_LIMIT);
}

export interface EventFilter {
  /** Stable key of the filter combination (for the statement cache). */
  shape: string;
  /** `WHERE …` or ''. */
  where: string;
  params: Record<string, string | number>;
}

/** The page query for a filter: newest first, on the order the time indexes keep. */
export function eventListSql(filter: EventFilter): string {
  return `SELECT * FROM events ${filter.where} ORDER BY last_timestamp DESC, id DESC LIMIT @limit`;
}

export function eventCountSql(filter: EventFilter): string {
  return `SELECT count(*) AS n FROM events ${filter.where}`;
}

/** The filters of `q` (everything but limit), as SQL with named parameters. */
export function eventFilter(q: EventQuery = {}): EventFilter {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const shape: string[] = [];
  const add = (name: string, clause: string, value: string | number): void => {
    clauses.push(clause);
    params[name] = value;
    shape.push(name);
  };
  if (q.namespace !== undefined) add('namespace', 'namespace = @namespace', q.namespace);
  if (q.podName !== undefined) {
    clauses.push(`involved_kind = 'Pod'`);
    add('podName', 'involved_name = @podName', q.podName);
  }
  if (q.podUid !== undefined) add('podUid', 'involved_uid = @podUid', q.podUid);
  if (q.type !== undefined) add('type', 'type = @type', q.type);
  if (q.reason !== undefined) add('reason', 'reason = @reason', q.reason);
  if (q.since !== undefined) add('since', 'last_timestamp >= @since', q.since);
  if (q.before !== undefined) {
    // A keyset on the sort order itself: paging by id alone would skip or repeat an old event
    // that was aggregated again (its lastTimestamp moves, its id does not).
    clauses.push('(last_timestamp < @beforeTimestamp OR (last_timestamp = @beforeTimestamp AND id < @beforeId))');
    params.beforeTimestamp = q.before.lastTimestamp;
    params.beforeId = q.before.id;
    shape.push('before');
  }
  return { shape: shape.join(','), where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
