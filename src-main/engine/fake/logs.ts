// A FakeEngine container's log: what its program wrote, with times, read back as the engines
// serve it (tail, since, timestamps, follow until the container stops).
import type { OutputChunk, OutputStream } from '../demux';
import type { LogOptions } from '../port';

interface LogEntry {
  stream: OutputStream;
  text: string;
  time: number;
}

export class FakeLog {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<() => void>();

  write(stream: OutputStream, text: string, time: number): void {
    this.entries.push({ stream, text, time });
    this.wake();
  }

  /** Wakes followers (new output, or the container stopped). */
  wake(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Log lines as chunks. `isRunning` ends a follow once the container stops. */
  async *read(opts: LogOptions, isRunning: () => boolean): AsyncGenerator<OutputChunk> {
    const lines = this.lines().filter((l) => opts.since === undefined || l.time >= opts.since);
    const first = opts.tail === undefined ? lines : opts.tail === 0 ? [] : lines.slice(-opts.tail);
    for (const line of first) yield chunk(line, opts.timestamps);
    let next = this.entries.length;
    if (!opts.follow) return;
    for (;;) {
      opts.signal?.throwIfAborted();
      const fresh = this.entries.slice(next);
      next = this.entries.length;
      for (const entry of fresh) yield chunk(entry, opts.timestamps);
      if (!isRunning()) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.listeners.delete(done);
          opts.signal?.removeEventListener('abort', done);
          resolve();
        };
        this.listeners.add(done);
        opts.signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  /** Entries cut into lines, as the engines store them (a line keeps its newline). */
  private lines(): LogEntry[] {
    return this.entries.flatMap((e) => e.text.split(/(?<=\n)/).filter((t) => t !== '').map((text) => ({ ...e, text })));
  }
}

function chunk(entry: LogEntry, timestamps: boolean | undefined): OutputChunk {
  const prefix = timestamps ? `${new Date(entry.time).toISOString()} ` : '';
  return { stream: entry.stream, data: Buffer.from(prefix + entry.text) };
}
