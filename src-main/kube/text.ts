// Turns the raw input into text, refusing what cannot be a YAML manifest before any
// parsing happens: oversized input, binary data, invalid UTF-8, control characters.
import type { Position } from './report';

/** Kubernetes itself refuses requests over 3 MiB; a manifest file beyond 4 MiB is not one. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; at: Position };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FILE_START: Position = { line: 1, column: 1 };
const sizeError = (bytes: number | null): DecodeResult => ({
  ok: false,
  message:
    `file is too large${bytes === null ? '' : ` (${bytes} bytes)`}: ` +
    `manifests are limited to ${MAX_SOURCE_BYTES} bytes (4 MiB)`,
  at: FILE_START,
});

export function decodeSource(source: string | Uint8Array): DecodeResult {
  let text: string;
  if (typeof source === 'string') {
    // A UTF-16 unit never encodes to fewer than one UTF-8 byte, so a long string is
    // rejected on its length alone, without looking at its contents.
    if (source.length > MAX_SOURCE_BYTES) return sizeError(null);
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > MAX_SOURCE_BYTES) return sizeError(bytes);
    if (source.includes('\0')) return notText('it contains NUL bytes');
    if (LONE_SURROGATE.test(source)) return notText('it contains unpaired UTF-16 surrogates');
    text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  } else {
    if (source.length > MAX_SOURCE_BYTES) return sizeError(source.length);
    if (source.includes(0)) return notText('it contains NUL bytes');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source); // strips a BOM
    } catch {
      return notText('it is not valid UTF-8');
    }
  }
  // Finding control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  const control = /[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return notText(`it contains the control character U+${code}`, positionOf(text, control.index));
  }
  return { ok: true, text };
}

function notText(why: string, at: Position = FILE_START): DecodeResult {
  return { ok: false, message: `not a text file: ${why}; expected a YAML or JSON manifest`, at };
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
