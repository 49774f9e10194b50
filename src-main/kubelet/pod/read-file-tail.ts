// Reads at most the last `maxBytes` of a file, as the kubelet's tail.ReadAtMost does for the
// termination-message file: a container may write gigabytes there, and only the end is kept.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The file's last `maxBytes` bytes; null when it does not exist or is not a regular file. */
export function readFileTail(path: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const length = Math.min(stat.size, maxBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, stat.size - length + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
