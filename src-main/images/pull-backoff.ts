// The kubelet's image pull back-off: client-go's flowcontrol.Backoff as the kubelet builds it
// (`flowcontrol.NewBackOff(imageBackOffPeriod=10s, MaxImageBackOff=300s)`, no jitter), keyed
// `<pod UID>_<image as written>` (image_manager.go), with the last pull error kept for the
// waiting message. Pure: the clock is injected.
import type { ImageWaitingReason } from '../model';

export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
  previousError?: { reason: ImageWaitingReason; message: string };
}

/** The back-off key: per pod and per image string, so two pods never hold each other back. */
export const imageBackOffKey = (podUid: string, image: string): string => `${podUid}_${image}`;

export class ImagePullBackOff {
  private readonly entries = new Map<string, Entry>();
  private readonly initialMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly now: () => number,
    options: { initialMs?: number; maxMs?: number } = {},
  ) {
    this.initialMs = options.initialMs ?? IMAGE_BACKOFF_INITIAL_MS;
    this.maxMs = options.maxMs ?? IMAGE_BACKOFF_MAX_MS;
  }

  /** `IsInBackOffSinceUpdate`: a failure less than the current back-off ago. */
  isInBackOff(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    const since = this.now() - entry.lastUpdate;
    if (this.hasExpired(since)) return false;
    return since < entry.backoffMs;
  }

  /** Milliseconds until a pull may be tried again (0 when not backing off): for the UI. */
  remainingMs(key: string): number {
    const entry = this.entries.get(key);
    if (!entry || !this.isInBackOff(key)) return 0;
    return entry.lastUpdate + entry.backoffMs - this.now();
  }

  /** The current back-off length for a key (0 when none): for the UI and tests. */
  backoffMs(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /**
   * `Next`: a pull failed. The first failure (or one after a quiet spell of twice the maximum)
   * starts at 10 s; each further one doubles it, up to 300 s.
   */
  recordFailure(key: string, error: { reason: ImageWaitingReason; message: string }): void {
    const now = this.now();
    const entry = this.entries.get(key);
    const backoffMs =
      !entry || this.hasExpired(now - entry.lastUpdate) ? this.initialMs : Math.min(entry.backoffMs * 2, this.maxMs);
    this.entries.set(key, { backoffMs, lastUpdate: now, previousError: error });
  }

  /** The error of the failed pull that started the current back-off (kubelet's prevPullErrMsg). */
  previousError(key: string): { reason: ImageWaitingReason; message: string } | undefined {
    return this.entries.get(key)?.previousError;
  }

  /** A pull is being tried: the kubelet forgets the previous error then (prevPullErrMsg.Delete). */
  clearPreviousError(key: string): void {
    const entry = this.entries.get(key);
    if (entry) delete entry.previousError;
  }

  /** `GC`: drops entries quiet for more than twice the maximum (the kubelet calls it after a successful pull). */
  gc(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.hasExpired(now - entry.lastUpdate)) this.entries.delete(key);
    }
  }

  /** Forgets a pod's entries (Berth calls this when a pod is deleted; the kubelet relies on GC). */
  forgetPod(podUid: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${podUid}_`)) this.entries.delete(key);
  }

  private hasExpired(sinceLastUpdate: number): boolean {
    return sinceLastUpdate > this.maxMs * 2;
  }
}
