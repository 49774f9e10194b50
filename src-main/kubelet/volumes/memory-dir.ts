// A private folder on a tmpfs for what the kubelet keeps in memory: `medium: Memory` emptyDirs
// and secret volumes (pkg/volume/secret wraps a Memory emptyDir so secrets never hit the disk).
// `/dev/shm` is world-writable (sticky), so Berth's folder there is created 0700 and checked to
// be ours and not a symlink before anything goes in; `$XDG_RUNTIME_DIR` is already per user.
import { lstat, mkdir, chmod, statfs } from 'node:fs/promises';
import { join } from 'node:path';

/** statfs(2) f_type of tmpfs (and of ramfs, which some runtime dirs use). */
const TMPFS_MAGIC = 0x01021994;
const RAMFS_MAGIC = 0x858458f6;

export interface MemoryDirEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  uid?: number;
  /** Where to look for a shared tmpfs; `/dev/shm` unless a test says otherwise. */
  shm?: string;
}

/**
 * The folder to use, created if needed, or undefined when the host has no tmpfs Berth can use
 * (macOS, Windows, a /dev/shm squatted by another user): callers then fall back to the disk.
 */
export async function hostMemoryDir(environment: MemoryDirEnvironment = {}): Promise<string | undefined> {
  const platform = environment.platform ?? process.platform;
  if (platform !== 'linux') return undefined;
  const env = environment.env ?? process.env;
  const uid = environment.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);

  const candidates: string[] = [];
  const shm = environment.shm ?? '/dev/shm';
  if (await isTmpfs(shm)) candidates.push(join(shm, `berth-${uid}`));
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir && (await isTmpfs(runtimeDir))) candidates.push(join(runtimeDir, 'berth'));

  for (const dir of candidates) {
    if (await ensurePrivateDir(dir, uid).catch(() => false)) return dir;
  }
  return undefined;
}

async function isTmpfs(path: string): Promise<boolean> {
  const info = await statfs(path).catch(() => undefined);
  return info !== undefined && (info.type === TMPFS_MAGIC || info.type === RAMFS_MAGIC);
}

/** Creates `dir` 0700, or accepts an existing one only if it is a real folder owned by `uid`. */
export async function ensurePrivateDir(dir: string, uid: number): Promise<boolean> {
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const info = await lstat(dir);
  if (!info.isDirectory() || info.isSymbolicLink() || info.uid !== uid) return false;
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
  return true;
}
