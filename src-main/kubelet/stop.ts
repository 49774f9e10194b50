// Stopping one container within a grace budget, timed by Berth itself rather than by the engine's
// whole-second stop timeout: the stop signal, then SIGKILL the moment the budget is spent.
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
    const options: Record<string, unknown> = { condition: 'not-running', ...(signal ? { abortSignal: signal } : {}) };
    const result = (await (engine.docker.getContainer(id).wait(options as never) as unknown as Promise<unknown>)) as { StatusCode?: number };
    return result.StatusCode;
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
 * Sends `signal`, waits up to `graceMs`, then SIGKILL. Each milestone is reported as it happens
 * (`onMilestone`), so a crash leaves what was reached. `exited` may be passed in when the caller
 * is already waiting for the exit. With graceMs 0 it goes straight to SIGKILL.
 */
export async function stopWithGrace(
  engine: Engine,
  id: string,
  signal: string,
  graceMs: number,
  now: () => number,
  onMilestone: (m: StopMilestones) => void = () => {},
  exited: Promise<number | undefined> = waitForExit(engine, id),
): Promise<StopMilestones> {
  const reached: StopMilestones = {};
  const note = (m: StopMilestones) => {
    Object.assign(reached, m);
    onMilestone(m);
  };
  const finish = async () => {
    const exitCode = await exited;
    note({ exitedAt: now(), ...(exitCode !== undefined ? { exitCode } : {}) });
    return reached;
  };
  if (graceMs > 0) {
    const signalAt = now();
    const delivered = await engine.killContainer(id, signal);
    if (!delivered) return finish(); // it had already stopped
    note({ signal, signalAt });
    const limit = delay(graceMs - (now() - signalAt));
    const outcome = await Promise.race([exited.then(() => 'exited' as const), limit.promise]);
    limit.cancel();
    if (outcome === 'exited') return finish();
  }
  note({ killAt: now() });
  await engine.killContainer(id, 'SIGKILL');
  return finish();
}
