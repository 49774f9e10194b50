// Reaching a core from the CLI: the running controller's socket if one answers, otherwise a core
// started in this process for the length of the command (same data dir, same database).
import type { BerthApi } from '../api/contract';
import { openCore } from '../api/core';
import { socketPathFor } from '../api/data-dir';
import { connectSocketApi } from '../rpc/client';
import type { ApiConnection } from './context';

export interface ApiSession extends ApiConnection {
  api: BerthApi;
  /** Where the API lives: the controller's socket path, or 'in-process'. */
  via: string;
  close(): Promise<void>;
}

function noServer(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ECONNREFUSED';
}

export interface SessionOptions {
  /** Without a running controller, run pods in this process for the command's duration. */
  runPods?: boolean;
  log?: (message: string) => void;
}

export async function openApiSession(
  dataDir: string,
  engine: 'docker' | 'podman' | 'auto',
  env: NodeJS.ProcessEnv,
  options: SessionOptions = {},
): Promise<ApiSession> {
  const path = socketPathFor(dataDir);
  try {
    const remote = await connectSocketApi(path);
    return { api: remote, via: path, close: async () => remote.close(), onClose: (listener) => remote.onClose(listener) };
  } catch (error) {
    if (!noServer(error)) throw error;
  }
  // A command that runs pods itself runs only the ones it applies or deletes.
  const core = await openCore({ dataDir, engine, env, runPods: options.runPods ?? false, podScope: 'session', ...(options.log ? { log: options.log } : {}) });
  return { api: core.api, via: 'in-process', close: () => core.close(), onClose: () => () => {} };
}
