// subPath mounts on the host side, as `makeMounts` (pkg/kubelet/kubelet_pods.go) and the
// subpath package (pkg/volume/util/subpath) prepare them: a missing subPath is created as a
// folder with the volume root's mode, one component at a time, and the path finally bound must
// resolve inside the volume. A container can plant a symlink in its emptyDir pointing at `/`;
// following it on the host would bind the host's files into the pod (CVE-2017-1002101).
//
// The kubelet binds an open file descriptor (/proc/self/fd/N) so nothing can be swapped between
// check and mount; the engines' API takes a path, so a container that races its own restart
// could still swap a checked folder for a symlink. Berth checks as close to create as it can.
import { chmodSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { SubPathMount } from './plan';

export type SubPathResult = { ok: true; hostPath: string } | { ok: false; reason: 'create' | 'prepare'; detail: string };

export function prepareSubPath(mount: SubPathMount): SubPathResult {
  let root: string;
  try {
    root = realpathSync(mount.volumeRoot);
  } catch (err) {
    return { ok: false, reason: 'prepare', detail: String(err) };
  }
  const inside = (path: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

  // hu.PathExists(hostPath) follows symlinks: only a path that does not resolve is created.
  const exists = (() => {
    try {
      statSync(join(root, mount.subPath));
      return true;
    } catch {
      return false;
    }
  })();
  if (!exists) {
    const created = safeMakeDir(root, mount.subPath, inside);
    if (!created.ok) return { ok: false, reason: 'create', detail: created.detail };
  }

  let resolved: string;
  try {
    resolved = realpathSync(join(root, mount.subPath));
  } catch (err) {
    return { ok: false, reason: 'prepare', detail: String(err) };
  }
  if (!inside(resolved)) return { ok: false, reason: 'prepare', detail: `${resolved} is outside the volume ${root}` };
  return { ok: true, hostPath: resolved };
}

/** `SafeMakeDir`: each missing component made with the root's mode; symlinks must stay inside. */
function safeMakeDir(root: string, subPath: string, inside: (path: string) => boolean): { ok: true } | { ok: false; detail: string } {
  const mode = statSync(root).mode & 0o7777;
  let current = root;
  for (const part of subPath.split('/').filter((p) => p !== '' && p !== '.')) {
    const next = join(current, part);
    let info;
    try {
      info = lstatSync(next);
    } catch {
      info = undefined;
    }
    if (!info) {
      try {
        mkdirSync(next, { mode });
        chmodSync(next, mode);
      } catch (err) {
        return { ok: false, detail: String(err) };
      }
      current = next;
      continue;
    }
    let resolved: string;
    try {
      resolved = realpathSync(next);
    } catch (err) {
      return { ok: false, detail: String(err) };
    }
    if (!inside(resolved)) return { ok: false, detail: `${next} resolves outside the volume` };
    if (!statSync(resolved).isDirectory()) return { ok: false, detail: `${next} is not a directory` };
    current = resolved;
  }
  return { ok: true };
}
