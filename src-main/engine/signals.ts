// Linux signals by name and number (the container's kernel is Linux, whatever the host runs). Pure.

/** Linux signal numbers 1–31 by name. */
const LINUX_SIGNALS = [
  'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV',
  'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN',
  'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** A Linux signal number as its name (`10` → `SIGUSR1`, `36` → `SIGRTMIN+2`); unknown numbers stay numbers. */
export function linuxSignalName(signal: number): string | undefined {
  if (signal >= 1 && signal <= 31) return LINUX_SIGNALS[signal - 1];
  if (signal === 34) return 'SIGRTMIN';
  if (signal >= 35 && signal <= 49) return `SIGRTMIN+${signal - 34}`;
  if (signal >= 50 && signal <= 63) return `SIGRTMAX-${64 - signal}`;
  if (signal === 64) return 'SIGRTMAX';
  return undefined;
}

/**
 * A signal as engines accept it (`SIGTERM`, `TERM`, `15`) → its name: numbers by the table,
 * names with the `SIG` prefix; a number outside the table stays as given.
 */
export function signalName(signal: string): string {
  if (/^\d+$/.test(signal)) return linuxSignalName(Number(signal)) ?? signal;
  return signal.startsWith('SIG') ? signal : `SIG${signal}`;
}

/** A signal's number (`SIGTERM`, `TERM` or `15` → 15); undefined for an unknown name. */
export function linuxSignalNumber(signal: string): number | undefined {
  if (/^\d+$/.test(signal)) return Number(signal);
  const name = signalName(signal.toUpperCase());
  const index = LINUX_SIGNALS.indexOf(name);
  if (index >= 0) return index + 1;
  const rt = /^SIGRT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (!rt) return undefined;
  const base = rt[1] === 'MIN' ? 34 : 64;
  const offset = rt[3] === undefined ? 0 : Number(rt[3]) * (rt[2] === '-' ? -1 : 1);
  return base + offset;
}
