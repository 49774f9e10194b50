// The real kubectl binaries (1.27–1.33 side by side, as on these machines), run the way a user
// runs them: a HOME of the test's own (no ~/.kube of the machine's), output captured.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where kubectl.1.XX live (the google-cloud-sdk layout); BERTH_KUBECTL_DIR overrides it. */
export const KUBECTL_DIR = process.env.BERTH_KUBECTL_DIR ?? '/usr/lib/google-cloud-sdk/bin';
export const KUBECTL_VERSIONS = ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33'] as const;
export type KubectlVersion = (typeof KUBECTL_VERSIONS)[number];

export function kubectlPath(version: KubectlVersion): string {
  return join(KUBECTL_DIR, `kubectl.${version}`);
}

/** A missing binary fails the suite with this message (.ci/run checks the same before testing). */
export function assertKubectlInstalled(versions: readonly KubectlVersion[]): void {
  const missing = versions.map(kubectlPath).filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`the kubectl suite needs the real kubectl binaries; missing: ${missing.join(', ')} (set BERTH_KUBECTL_DIR)`);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** kubectl of `version` with `home` as HOME (its discovery cache and ~/.kube stay in the test). */
export function kubectl(version: KubectlVersion, home: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(kubectlPath(version), args, { HOME: home, ...env });
}
