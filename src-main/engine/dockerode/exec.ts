// Exec over dockerode: one fresh exec instance per call, output demultiplexed and capped, and the
// engines' differences on commands that cannot start normalised to exit 126/127.
import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { envList } from '../container-spec';
import { CappedOutput, StreamDemuxer } from '../demux';
import type { OutputChunk } from '../demux';
import type { ExecOptions, ExecResult } from '../port';

const DEFAULT_EXEC_OUTPUT_BYTES = 1024 * 1024;
const EXEC_HEAD_BYTES = 1024;
/** ExitCode can still be null right after an exec's stream ends: how long to keep asking. */
const EXEC_EXIT_POLL_MS = 10_000;

export async function dockerExec(docker: Docker, id: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  opts.signal?.throwIfAborted();
  const output = new CappedOutput(opts.maxOutputBytes ?? DEFAULT_EXEC_OUTPUT_BYTES);
  // A fresh exec instance each time: Podman's cannot be started twice.
  const exec = await docker.getContainer(id).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: false,
    Tty: false,
    ...(opts.env ? { Env: envList(opts.env) } : {}),
    ...(opts.user !== undefined ? { User: opts.user } : {}),
    ...(opts.workingDir !== undefined ? { WorkingDir: opts.workingDir } : {}),
  });
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await exec.start({ hijack: true, stdin: false, Detach: false, Tty: false })) as NodeJS.ReadableStream;
  } catch (err) {
    const failedStart = startFailure(err);
    if (failedStart) return failedStart;
    throw err;
  }
  // The engine's own error text is at the start; keep it even when maxOutputBytes is tiny.
  let head = Buffer.alloc(0);
  await drainMultiplexed(
    stream,
    (chunk) => {
      output.append(chunk.data);
      if (head.length < EXEC_HEAD_BYTES) head = Buffer.concat([head, chunk.data]).subarray(0, EXEC_HEAD_BYTES);
    },
    opts.signal,
  );

  const exitCode = normaliseExecExitCode(await waitForExecExit(exec, opts.signal), head.toString('utf8'));
  return { exitCode, output: output.text(), truncated: output.truncated };
}

/**
 * An exec whose process could not be started. Docker reports it in-band (stream text + exit
 * 126/127); Podman answers the start call itself with an HTTP error. Normalise to the former.
 */
function startFailure(err: unknown): ExecResult | undefined {
  const message = String((err as Error)?.message ?? '');
  const json = (err as { json?: { message?: string; cause?: string } })?.json;
  const text = json?.message ?? message;
  if (/executable file not found|no such file or directory|not found in \$PATH/i.test(text)) {
    return { exitCode: 127, output: text, truncated: false };
  }
  if (/permission denied/i.test(text)) return { exitCode: 126, output: text, truncated: false };
  return undefined;
}

/**
 * Docker (20.10, runc) reports a command that is not in the image as exit 126, Podman as 127 (the
 * shell's convention, which Kubernetes users expect). Both print the runtime's error first.
 */
function normaliseExecExitCode(exitCode: number, outputHead: string): number {
  if (exitCode === 126 && /exec failed.*(executable file not found|no such file or directory)/is.test(outputHead)) {
    return 127;
  }
  return exitCode;
}

/** Reads a multiplexed stream to its end, delivering frames in order; honours an abort. */
function drainMultiplexed(
  stream: NodeJS.ReadableStream,
  onChunk: (chunk: OutputChunk) => void,
  signal?: AbortSignal,
): Promise<void> {
  const demuxer = new StreamDemuxer();
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      finish(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      for (const frame of demuxer.push(chunk)) onChunk(frame);
    });
    stream.on('end', () => finish());
    // A hijacked socket may close without 'end'.
    stream.on('close', () => finish());
    stream.on('error', (err: unknown) => finish(err));
  });
}

/** After an exec's stream ends, ExitCode can still be null for a moment: ask until it is not. */
async function waitForExecExit(exec: Docker.Exec, signal?: AbortSignal): Promise<number> {
  const deadline = Date.now() + EXEC_EXIT_POLL_MS;
  let delay = 5;
  for (;;) {
    signal?.throwIfAborted();
    const state = await exec.inspect();
    if (!state.Running && state.ExitCode !== null && state.ExitCode !== undefined) return state.ExitCode;
    if (Date.now() > deadline) {
      throw new Error(`exec ${exec.id} still has no exit code ${EXEC_EXIT_POLL_MS} ms after its output ended`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}
