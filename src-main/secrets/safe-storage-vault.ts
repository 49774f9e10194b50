// Secret data for the desktop app, encrypted with Electron's safeStorage (the OS keychain /
// DPAPI / libsecret key). Electron is not imported here: the app passes `safeStorage` in, so this
// module runs — and is tested — under plain Node with a stand-in. safeStorage must be used after
// the app's `ready` event (on macOS and Linux it reaches the OS secret store then).
//
// Each Secret is one file (`<namespace>_<name>.enc`, 0600 in a 0700 folder, written atomically)
// holding the encrypted JSON of its data map. When the OS offers no real encryption — safeStorage
// unavailable, or Linux's `basic_text` backend, which only obfuscates with a fixed key — the
// desktop app falls back to the owner-only FileSecretVault and says so.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSecretVault } from './file-vault';
import type { SecretVault } from './vault';

/** The part of Electron's `safeStorage` this vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`… */
  getSelectedStorageBackend?(): string;
}

export class SafeStorageSecretVault implements SecretVault {
  readonly location: string;

  constructor(
    private readonly dir: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.location = `${dir} (encrypted with the operating system's key store)`;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }

  private fileFor(namespace: string, name: string): string {
    // Namespaces are DNS labels and names DNS subdomains: neither contains '/' or '_'.
    return join(this.dir, `${namespace}_${name}.enc`);
  }

  put(namespace: string, name: string, data: Record<string, string>): void {
    const file = this.fileFor(namespace, name);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, this.safeStorage.encryptString(JSON.stringify(data)), { mode: 0o600 });
    renameSync(temp, file);
  }

  get(namespace: string, name: string): Record<string, string> | null {
    let encrypted: Buffer;
    try {
      encrypted = readFileSync(this.fileFor(namespace, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let text: string;
    try {
      text = this.safeStorage.decryptString(encrypted);
    } catch (error) {
      // Another user's or machine's key, or a changed keychain: say which Secret, not its bytes.
      throw new Error(
        `Secret ${namespace}/${name} could not be decrypted with this machine's key store (${(error as Error).message}); apply it again`,
        { cause: error },
      );
    }
    return JSON.parse(text) as Record<string, string>;
  }

  delete(namespace: string, name: string): void {
    rmSync(this.fileFor(namespace, name), { force: true });
  }
}

/** Whether safeStorage really encrypts (Linux's `basic_text` uses a hard-coded key). */
export function safeStorageProtects(safeStorage: SafeStorageLike): { ok: true } | { ok: false; why: string } {
  if (!safeStorage.isEncryptionAvailable()) return { ok: false, why: 'the operating system offers no encryption key store' };
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') {
    return { ok: false, why: 'no secret service (GNOME Keyring, KWallet) is running, so safeStorage would only obfuscate' };
  }
  return { ok: true };
}

/**
 * The desktop app's vault: encrypted when the OS can, else the owner-only file vault, with a
 * warning that says where the secrets are and why they are not encrypted.
 */
export function createDesktopSecretVault(
  dataDir: string,
  safeStorage: SafeStorageLike,
  warn: (message: string) => void,
): SecretVault {
  const protects = safeStorageProtects(safeStorage);
  if (protects.ok) return new SafeStorageSecretVault(join(dataDir, 'secrets-encrypted'), safeStorage);
  const fallback = new FileSecretVault(join(dataDir, 'secrets'));
  warn(
    `Secrets are not encrypted: ${protects.why}. They are kept in files only your user can read (${fallback.location}).`,
  );
  return fallback;
}
