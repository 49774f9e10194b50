// Pure helpers for stored text and JSON.

/** Hook output is kept up to this many bytes (UTF-8). */
export const HOOK_OUTPUT_MAX_BYTES = 10 * 1024;

/**
 * The longest prefix of `s` whose UTF-8 encoding fits in `maxBytes`, never splitting a character
 * (a cut inside a multi-byte sequence backs up to the sequence's first byte).
 */
export function truncateUtf8(s: string, maxBytes: number = HOOK_OUTPUT_MAX_BYTES): string {
  if (maxBytes <= 0) return '';
  // Fast path: every UTF-16 unit is at most 3 UTF-8 bytes.
  if (s.length * 3 <= maxBytes) return s;
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= maxBytes) return s;
  let end = maxBytes;
  // buf[end] is the first byte NOT kept; if it is a continuation byte (10xxxxxx) the character
  // it belongs to started before `end`: drop that partial character.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** JSON with object keys sorted, after a JSON round trip (undefined dropped): equal manifests, equal text. */
export function canonicalJson(value: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  return JSON.stringify(sortKeys(plain));
}

/** True for absent, null, '' and empty objects/arrays. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}
