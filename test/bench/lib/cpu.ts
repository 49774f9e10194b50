// A process's CPU time as the kernel counts it (utime + stime in /proc/<pid>/stat).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * utime + stime, in clock ticks, from the text of /proc/<pid>/stat. The command name (field 2)
 * is in parentheses and may hold spaces, so fields are counted after its closing parenthesis.
 */
export function cpuTicksOf(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`no utime/stime in ${JSON.stringify(stat)}`);
  return utime + stime;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  return cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) / clockTicks();
}

/** CPU used over `windowMs` of wall time, as a percentage of one core. */
export async function cpuPercentOver(pid: number, windowMs: number): Promise<number> {
  const before = cpuSeconds(pid);
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const wallSeconds = (performance.now() - start) / 1000;
  return ((cpuSeconds(pid) - before) / wallSeconds) * 100;
}
