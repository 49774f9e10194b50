// The engine as the user should see it: connected with its version, or why not and how to fix it.
import { connectEngine, EngineUnavailableError } from '../engine';
import type { EngineStatus } from './results';

export type EngineChoice = 'docker' | 'podman' | 'auto';

const disconnected: EngineStatus = {
  connected: false,
  kind: null,
  version: null,
  apiVersion: null,
  socket: null,
  os: null,
  arch: null,
  runtimes: [],
  error: null,
  hint: null,
};

export async function probeEngineStatus(choice: EngineChoice, env: NodeJS.ProcessEnv): Promise<EngineStatus> {
  try {
    const engine = await connectEngine({ engine: choice, env });
    const info = await engine.info();
    return {
      connected: true,
      kind: info.kind,
      version: info.version,
      apiVersion: info.apiVersion,
      socket: info.socket,
      os: info.os,
      arch: info.arch,
      runtimes: info.runtimes,
      error: null,
      hint: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof EngineUnavailableError ? error.hint : null;
    return { ...disconnected, kind: choice === 'auto' ? null : choice, error: message, hint };
  }
}
