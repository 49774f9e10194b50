// Where Berth keeps its database, secrets and socket: the same folder Electron's
// app.getPath('userData') gives the app (productName "Berth"), so the CLI and the app share it.
import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Berth');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Berth');
}

/** Unix socket paths are limited to ~104-108 bytes; a deep data dir gets a short path elsewhere. */
const MAX_SOCKET_PATH = 100;

/**
 * Where a socket goes when `<dataDir>/berth.sock` is too long: a folder only this user can enter
 * ($XDG_RUNTIME_DIR/berth, else <tmp>/berth-<uid>), never a predictable name in a shared folder
 * (another user could create it first and receive what the CLI sends, Secrets included). The
 * server creates it 0700; server and client both refuse it unless it is a real directory, owned by
 * this user, with no group/other permissions (rpc/socket-dir.ts).
 */
export function privateSocketDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir && isAbsolute(runtimeDir)) return join(runtimeDir, 'berth');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `berth-${uid}`);
}

export function socketPathFor(dataDir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  if (platform === 'win32') return `\\\\.\\pipe\\berth-${digest}`;
  const inDataDir = join(dataDir, 'berth.sock');
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH) return inDataDir;
  return join(privateSocketDir(env), `${digest}.sock`);
}

/** True when `socketPath` lies in the private socket folder (which gets the strict checks). */
export function isInPrivateSocketDir(socketPath: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return dirname(socketPath) === privateSocketDir(env);
}
