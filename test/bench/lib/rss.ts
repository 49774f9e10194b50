// A process's resident memory, as the kernel counts it (VmRSS in /proc/<pid>/status), in MB.
import { readFileSync } from 'node:fs';

export function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) / 1024;
}
