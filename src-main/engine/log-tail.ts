// The end of a log read as a stream, in bounded memory: a container can write gigabytes, and
// every reader (the API, the termination-message fallback, Podman's tail done here) wants only
// the last lines or bytes of it. Pure.

/** What one non-following log read returns at most: the last 16 MiB (the API's and CLI's bound). */
export const MAX_LOG_READ_BYTES = 16 * 1024 * 1024;

/** Keeps the last `maxBytes` bytes pushed; whole chunks older than that are dropped as it goes. */
export class TailBytes {
  private readonly parts: Buffer[] = [];
  private held = 0;

  constructor(private readonly maxBytes: number) {}

  push(data: Buffer): void {
    if (data.length === 0) return;
    // Views, not copies: a chunk is a slice of one socket read at most, itself bounded.
    const part = data.length > this.maxBytes ? data.subarray(data.length - this.maxBytes) : data;
    this.parts.push(part);
    this.held += part.length;
    while (this.parts.length > 1 && this.held - this.parts[0]!.length >= this.maxBytes) this.held -= this.parts.shift()!.length;
  }

  /** The kept bytes as text, starting on a UTF-8 character boundary. */
  text(): string {
    return lastBytes(Buffer.concat(this.parts), this.maxBytes);
  }
}

/** The last `max` bytes as text, starting on a UTF-8 character boundary. */
export function lastBytes(bytes: Buffer, max: number): string {
  let start = Math.max(0, bytes.length - max);
  // Skip continuation bytes (10xxxxxx) of a character cut in half.
  while (start < bytes.length && start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/** The last `count` lines; a final line without a newline counts as a line (the CRI log reader's tail). */
export function lastLines(text: string, count: number): string {
  const lines = text.split(/(?<=\n)/);
  return lines.slice(Math.max(0, lines.length - count)).join('');
}
