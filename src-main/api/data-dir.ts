// Where Berth keeps its database, secrets and socket: the same folder Electron's
// app.getPath('userData') gives the app (productName "Berth"), so the CLI and the app share it.
import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Berth');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Berth');
}

/** Unix socket paths are limited to ~104-108 bytes; a deep data dir gets a short path in tmp. */
const MAX_SOCKET_PATH = 100;

export function socketPathFor(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  if (platform === 'win32') return `\\\\.\\pipe\\berth-${digest}`;
  const inDataDir = join(dataDir, 'berth.sock');
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH) return inDataDir;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `berth-${uid}-${digest}.sock`);
}
