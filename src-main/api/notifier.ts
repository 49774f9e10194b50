// Live updates for subscribers (the renderer, CLI `--watch`, the test bridge): pod changes and
// event batches, each filtered by what the subscriber asked for.
import type { PodChange, PullProgressUpdate } from './results';
import type { BerthEvent, EventQuery, HookRun } from './types';

type Listener<T> = (payload: T) => void;

/** Whether an event passes a subscriber's filters (limit and paging do not apply to live pushes). */
export function eventMatches(query: EventQuery, event: BerthEvent): boolean {
  const object = event.involvedObject;
  if (query.namespace !== undefined && object.namespace !== query.namespace) return false;
  if (query.podName !== undefined && !(object.kind === 'Pod' && object.name === query.podName)) return false;
  if (query.podUid !== undefined && object.uid !== query.podUid) return false;
  if (query.type !== undefined && event.type !== query.type) return false;
  if (query.reason !== undefined && event.reason !== query.reason) return false;
  if (query.since !== undefined && event.lastTimestamp < query.since) return false;
  return true;
}

function podChangeNamespace(change: PodChange): string {
  return change.type === 'upserted' ? change.pod.namespace : change.namespace;
}

export class Notifier {
  private readonly podListeners = new Set<{ namespace?: string; listener: Listener<PodChange> }>();
  private readonly eventListeners = new Set<{ query: EventQuery; listener: Listener<BerthEvent[]> }>();
  private readonly hookRunListeners = new Set<{ podUid?: string; listener: Listener<HookRun> }>();

  private readonly pullListeners = new Set<{ podUid?: string; listener: Listener<PullProgressUpdate> }>();

  onPullProgress(params: { podUid?: string }, listener: Listener<PullProgressUpdate>): () => void {
    const entry = { ...params, listener };
    this.pullListeners.add(entry);
    return () => this.pullListeners.delete(entry);
  }

  pullProgressed(update: PullProgressUpdate): void {
    for (const { podUid, listener } of this.pullListeners) {
      if (podUid === undefined || podUid === update.podUid) deliver(listener, update);
    }
  }

  onHookRuns(params: { podUid?: string }, listener: Listener<HookRun>): () => void {
    const entry = { ...params, listener };
    this.hookRunListeners.add(entry);
    return () => this.hookRunListeners.delete(entry);
  }

  hookRunChanged(run: HookRun): void {
    for (const { podUid, listener } of this.hookRunListeners) {
      if (podUid === undefined || podUid === run.podUid) deliver(listener, run);
    }
  }

  onPods(params: { namespace?: string }, listener: Listener<PodChange>): () => void {
    const entry = { ...params, listener };
    this.podListeners.add(entry);
    return () => this.podListeners.delete(entry);
  }

  onEvents(query: EventQuery, listener: Listener<BerthEvent[]>): () => void {
    const entry = { query, listener };
    this.eventListeners.add(entry);
    return () => this.eventListeners.delete(entry);
  }

  podChanged(change: PodChange): void {
    const namespace = podChangeNamespace(change);
    for (const { namespace: wanted, listener } of this.podListeners) {
      if (wanted === undefined || wanted === namespace) deliver(listener, change);
    }
  }

  eventsRecorded(events: BerthEvent[]): void {
    if (events.length === 0) return;
    for (const { query, listener } of this.eventListeners) {
      const matching = events.filter((event) => eventMatches(query, event));
      if (matching.length > 0) deliver(listener, matching);
    }
  }

  get subscriberCount(): number {
    return this.podListeners.size + this.eventListeners.size + this.hookRunListeners.size + this.pullListeners.size;
  }
}

/** One subscriber's failure must not keep the others (or the writer) from going on. */
function deliver<T>(listener: Listener<T>, payload: T): void {
  try {
    listener(payload);
  } catch (error) {
    console.error('berth: a subscriber failed:', error);
  }
}
