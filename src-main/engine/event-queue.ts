// An EngineEventStream fed by pushes: events queue until the consumer takes them; close() (or
// leaving the for-await loop) stops the source. Shared by the dockerode adapter and the fake.
import type { EngineEvent } from './events';
import type { EngineEventStream } from './port';

export interface EventQueue {
  push(...events: EngineEvent[]): void;
  /** The source ended; with an error, the iteration throws it (unless closed by the consumer). */
  end(error?: unknown): void;
  readonly stream: EngineEventStream;
}

export function eventQueue(stopSource: () => void): EventQueue {
  const queue: EngineEvent[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    ended = true;
    stopSource();
    notify();
  };

  async function* iterate(): AsyncGenerator<EngineEvent> {
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (ended) {
          if (failure && !closed) throw failure;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      close();
    }
  }

  return {
    push(...events) {
      queue.push(...events);
      notify();
    },
    end(error) {
      if (error !== undefined) failure = error;
      ended = true;
      notify();
    },
    stream: { close, [Symbol.asyncIterator]: iterate },
  };
}
