// kubectl's duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration), used for AGE and
// LAST SEEN. Pure and Node-free: the CLI and the renderer both use it.

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // A couple of seconds of clock skew still reads as "now".
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** `kubectl events` LAST SEEN: "5s", or "2m (x3 over 10m)" for an aggregated event. */
export function eventAge(event: { count: number; firstTimestamp: number; lastTimestamp: number }, now: number): string {
  const last = humanDuration(now - event.lastTimestamp);
  if (event.count <= 1) return last;
  return `${last} (x${event.count} over ${humanDuration(now - event.firstTimestamp)})`;
}

/** `kubectl get pods` RESTARTS: "3 (5m ago)". */
export function restartsColumn(restarts: number, lastRestartAt: number | null, now: number): string {
  if (restarts === 0 || lastRestartAt === null) return String(restarts);
  return `${restarts} (${humanDuration(now - lastRestartAt)} ago)`;
}
