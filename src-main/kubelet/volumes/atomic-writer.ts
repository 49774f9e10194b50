// The kubelet's atomic writer (pkg/volume/util/atomic_writer.go), so configMap, secret and
// downwardAPI volumes look inside the container exactly as in Kubernetes:
//
//   <volume>/..2024_05_01_10_00_00.123456/   the payload, written in full first (0755)
//   <volume>/..data -> ..2024_05_01_10_00_00.123456
//   <volume>/<key>  -> ..data/<key>           one symlink per top-level path
//
// An update writes a new timestamped folder and swaps `..data` with a rename, so a reader never
// sees half a payload. Writing the same payload again changes nothing (idempotent).
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, symlink, chmod, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Payload } from './payload';

const DATA_DIR = '..data';
const DATA_DIR_TMP = '..data_tmp';

export interface WriteResult {
  /** False when the folder already held exactly this payload. */
  written: boolean;
  /** The timestamped folder `..data` points to. */
  dataDir: string;
}

export async function writeAtomicPayload(targetDir: string, payload: Payload): Promise<WriteResult> {
  await mkdir(targetDir, { recursive: true, mode: 0o755 });
  const oldTsName = await readlink(join(targetDir, DATA_DIR)).catch(() => undefined);
  if (oldTsName !== undefined && (await holdsPayload(join(targetDir, oldTsName), payload))) {
    await ensureVisibleLinks(targetDir, payload);
    return { written: false, dataDir: join(targetDir, oldTsName) };
  }

  // `newTimestampDir`: "..2006_01_02_15_04_05." + a random suffix, chmod 0755.
  const tsDir = await mkdtemp(join(targetDir, `..${goTimestamp(new Date())}.`));
  await chmod(tsDir, 0o755);
  for (const [path, file] of payload) {
    const full = join(tsDir, path);
    await mkdir(posix.dirname(full), { recursive: true, mode: 0o755 });
    await writeFile(full, file.data, { mode: file.mode });
    await chmod(full, file.mode); // the umask narrowed writeFile's mode
  }

  const tmpLink = join(targetDir, DATA_DIR_TMP);
  await rm(tmpLink, { force: true });
  await symlink(posix.basename(tsDir), tmpLink);
  await rename(tmpLink, join(targetDir, DATA_DIR));

  await ensureVisibleLinks(targetDir, payload);
  await removeStaleLinks(targetDir, payload);
  if (oldTsName !== undefined && oldTsName !== posix.basename(tsDir)) {
    await rm(join(targetDir, oldTsName), { recursive: true, force: true });
  }
  return { written: true, dataDir: tsDir };
}

/** `..2006_01_02_15_04_05` in UTC, as Go formats the kubelet's timestamped folders. */
function goTimestamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}_${pad(date.getUTCMonth() + 1)}_${pad(date.getUTCDate())}_` +
    `${pad(date.getUTCHours())}_${pad(date.getUTCMinutes())}_${pad(date.getUTCSeconds())}`
  );
}

function topLevel(path: string): string {
  return path.split('/')[0] ?? path;
}

async function ensureVisibleLinks(targetDir: string, payload: Payload): Promise<void> {
  for (const name of new Set([...payload.keys()].map(topLevel))) {
    const link = join(targetDir, name);
    const wanted = posix.join(DATA_DIR, name);
    const current = await readlink(link).catch(() => undefined);
    if (current === wanted) continue;
    await rm(link, { recursive: true, force: true });
    await symlink(wanted, link);
  }
}

/** Top-level names of an earlier payload that the new one no longer has (`pathsToRemove`). */
async function removeStaleLinks(targetDir: string, payload: Payload): Promise<void> {
  const keep = new Set([...payload.keys()].map(topLevel));
  for (const entry of await readdir(targetDir)) {
    if (entry.startsWith('..') || keep.has(entry)) continue;
    const link = join(targetDir, entry);
    const target = await readlink(link).catch(() => undefined);
    if (target?.startsWith(`${DATA_DIR}/`)) await rm(link, { force: true });
  }
}

/** Whether the folder holds exactly the payload: same files, bytes and modes, nothing else. */
async function holdsPayload(dir: string, payload: Payload): Promise<boolean> {
  const onDisk = await listFiles(dir).catch(() => undefined);
  if (!onDisk || onDisk.length !== payload.size) return false;
  for (const path of onDisk) {
    const wanted = payload.get(path);
    if (!wanted) return false;
    const full = join(dir, path);
    const stat = await lstat(full);
    if ((stat.mode & 0o777) !== (wanted.mode & 0o777)) return false;
    if (!(await readFile(full)).equals(wanted.data)) return false;
  }
  return true;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), rel)));
    else files.push(rel);
  }
  return files;
}
