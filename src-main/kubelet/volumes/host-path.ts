// hostPath `type` checks, as `checkTypeInternal` in pkg/volume/hostpath/host_path.go: the
// *OrCreate types create what is missing, the others only check. A failed check stops the pod
// from starting (`FailedMount`), with the kubelet's message.
import { constants } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { HostPathType } from '../../model';

export type CheckResult = { ok: true } | { ok: false; message: string };

const OK: CheckResult = { ok: true };

export async function checkHostPathType(path: string, type: HostPathType): Promise<CheckResult> {
  if (type === '') return OK; // no check: the engine would create a missing folder itself
  let info = await stat(path).catch(() => undefined);
  const fail = (what: string): CheckResult => ({ ok: false, message: `hostPath type check failed: ${path} is not ${what}` });

  switch (type) {
    case 'DirectoryOrCreate':
      if (!info) {
        // hostutil MakeDir: os.MkdirAll(path, 0755), owned by the kubelet's user.
        const created = await mkdir(path, { recursive: true, mode: 0o755 }).then(
          () => undefined,
          (err: unknown) => errorMessage(err),
        );
        if (created !== undefined) return { ok: false, message: created };
        info = await stat(path).catch(() => undefined);
      }
      return info?.isDirectory() ? OK : fail('a directory');
    case 'Directory':
      return info?.isDirectory() ? OK : fail('a directory');
    case 'FileOrCreate':
      if (!info) {
        // hostutil MakeFile: os.OpenFile(path, O_CREATE, 0644); the parent folder must exist.
        const created = await open(path, constants.O_CREAT | constants.O_WRONLY, 0o644).then(
          async (handle) => {
            await handle.close();
            return undefined;
          },
          (err: unknown) => errorMessage(err),
        );
        if (created !== undefined) return { ok: false, message: created };
        info = await stat(path).catch(() => undefined);
      }
      return info?.isFile() ? OK : fail('a file');
    case 'File':
      return info?.isFile() ? OK : fail('a file');
    case 'Socket':
      return isType(info, (s) => s.isSocket()) ? OK : fail('a socket file');
    case 'CharDevice':
      return isType(info, (s) => s.isCharacterDevice()) ? OK : fail('a character device');
    case 'BlockDevice':
      return isType(info, (s) => s.isBlockDevice()) ? OK : fail('a block device');
  }
  return { ok: false, message: `${String(type)} is an invalid volume type` };
}

function isType(info: Stats | undefined, test: (s: Stats) => boolean): boolean {
  return info !== undefined && test(info);
}

/** Go's `*PathError` text for what Node reports (`open /x/y: no such file or directory`). */
function errorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const op = e.syscall ?? 'open';
  const reason: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    ENOTDIR: 'not a directory',
    EEXIST: 'file exists',
    EROFS: 'read-only file system',
  };
  return `${op} ${e.path ?? ''}: ${(e.code && reason[e.code]) ?? e.message}`;
}
