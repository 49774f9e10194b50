// The data folder holds the database, the Secret vault and the socket: only its owner may enter
// it, also when it already existed with wider rights (Electron and older Berths made it 0755).
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder 0700, or narrows an existing one this user owns to 0700. No-op on Windows. */
export function ensurePrivateDataDir(dir: string): void {
  if (process.platform === 'win32') return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stat = statSync(dir);
  const ownedByUs = typeof process.getuid !== 'function' || stat.uid === process.getuid();
  if (ownedByUs && (stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}
