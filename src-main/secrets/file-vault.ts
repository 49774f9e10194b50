// Secret data for the headless controller and the CLI: one file per Secret, readable by the
// owner only (0600 in a 0700 folder), written atomically. SQLite keeps only redacted manifests.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretVault } from './vault';

export class FileSecretVault implements SecretVault {
  readonly location: string;

  constructor(dir: string) {
    this.location = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }

  private fileFor(namespace: string, name: string): string {
    // Namespaces are DNS labels and names DNS subdomains: neither contains '/' or '_'.
    return join(this.location, `${namespace}_${name}.json`);
  }

  put(namespace: string, name: string, data: Record<string, string>): void {
    const file = this.fileFor(namespace, name);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data), { mode: 0o600 });
    renameSync(temp, file);
  }

  get(namespace: string, name: string): Record<string, string> | null {
    try {
      return JSON.parse(readFileSync(this.fileFor(namespace, name), 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  delete(namespace: string, name: string): void {
    rmSync(this.fileFor(namespace, name), { force: true });
  }
}
