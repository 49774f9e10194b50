// Waiting for a container's exit, and the timer a stop's grace period is counted with (Berth times
// the grace itself rather than the engine's whole-second stop timeout: kill-container.ts).
import type { Engine } from '../engine/engine';

export interface StopMilestones {
  signal?: string;
  signalAt?: number;
  killAt?: number;
  exitedAt?: number;
  exitCode?: number;
}

/** Resolves when the container is no longer running (the engine's /wait), with its exit code. */
export async function waitForExit(engine: Engine, id: string, signal?: AbortSignal): Promise<number | undefined> {
  try {
    // The abort closes the long-poll: an open /wait request would keep a CLI process alive.
    return await engine.waitContainer(id, signal ? { signal } : {});
  } catch {
    return undefined; // gone already, or the engine refused to wait on a stopped container
  }
}

export function delay(ms: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
