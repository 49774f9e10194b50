// The database holds every pod's manifest and history: only its owner may read it. SQLite creates
// -wal and -shm with the main file's mode, so the main file is made 0600 before SQLite opens it,
// and files left by an older Berth (0644) are narrowed on every open.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export const OWNER_ONLY_FILE_MODE = 0o600;
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** Creates `file` 0600 when absent and narrows it and its SQLite side files to 0600. No-op on Windows. */
export function makeDatabaseFilesOwnerOnly(file: string): void {
  if (process.platform === 'win32') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', OWNER_ONLY_FILE_MODE));
  for (const path of [file, ...SIDE_FILES.map((suffix) => file + suffix)]) {
    if (existsSync(path)) chmodSync(path, OWNER_ONLY_FILE_MODE);
  }
}
