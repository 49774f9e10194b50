// Column definitions and the cell formats every printer shares (translateTimestampSince and
// the `<none>` placeholder of pkg/printers/internalversion/printers.go).
import { humanDuration } from '../../../src-shared/human-duration';
import { DESCRIPTIONS } from './descriptions';
import type { TableColumnDefinition } from './types';

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** The Name column every printer starts with. */
export const NAME_COLUMN = column('Name', 'string', DESCRIPTIONS.objectMeta.name, 0, 'name');
export const AGE_COLUMN = column('Age', 'string', DESCRIPTIONS.objectMeta.creationTimestamp);

/** translateTimestampSince: how long ago, or `<unknown>` for a missing (zero) time. */
export function since(timestamp: unknown, now: number): string {
  const at = typeof timestamp === 'string' && timestamp !== '' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}

export const orNone = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : '<none>');

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** labels.FormatLabels: `k=v` pairs sorted by key, or `<none>`. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(obj(labels)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${str(v)}`).join(',') : '<none>';
}
