// Stopping one container within a grace budget, timed by Berth itself rather than by the engine's
// whole-second stop timeout: the stop signal, then SIGKILL the moment the budget is spent.
import type { Engine } from '../engine/engine';

export interface StopTimeline {
  signal: string;
  signalAt: number | null;
  killAt: number | null;
  exitedAt: number;
}

/** Resolves when the container is no longer running (the engine's /wait). */
async function waitForExit(engine: Engine, id: string): Promise<void> {
  try {
    await engine.docker.getContainer(id).wait({ condition: 'not-running' });
  } catch {
    // Gone already, or the engine refused to wait on a stopped container: either way, not running.
  }
}

function timeout(ms: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, ms));
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Sends `signal`, waits up to `graceMs`, then SIGKILL. `now` stamps the timeline (the caller's clock).
 * A container that is not running is left alone.
 */
export async function stopWithGrace(engine: Engine, id: string, signal: string, graceMs: number, now: () => number): Promise<StopTimeline> {
  const exited = waitForExit(engine, id);
  const timeline: StopTimeline = { signal, signalAt: null, killAt: null, exitedAt: 0 };
  if (graceMs > 0) {
    timeline.signalAt = now();
    const delivered = await engine.killContainer(id, signal);
    if (!delivered) {
      await exited;
      timeline.exitedAt = now();
      return timeline;
    }
    const limit = timeout(graceMs);
    const outcome = await Promise.race([exited.then(() => 'exited' as const), limit.promise]);
    limit.cancel();
    if (outcome === 'exited') {
      timeline.exitedAt = now();
      return timeline;
    }
  }
  timeline.killAt = now();
  await engine.killContainer(id, 'SIGKILL');
  await exited;
  timeline.exitedAt = now();
  return timeline;
}
