// Waiting for a container's exit, and stopping one with a grace period timed by Berth itself rather
// than by the engine's whole-second stop timeout.
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

/**
 * Stops a container that needs no hooks nor a timeline (the pod's sandbox): `signal`, then SIGKILL
 * once `graceMs` is spent. Spec containers go through killContainer (kill-container.ts) instead.
 */
export async function stopWithGrace(engine: Engine, id: string, signal: string, graceMs: number): Promise<void> {
  const exited = waitForExit(engine, id);
  if (!(await engine.killContainer(id, signal))) return; // it had already stopped
  const limit = delay(graceMs);
  const outcome = await Promise.race([exited.then(() => 'exited' as const), limit.promise]);
  limit.cancel();
  if (outcome === 'exited') return;
  await engine.killContainer(id, 'SIGKILL');
  await exited;
}
