// When containers really died, as the engine reports it: the `die` event's own timestamp, read
// from the engine's event stream (so neither Berth's nor the bench's reaction time is in it).
import type { Engine } from '../../../src-main/engine/engine';

export interface DieWatch {
  /** Resolves with the engine's die time (epoch ms) of the container, once it died. */
  dieTime(containerId: string, timeoutMs?: number): Promise<number>;
  close(): void;
}

export async function watchDies(engine: Engine): Promise<DieWatch> {
  const stream = await engine.events({ actions: ['die'], since: Date.now() - 1000 });
  const seen = new Map<string, number>();
  const waiting = new Map<string, (time: number) => void>();
  void (async () => {
    for await (const event of stream) {
      if (seen.has(event.containerId)) continue;
      seen.set(event.containerId, event.time);
      waiting.get(event.containerId)?.(event.time);
    }
  })().catch(() => undefined);
  return {
    dieTime(containerId, timeoutMs = 120_000) {
      const known = seen.get(containerId);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no die event for ${containerId} within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(containerId, (time) => {
          clearTimeout(timer);
          resolve(time);
        });
      });
    },
    close: () => stream.close(),
  };
}
