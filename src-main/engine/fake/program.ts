// What a container "runs" in the FakeEngine. The fake cannot run a shell, so each test declares
// the behaviour its container's command would have: output, when it exits and with what code,
// what each signal does, and what each exec answers.
import type { OutputStream } from '../demux';

/** What a signal other than SIGKILL does to the container's main process. */
export type FakeSignalReaction =
  /** Terminated by the signal: exit code 128 + its number, at once. */
  | 'terminate'
  /** Nothing happens (a handler that ignores it, or PID 1 without one). */
  | 'ignore'
  /** A handler that exits with this code, after `afterMs` (default at once). */
  | { exitCode: number; afterMs?: number };

/** What one exec answers: its exit code and output, after `afterMs`; `hang` until aborted. */
export type FakeExecReaction = { exitCode: number; output?: string; afterMs?: number } | 'hang';

export interface FakeOutput {
  stream: OutputStream;
  text: string;
  /** Written this long after the start (default at once). */
  afterMs?: number;
}

export interface FakeProgram {
  /** Written to the log on each start. */
  output?: FakeOutput[];
  /** Exits by itself this long after each start; omitted: runs until a signal ends it. */
  exitAfterMs?: number;
  /** The exit code of that exit (default 0). */
  exitCode?: number;
  /** The kernel's OOM killer ends it this long after the start (exit 137, `oomKilled`). */
  oomAfterMs?: number;
  /** By signal name (`SIGTERM`); default `terminate`. SIGKILL always ends it with 137. */
  onSignal?: (signal: string) => FakeSignalReaction;
  /** By command; undefined: the command is not in the image (exit 127, as both engines report). */
  exec?: (cmd: readonly string[]) => FakeExecReaction | undefined;
  /** Start fails with this message (as a runtime error does: the container is left `created`, exit 128). */
  startError?: string;
}

/** Runs until a signal ends it; every signal terminates it (128 + n). */
export const RUNS_UNTIL_SIGNALLED: FakeProgram = {};

/** A program whose handler exits with `exitCode` on `signal` and ignores every other signal. */
export function exitsOn(signal: string, exitCode: number, afterMs?: number): FakeProgram['onSignal'] {
  return (received) => (received === signal ? { exitCode, ...(afterMs !== undefined ? { afterMs } : {}) } : 'ignore');
}

/** Ignores every signal but SIGKILL (which the kernel delivers regardless). */
export const ignoresSignals: NonNullable<FakeProgram['onSignal']> = () => 'ignore';
