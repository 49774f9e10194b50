// Docker's multiplexed attach/exec/logs stream, decoded incrementally. Pure.
// Each frame: 1 byte stream type (0 stdin, 1 stdout, 2 stderr), 3 zero bytes, 4 bytes big-endian
// payload length, then the payload. Frames may be split across chunks in any way.

export type OutputStream = 'stdout' | 'stderr';

export interface OutputChunk {
  stream: OutputStream;
  data: Buffer;
}

const HEADER_BYTES = 8;

export class StreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds raw bytes; returns the complete frames' payloads, in order. */
  push(chunk: Buffer): OutputChunk[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: OutputChunk[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const type = this.pending[offset];
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - HEADER_BYTES < size) break;
      const start = offset + HEADER_BYTES;
      const data = this.pending.subarray(start, start + size);
      offset = start + size;
      if (size > 0) out.push({ stream: type === 2 ? 'stderr' : 'stdout', data });
    }
    this.pending = this.pending.subarray(offset);
    return out;
  }

  /** Bytes of an incomplete frame left at the end of the stream (0 when it ended cleanly). */
  get leftoverBytes(): number {
    return this.pending.length;
  }
}

/**
 * Keeps the first `maxBytes` of output while the caller keeps draining the stream: a noisy
 * command must never block on a full pipe, and its memory must stay bounded.
 */
export class CappedOutput {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly maxBytes: number) {}

  append(data: Buffer): void {
    this.seen += data.length;
    const room = this.maxBytes - this.kept;
    if (room <= 0) return;
    const part = data.length <= room ? data : data.subarray(0, room);
    // Copy: the source buffer may be a view into a larger pending buffer.
    this.parts.push(Buffer.from(part));
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  get totalBytes(): number {
    return this.seen;
  }

  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}
