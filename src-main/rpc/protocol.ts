// The local-socket protocol between the `berth` CLI and a running core: one JSON message a line.
import type { ApiErrorData } from '../api/results';

export type ClientMessage =
  | { id: number; type: 'call'; method: string; payload: unknown }
  | { id: number; type: 'subscribe'; topic: string; params: unknown }
  | { id: number; type: 'unsubscribe' };

export type ServerMessage =
  | { id: number; type: 'result'; ok: true; value: unknown }
  | { id: number; type: 'result'; ok: false; error: ApiErrorData }
  | { id: number; type: 'push'; payload: unknown };

/** A YAML file can be 64 MiB; its JSON encoding a little more. Longer lines end the connection. */
export const MAX_LINE_BYTES = 160 * 1024 * 1024;

/** Splits a byte stream into lines without holding more than one unfinished line. */
export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Returns the complete lines in this chunk; throws when a line grows past the limit. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      this.pending.push(piece);
      lines.push(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes) throw new Error(`message longer than ${this.maxLineBytes} bytes`);
      this.pending.push(rest);
    }
    return lines;
  }
}

export function encode(message: ClientMessage | ServerMessage): string {
  return `${JSON.stringify(message)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A line's JSON object with a safe integer id; null for anything else. */
function parseEnvelope(line: string): (Record<string, unknown> & { id: number }) | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return isObject(value) && Number.isSafeInteger(value.id) ? (value as Record<string, unknown> & { id: number }) : null;
}

/** Parses a server line; null when it is not a well-formed reply or push (a broken or hostile peer). */
export function parseServerMessage(line: string): ServerMessage | null {
  const value = parseEnvelope(line);
  if (!value) return null;
  if (value.type === 'push') return value as ServerMessage;
  if (value.type !== 'result' || typeof value.ok !== 'boolean') return null;
  if (value.ok) return value as ServerMessage;
  const error = value.error;
  if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return null;
  return value as ServerMessage;
}

/** Parses a client line; null when it is not a well-formed message (the payload is checked later). */
export function parseClientMessage(line: string): ClientMessage | null {
  const value = parseEnvelope(line);
  if (!value) return null;
  const id = value.id;
  if (value.type === 'call' && typeof value.method === 'string') return { id, type: 'call', method: value.method, payload: value.payload };
  if (value.type === 'subscribe' && typeof value.topic === 'string') return { id, type: 'subscribe', topic: value.topic, params: value.params };
  if (value.type === 'unsubscribe') return { id, type: 'unsubscribe' };
  return null;
}
