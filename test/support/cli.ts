// Runs the real `berth` command as a child process, the way a user would: one command to its end,
// or the controller (`berth serve`) until the test stops it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
/** The command users run: the built bundle, without tsx (for figures such as memory). */
const builtEntry = fileURLToPath(new URL('../../bin/berth.js', import.meta.url));

/** `source` runs src-main through tsx (tests see changes without a build); `built` runs bin/berth.js. */
export type BerthBuild = 'source' | 'built';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function berthProcess(args: string[], env: NodeJS.ProcessEnv = {}, build: BerthBuild = 'source'): ChildProcess {
  const argv = build === 'built' ? [builtEntry, ...args] : ['--import', 'tsx', entry, ...args];
  return spawn(process.execPath, argv, {
    cwd: root,
    // The Kubernetes API on a free port unless a test says otherwise: parallel controllers (and a
    // developer's own Berth on 16443) never compete for one.
    env: { ...process.env, BERTH_API_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function runBerth(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = berthProcess(args, options.env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(options.input ?? '');
  });
}

export interface Controller {
  readonly child: ChildProcess;
  /** All it wrote so far, stdout and stderr. */
  log(): string;
  /** Whether it has exited. */
  exited(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once it has exited and its output is closed. */
  readonly stopped: Promise<void>;
  /** Sends `signal` (SIGTERM unless told) and waits until it has stopped. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Waits until its log matches `pattern`; fails with the log when it exits or the time is up (and kills it then). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * Starts the real controller, `berth serve`, and resolves once it logs `serving on`; fails with
 * its output when it exits first or does not serve within `timeoutMs`.
 */
export async function startController(env: NodeJS.ProcessEnv, timeoutMs = 30_000, build: BerthBuild = 'source'): Promise<Controller> {
  const child = berthProcess(['serve'], env, build);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stopped = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const controller: Controller = {
    child,
    log: () => output,
    exited,
    kill: (signal) => void child.kill(signal),
    stopped,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      await stopped;
    },
    async waitForLog(pattern, waitMs = 30_000) {
      const deadline = Date.now() + waitMs;
      while (!pattern.test(output)) {
        if (exited()) assert.fail(`berth serve exited (${child.exitCode ?? child.signalCode}) before its log matched ${pattern}:\n${output}`);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          assert.fail(`berth serve did not log ${pattern} within ${waitMs} ms:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  await controller.waitForLog(/serving on /, timeoutMs);
  return controller;
}
