// Live updates for subscribers (the renderer, CLI `--watch`, the test bridge): pod changes, event
// batches, hook runs and pull progress, each filtered by what the subscriber asked for.
import type { BerthEvent, ContainerStop, EventQuery, HookRun, PullProgressUpdate } from '../model';
import type { StoreChange } from '../store';
import type { PodChange } from './results';

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

/** One kind of update: subscribers with their parameters, and the rule that picks what each gets. */
class Channel<Params, Payload> {
  private readonly subscribers = new Set<{ params: Params; listener: Listener<Payload> }>();

  constructor(private readonly select: (params: Params, payload: Payload) => Payload | undefined) {}

  subscribe(params: Params, listener: Listener<Payload>): () => void {
    const entry = { params, listener };
    this.subscribers.add(entry);
    return () => this.subscribers.delete(entry);
  }

  publish(payload: Payload): void {
    for (const { params, listener } of this.subscribers) {
      const selected = this.select(params, payload);
      if (selected !== undefined) deliver(listener, selected);
    }
  }
}

function podChangeNamespace(change: PodChange): string {
  return change.type === 'upserted' ? change.pod.namespace : change.namespace;
}

const ofPod =
  <T extends { podUid: string }>() =>
  (params: { podUid?: string }, payload: T): T | undefined =>
    params.podUid === undefined || params.podUid === payload.podUid ? payload : undefined;

export class Notifier {
  private readonly pods = new Channel<{ namespace?: string }, PodChange>((params, change) =>
    params.namespace === undefined || params.namespace === podChangeNamespace(change) ? change : undefined,
  );
  private readonly events = new Channel<EventQuery, BerthEvent[]>((query, batch) => {
    const matching = batch.filter((event) => eventMatches(query, event));
    return matching.length > 0 ? matching : undefined;
  });
  private readonly hookRuns = new Channel<{ podUid?: string }, HookRun>(ofPod<HookRun>());
  private readonly pulls = new Channel<{ podUid?: string }, PullProgressUpdate>(ofPod<PullProgressUpdate>());
  private readonly stops = new Channel<{ podUid?: string }, ContainerStop>(ofPod<ContainerStop>());
  private readonly storeChanges = new Channel<Record<string, never>, readonly StoreChange[]>((_params, changes) => changes);

  /** Every committed pod, object and event write, in resource version order (the watch cache's feed). */
  onStoreChanges(listener: Listener<readonly StoreChange[]>): () => void {
    return this.storeChanges.subscribe({}, listener);
  }

  storeChanged(changes: readonly StoreChange[]): void {
    this.storeChanges.publish(changes);
  }

  onContainerStops(params: { podUid?: string }, listener: Listener<ContainerStop>): () => void {
    return this.stops.subscribe(params, listener);
  }

  containerStopChanged(stop: ContainerStop): void {
    this.stops.publish(stop);
  }

  onPods(params: { namespace?: string }, listener: Listener<PodChange>): () => void {
    return this.pods.subscribe(params, listener);
  }

  onEvents(query: EventQuery, listener: Listener<BerthEvent[]>): () => void {
    return this.events.subscribe(query, listener);
  }

  onHookRuns(params: { podUid?: string }, listener: Listener<HookRun>): () => void {
    return this.hookRuns.subscribe(params, listener);
  }

  onPullProgress(params: { podUid?: string }, listener: Listener<PullProgressUpdate>): () => void {
    return this.pulls.subscribe(params, listener);
  }

  podChanged(change: PodChange): void {
    this.pods.publish(change);
  }

  eventsRecorded(events: BerthEvent[]): void {
    if (events.length > 0) this.events.publish(events);
  }

  hookRunChanged(run: HookRun): void {
    this.hookRuns.publish(run);
  }

  pullProgressed(update: PullProgressUpdate): void {
    this.pulls.publish(update);
  }
}

/** One subscriber's failure must not keep the others (or the writer) from going on. */
export function deliver<T>(listener: Listener<T>, payload: T): void {
  try {
    listener(payload);
  } catch (error) {
    console.error('berth: a subscriber failed:', error);
  }
}
