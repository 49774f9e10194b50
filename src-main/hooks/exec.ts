// The exec lifecycle handler: the command runs in the container through the engine's exec.
// Like the kubelet (handlers.go Run → RunInContainer with timeout 0) it has no timeout of its
// own; the caller's AbortSignal stops waiting (engines cannot kill an exec'd process).
import type { Engine } from '../engine/engine';
import { MAX_OUTPUT_BYTES } from './limits';

export interface ExecHandlerResult {
  ok: boolean;
  /** Absent when the exec could not be run or waited for. */
  exitCode?: number;
  /** stdout and stderr merged, at most MAX_OUTPUT_BYTES. */
  output: string;
  truncated: boolean;
  /** Why it failed, in the kubelet's words: `command 'x' exited with 126: <output>`. */
  error?: string;
}

/** The error the CRI's ExecSync returns for a non-zero exit (remote_runtime.go). */
export function execExitError(command: string[], exitCode: number, output: string): string {
  // The CRI puts stderr here; Berth's exec merges the streams, so the merged output stands in.
  return `command '${command.join(' ')}' exited with ${exitCode}: ${output}`;
}

export async function runExecHandler(
  engine: Pick<Engine, 'exec'>,
  containerId: string,
  command: string[],
  signal?: AbortSignal,
): Promise<ExecHandlerResult> {
  try {
    const { exitCode, output, truncated } = await engine.exec(containerId, command, {
      maxOutputBytes: MAX_OUTPUT_BYTES,
      ...(signal ? { signal } : {}),
    });
    if (exitCode === 0) return { ok: true, exitCode, output, truncated };
    return { ok: false, exitCode, output, truncated, error: execExitError(command, exitCode, output) };
  } catch (err) {
    // Go reports a cancelled context this way; anything else is the engine's own error.
    const error = signal?.aborted ? 'context canceled' : err instanceof Error ? err.message : String(err);
    return { ok: false, output: '', truncated: false, error };
  }
}
