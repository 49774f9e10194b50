// The FakeEngine's event stream: a short history (dockerd keeps its last 256 events) for
// `since`, and live subscribers, filtered as the real engines filter.
import { eventQueue } from '../event-queue';
import { matchesLabels } from '../events';
import type { EngineEvent } from '../events';
import type { EngineEventStream, EventOptions } from '../port';

const HISTORY = 256;

interface Subscriber {
  accepts(event: EngineEvent): boolean;
  push(event: EngineEvent): void;
}

export class FakeEventFeed {
  private readonly history: EngineEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();

  emit(event: EngineEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY) this.history.shift();
    for (const s of this.subscribers) if (s.accepts(event)) s.push(event);
  }

  subscribe(opts: EventOptions = {}): EngineEventStream {
    const selector = opts.labels ?? {};
    const wanted = opts.actions ? new Set(opts.actions) : undefined;
    const accepts = (e: EngineEvent): boolean =>
      matchesLabels(e.labels, selector) && (!wanted || wanted.has(e.action)) && (opts.since === undefined || e.time >= opts.since);
    const subscriber: Subscriber = { accepts, push: (e) => queue.push(e) };
    const queue = eventQueue(() => this.subscribers.delete(subscriber));
    if (opts.since !== undefined) queue.push(...this.history.filter(accepts));
    this.subscribers.add(subscriber);
    return queue.stream;
  }
}
