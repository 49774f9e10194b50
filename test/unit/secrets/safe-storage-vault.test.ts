// The desktop vault with a stand-in for Electron's safeStorage (Electron itself cannot run here).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { FileSecretVault } from '../../../src-main/secrets/file-vault';
import type { SafeStorageLike } from '../../../src-main/secrets/safe-storage-vault';
import { SafeStorageSecretVault, createDesktopSecretVault } from '../../../src-main/secrets/safe-storage-vault';
import { makeTempDir } from '../../support/temp';

/** XOR with a per-instance key, and a marker to tell a wrong key from a right one. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}): SafeStorageLike & { calls: string[] } {
  const key = options.key ?? 0x5a;
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => options.available ?? true,
    ...(options.backend ? { getSelectedStorageBackend: () => options.backend! } : {}),
    encryptString(plain) {
      calls.push('encrypt');
      return Buffer.from([key, ...Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decryptString(encrypted) {
      calls.push('decrypt');
      if (encrypted[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(1).map((b) => b ^ key)).toString('utf8');
    },
  };
}

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const data = { '.dockerconfigjson': Buffer.from('{"auths":{"r":{"password":"s3cret"}}}').toString('base64') };

describe('SafeStorageSecretVault', () => {
  test('round-trips a Secret\'s data, and the file on disk holds neither the data nor its base64', () => {
    const safeStorage = fakeSafeStorage();
    const vault = new SafeStorageSecretVault(join(dir.path, 'v'), safeStorage);
    vault.put('default', 'regcred', data);
    assert.deepEqual(vault.get('default', 'regcred'), data);
    const files = readdirSync(join(dir.path, 'v'));
    assert.deepEqual(files, ['default_regcred.enc']);
    const raw = readFileSync(join(dir.path, 'v', files[0]!));
    assert.ok(!raw.includes(Buffer.from('s3cret')));
    assert.ok(!raw.includes(Buffer.from(data['.dockerconfigjson'])));
    assert.deepEqual(safeStorage.calls, ['encrypt', 'decrypt']);
  });

  test('owner-only: 0600 files in a 0700 folder', () => {
    const vault = new SafeStorageSecretVault(join(dir.path, 'v'), fakeSafeStorage());
    vault.put('ns', 'name', data);
    assert.equal(statSync(join(dir.path, 'v')).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir.path, 'v', 'ns_name.enc')).mode & 0o777, 0o600);
  });

  test('a missing Secret is null; delete removes it', () => {
    const vault = new SafeStorageSecretVault(join(dir.path, 'v'), fakeSafeStorage());
    assert.equal(vault.get('ns', 'nothing'), null);
    vault.put('ns', 'name', data);
    vault.delete('ns', 'name');
    assert.equal(vault.get('ns', 'name'), null);
  });

  test('data encrypted with another key: an error naming the Secret, never its bytes', () => {
    new SafeStorageSecretVault(join(dir.path, 'v'), fakeSafeStorage({ key: 1 })).put('ns', 'name', data);
    const other = new SafeStorageSecretVault(join(dir.path, 'v'), fakeSafeStorage({ key: 2 }));
    assert.throws(() => other.get('ns', 'name'), (error: Error) => {
      assert.match(error.message, /^Secret ns\/name could not be decrypted/);
      assert.ok(!error.message.includes('s3cret'));
      return true;
    });
  });
});

describe('createDesktopSecretVault', () => {
  test('encryption available: the encrypted vault, no warning', () => {
    const warnings: string[] = [];
    const vault = createDesktopSecretVault(dir.path, fakeSafeStorage({ backend: 'gnome_libsecret' }), (m) => warnings.push(m));
    assert.ok(vault instanceof SafeStorageSecretVault);
    assert.deepEqual(warnings, []);
  });

  test('no encryption: the owner-only file vault, with a warning saying so and where', () => {
    const warnings: string[] = [];
    const vault = createDesktopSecretVault(dir.path, fakeSafeStorage({ available: false }), (m) => warnings.push(m));
    assert.ok(vault instanceof FileSecretVault);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^Secrets are not encrypted: the operating system offers no encryption key store\. They are kept in files only your user can read \(.*secrets\)\.$/);
  });

  test('Linux basic_text backend (a hard-coded key): treated as no encryption', () => {
    const warnings: string[] = [];
    const vault = createDesktopSecretVault(dir.path, fakeSafeStorage({ backend: 'basic_text' }), (m) => warnings.push(m));
    assert.ok(vault instanceof FileSecretVault);
    assert.match(warnings[0]!, /only obfuscate/);
  });
});
