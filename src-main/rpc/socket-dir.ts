// Checks that keep the socket private: nobody but its owner may create, replace or answer on it.
import { lstatSync, mkdirSync } from 'node:fs';

export class UnsafeSocketError extends Error {
  override readonly name = 'UnsafeSocketError';
}

const currentUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/**
 * Refuses a private socket folder that someone else could use: it must be a real directory (not a
 * symlink), owned by this user, with no group/other permissions. A missing folder throws the
 * ENOENT error from lstat (the client takes it as "no controller runs").
 */
export function assertPrivateSocketDir(dir: string): void {
  const uid = currentUid();
  if (uid === null) return; // no unix permissions (Windows uses named pipes)
  const stat = lstatSync(dir);
  const fix = `remove it (or set XDG_RUNTIME_DIR to a private folder, or use a shorter --data-dir) and try again`;
  if (stat.isSymbolicLink()) throw new UnsafeSocketError(`refusing to use ${dir} for the Berth socket: it is a symlink; ${fix}`);
  if (!stat.isDirectory()) throw new UnsafeSocketError(`refusing to use ${dir} for the Berth socket: it is not a directory; ${fix}`);
  if (stat.uid !== uid) {
    throw new UnsafeSocketError(`refusing to use ${dir} for the Berth socket: it is owned by uid ${stat.uid}, not by you (uid ${uid}); ${fix}`);
  }
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new UnsafeSocketError(`refusing to use ${dir} for the Berth socket: its mode is ${mode}, others may use it (it must be 0700); ${fix}`);
  }
}

/** Creates the private socket folder (0700) when missing, then checks it as the client would. */
export function ensurePrivateSocketDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  assertPrivateSocketDir(dir);
}

/**
 * Refuses a socket file this user does not own: another user's process listening there would
 * receive everything the CLI sends. A missing socket throws lstat's ENOENT error.
 */
export function assertOwnSocket(path: string): void {
  const uid = currentUid();
  if (uid === null) return;
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) throw new UnsafeSocketError(`refusing to connect to ${path}: it is a symlink, not the Berth controller's socket`);
  if (stat.uid !== uid) {
    throw new UnsafeSocketError(`refusing to connect to ${path}: it is owned by uid ${stat.uid}, not by you (uid ${uid}); it is not your Berth controller's socket`);
  }
}
