// Pure event logic: validation, the aggregation key, and merging a repeat into an aggregated event.
// Aggregation follows client-go's EventCorrelator/EventAggregator: occurrences about the same object
// (kind, namespace, name, uid, fieldPath) with the same type, reason, message and source
// (component, host) become one event whose count grows and whose lastTimestamp moves.
import { createHash } from 'node:crypto';
import type { EventInput } from '../model';

const EVENT_TYPES = new Set(['Normal', 'Warning']);

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

/** Throws a TypeError describing the first problem with `input` (bugs must not reach SQLite). */
export function validateEventInput(input: EventInput, index = 0): void {
  const where = `event #${index}`;
  const o = input?.involvedObject;
  if (!o || typeof o !== 'object') throw new TypeError(`${where}: involvedObject is missing`);
  for (const key of ['kind', 'name', 'uid'] as const) {
    if (!isString(o[key]) || o[key] === '') throw new TypeError(`${where}: involvedObject.${key} must be a non-empty string`);
  }
  if (!isString(o.namespace)) throw new TypeError(`${where}: involvedObject.namespace must be a string`);
  if (o.fieldPath !== undefined && !isString(o.fieldPath)) throw new TypeError(`${where}: involvedObject.fieldPath must be a string`);
  if (!EVENT_TYPES.has(input.type)) throw new TypeError(`${where}: type must be Normal or Warning, got ${String(input.type)}`);
  if (!isString(input.reason) || input.reason === '') throw new TypeError(`${where}: reason must be a non-empty string`);
  if (!isString(input.message)) throw new TypeError(`${where}: message must be a string`);
  if (!input.source || !isString(input.source.component) || input.source.component === '') {
    throw new TypeError(`${where}: source.component must be a non-empty string`);
  }
  if (input.source.host !== undefined && !isString(input.source.host)) throw new TypeError(`${where}: source.host must be a string`);
  if (!Number.isSafeInteger(input.timestamp)) throw new TypeError(`${where}: timestamp must be integer epoch milliseconds`);
}

/** '' and absent mean the same thing for optional strings (fieldPath, host). */
export function optionalString(v: string | undefined | null): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

/** The aggregation key, hashed (SHA-256, base64url) so its unique index stays small. */
export function aggregationKey(input: EventInput): string {
  const o = input.involvedObject;
  const parts = [
    o.kind,
    o.namespace,
    o.name,
    o.uid,
    optionalString(o.fieldPath) ?? '',
    input.type,
    input.reason,
    input.message,
    input.source.component,
    optionalString(input.source.host) ?? '',
  ];
  // JSON encoding of the array: no separator ambiguity between fields.
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export interface Aggregate {
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
}

/** A repeat of an aggregated event: count + 1, timestamps widened (late, out-of-order arrivals too). */
export function mergeOccurrence(prev: Aggregate, timestamp: number): Aggregate {
  return {
    count: prev.count + 1,
    firstTimestamp: Math.min(prev.firstTimestamp, timestamp),
    lastTimestamp: Math.max(prev.lastTimestamp, timestamp),
  };
}
