// The sleep lifecycle handler (handlers.go runSleepHandler): waits `seconds`, and fails with the
// kubelet's message when the wait is cut short (the caller aborts when the container terminates
// or the grace period is spent).
import { setTimeout as delay } from 'node:timers/promises';

export const SLEEP_INTERRUPTED = 'container terminated before sleep hook finished';

export interface SleepHandlerResult {
  ok: boolean;
  error?: string;
}

export async function runSleepHandler(seconds: number, signal?: AbortSignal): Promise<SleepHandlerResult> {
  try {
    await delay(Math.max(0, seconds) * 1000, undefined, signal ? { signal } : {});
    return { ok: true };
  } catch {
    return { ok: false, error: SLEEP_INTERRUPTED };
  }
}
