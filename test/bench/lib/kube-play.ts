// `podman kube play`, the other way to run Pod YAML on Podman: the local podman command on the
// same storage as the Podman service Berth talks to.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Plays `yaml` (written to `dir`) and resolves when podman returns: its pods are started. When
 * the play fails, what it made is taken down before the error is passed on.
 */
export async function kubePlay(dir: string, name: string, yaml: string): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  try {
    await run('podman', ['kube', 'play', file], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await kubeDown(file).catch(() => undefined);
    throw error;
  }
  return file;
}

/** Stops and removes what `kubePlay` made from `file`. */
export async function kubeDown(file: string): Promise<void> {
  await run('podman', ['kube', 'play', '--down', file], { maxBuffer: 16 * 1024 * 1024 });
}

export async function hasPodmanCli(): Promise<boolean> {
  try {
    await run('podman', ['--version']);
    return true;
  } catch {
    return false;
  }
}
