// An exec in a FakeEngine container: the program's scripted answer, after its delay, capped as
// the adapter caps output; `hang` waits for the caller's abort. A container that exits under a
// running exec ends it with 137 (the fake's choice: the contract does not cover it).
import { CappedOutput } from '../demux';
import type { ExecOptions, ExecResult } from '../port';
import type { FakeClock } from './clock';
import type { FakeContainer } from './container';

const DEFAULT_EXEC_OUTPUT_BYTES = 1024 * 1024;

export function fakeExec(c: FakeContainer, cmd: string[], opts: ExecOptions, clock: FakeClock): Promise<ExecResult> {
  const reaction = c.program.exec?.(cmd);
  if (reaction === undefined) {
    const output = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0] ?? ''}": executable file not found in $PATH: unknown\r\n`;
    return Promise.resolve(capped(127, output, opts));
  }
  return new Promise<ExecResult>((resolve, reject) => {
    const cleanup = (): void => {
      if (timer !== undefined) clock.clearTimeout(timer);
      c.onExit.delete(onContainerExit);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      cleanup();
      reject((opts.signal?.reason as Error | undefined) ?? new Error('aborted'));
    };
    const onContainerExit = (): void => {
      cleanup();
      resolve(capped(137, '', opts));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    c.onExit.add(onContainerExit);
    const timer =
      reaction === 'hang'
        ? undefined
        : clock.setTimeout(() => {
            cleanup();
            resolve(capped(reaction.exitCode, reaction.output ?? '', opts));
          }, reaction.afterMs ?? 0);
  });
}

function capped(exitCode: number, text: string, opts: ExecOptions): ExecResult {
  const output = new CappedOutput(opts.maxOutputBytes ?? DEFAULT_EXEC_OUTPUT_BYTES);
  output.append(Buffer.from(text));
  return { exitCode, output: output.text(), truncated: output.truncated };
}
