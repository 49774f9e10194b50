// The termination message of an exited container, as the kubelet computes it in
// convertToKubeContainerStatus (pkg/kubelet/kuberuntime/kuberuntime_container.go).
import { lastBytes, lastLines } from '../../engine/log-tail';

export { lastBytes, lastLines };

/** kubecontainer.MaxContainerTerminationMessageLength: the file is read with tail.ReadAtMost(path, 4096). */
export const MAX_TERMINATION_MESSAGE_BYTES = 4096;
/** kubecontainer.MaxContainerTerminationMessageLogLines: the log fallback asks for TailLines 80… */
export const MAX_TERMINATION_MESSAGE_LOG_LINES = 80;
/** …into circbuf.NewBuffer(MaxContainerTerminationMessageLogLength = 2048), which keeps the last 2048 bytes. */
export const MAX_TERMINATION_MESSAGE_LOG_BYTES = 2048;

export interface TerminationMessageInput {
  policy: 'File' | 'FallbackToLogsOnError';
  exitCode: number;
  /** The terminationMessagePath file's contents; null/undefined when the file does not exist. */
  fileContents?: string | Uint8Array | null;
  /** The end of the container's log (stdout and stderr interleaved); only read for the fallback. */
  logTail?: string;
  /** The engine could not start the process (reason ContainerCannotRun): it has no logs to fall back to. */
  startFailed?: boolean;
}

/**
 * getTerminationMessage + readLastStringFromContainerLogs:
 * - the file is always read, keeping its LAST 4096 bytes (tail.ReadAtMost reads from the end);
 * - FallbackToLogsOnError, exit code ≠ 0, the start did not fail, and the file is missing or
 *   empty → the last 80 lines of the log, of which the last 2048 bytes (circbuf keeps the tail);
 * - a successful exit never falls back to logs.
 * Cuts are made on bytes, like the kubelet's, but never inside a UTF-8 character: a partial
 * character at the start of the kept bytes is dropped.
 */
export function terminationMessage(input: TerminationMessageInput): string {
  const file = input.fileContents == null ? null : toBytes(input.fileContents);
  const fallbackToLogs = input.policy === 'FallbackToLogsOnError' && input.exitCode !== 0 && !input.startFailed;
  if (file && file.length > 0) return lastBytes(file, MAX_TERMINATION_MESSAGE_BYTES);
  if (!fallbackToLogs) return '';
  const lines = lastLines(input.logTail ?? '', MAX_TERMINATION_MESSAGE_LOG_LINES);
  return lastBytes(Buffer.from(lines, 'utf8'), MAX_TERMINATION_MESSAGE_LOG_BYTES);
}

function toBytes(contents: string | Uint8Array): Buffer {
  return typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
}
