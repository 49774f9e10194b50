// The container restart back-off: client-go's flowcontrol.Backoff as the kubelet configures it
// (kubelet.go: NewBackOff(containerBackOffPeriod = 10s, MaxContainerBackOff = 300s) with
// HasExpiredFunc = eventTime − lastUpdate > 600s) and consulted by doBackOff
// (pkg/kubelet/kuberuntime/kuberuntime_manager.go). Deterministic: every method takes the clock.
//
// How the kubelet uses it, for a container that exited and should restart:
//   doBackOff: if IsInBackOffSince(key, finishedAt) → CrashLoopBackOff ("back-off <Get(key)> …");
//              else Next(key, finishedAt) and start the container.
// So the first restart is immediate, then the waits are 10 s, 20 s, 40 s, … capped at 300 s.
// The reset rule ("crash-loop back-off resets after 10 minutes"): Next and IsInBackOffSince start
// over when the exit came more than 600 s after the entry's last update — i.e. the container had
// run for more than 10 minutes since the kubelet last let it (re)start. GC drops entries whose
// last update is more than 600 s old by the same rule.

export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
export const CONTAINER_BACKOFF_RESET_MS = 600_000;

export interface BackOffEntry {
  /** The current back-off window. */
  delayMs: number;
  /** When Next last moved this entry (the container's start time, near enough). */
  lastUpdate: number;
}

/** The key: the kubelet uses getStableKey (pod name, namespace, uid, container name, spec hash). */
export function backOffKey(podUid: string, containerName: string): string {
  return `${podUid}/${containerName}`;
}

export class BackOffTable {
  private readonly entries: Map<string, BackOffEntry>;

  constructor(
    entries: Iterable<[string, BackOffEntry]> = [],
    readonly initialMs = CONTAINER_BACKOFF_INITIAL_MS,
    readonly maxMs = CONTAINER_BACKOFF_MAX_MS,
    readonly resetAfterMs = CONTAINER_BACKOFF_RESET_MS,
  ) {
    this.entries = new Map([...entries].map(([key, entry]) => [key, { ...entry }]));
  }

  /** HasExpiredFunc: the exit came more than 10 minutes after the last restart. */
  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.resetAfterMs;
  }

  /** Get: the current window (0 without an entry). */
  get(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /**
   * Next: called when the container is (re)started after the exit at `eventTime`; returns the
   * window the next crash will wait. A fresh (or expired) entry starts at 10 s, else it doubles,
   * capped at 300 s.
   */
  next(key: string, eventTime: number, now: number): number {
    const entry = this.entries.get(key);
    const delayMs =
      !entry || this.hasExpired(eventTime, entry.lastUpdate) ? this.initialMs : Math.min(entry.delayMs * 2, this.maxMs);
    this.entries.set(key, { delayMs, lastUpdate: now });
    return delayMs;
  }

  /** IsInBackOffSince: less than the window has passed since the exit at `eventTime`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTime, entry.lastUpdate)) return false;
    return now - eventTime < entry.delayMs;
  }

  /** When the back-off started by the exit at `eventTime` ends (undefined when there is none). */
  until(key: string, eventTime: number, now: number): number | undefined {
    return this.isInBackOffSince(key, eventTime, now) ? eventTime + this.get(key) : undefined;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** GC: drop entries not moved for longer than the reset period. */
  gc(now: number): void {
    for (const [key, entry] of this.entries) if (this.hasExpired(now, entry.lastUpdate)) this.entries.delete(key);
  }

  /** A copy of the entries, e.g. to persist across a restart of Berth. */
  snapshot(): Record<string, BackOffEntry> {
    return Object.fromEntries([...this.entries].map(([key, entry]) => [key, { ...entry }]));
  }
}

/** Go's time.Duration.String for whole milliseconds: `10s`, `1m20s`, `5m0s`, `1h0m0s`, `500ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (Math.abs(ms) < 1000) return `${ms}ms`;
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = (rest / 1000).toString();
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** The CrashLoopBackOff waiting message (doBackOff): `back-off 40s restarting failed container=main pod=demo_default(uid)`. */
export function crashLoopMessage(delayMs: number, containerName: string, pod: string): string {
  return `back-off ${goDuration(delayMs)} restarting failed container=${containerName} pod=${pod}`;
}

/** The BackOff event's message (doBackOff, reason `BackOff`, type Warning). */
export function backOffEventMessage(containerName: string, pod: string): string {
  return `Back-off restarting failed container ${containerName} in pod ${pod}`;
}

/** ErrCrashLoopBackOff's text: the waiting reason. */
export const CRASH_LOOP_BACK_OFF = 'CrashLoopBackOff';
