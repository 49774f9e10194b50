// What every command gets: its options, where to write, and a way to reach a core.
import type { BerthApi } from '../api/contract';
import type { CliOptions } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  now: () => number;
  isTerminal: boolean;
  /** Asks for a secret without echoing it; only there when stdin is a terminal. */
  promptSecret?: (prompt: string) => Promise<string>;
}

/** The link to the core a command runs against. */
export interface ApiConnection {
  /** Calls `listener` if the controller's socket closes under the command (never for an in-process core). Returns a remover. */
  onClose(listener: () => void): () => void;
}

export interface CliContext {
  words: string[];
  options: CliOptions;
  io: CliIo;
  dataDir: string;
  engine: 'docker' | 'podman' | 'auto';
  /**
   * Runs fn against the running controller over its socket, or an in-process core when none
   * runs (which runs pods too when `runPods` is set: `apply --wait`, `delete`).
   */
  withApi<T>(fn: (api: BerthApi, via: string, connection: ApiConnection) => Promise<T>, options?: { runPods?: boolean }): Promise<T>;
}

/** A command's outcome: the process exit code. */
export type ExitCode = number;
