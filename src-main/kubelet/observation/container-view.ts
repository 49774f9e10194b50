// The engine's containers as Berth last learned them, in memory: seeded by a full list + inspect
// (at start, after the event stream reconnects, and as a rare safety net), kept current by the
// engine's event stream and by Berth's own writes. A pod sync reads this view instead of listing
// and inspecting. Pure state and waiters; the I/O that feeds it is in engine-observer.ts.
import type { ContainerDetails, ContainerState, ContainerSummary, EngineEvent } from '../../engine/engine';
import { matchesLabels } from '../../engine/events';

/** Created but never started (Podman also says `configured`) is not an exit. */
const NOT_STARTED = new Set(['created', 'configured']);

/** Whether the container ran and is not running any more. */
export function hasExited(details: ContainerDetails): boolean {
  const state = details.state;
  return !state.running && (state.finishedAt !== undefined || state.startedAt !== undefined || !NOT_STARTED.has(state.status));
}

/**
 * A container's details after one of its events, or null when the event removed it. Events only
 * move a container forward: a start for a container already known to run (an inspect after the
 * start saw it first) keeps the engine's own start time, and so does a late die.
 */
export function detailsAfterEvent(details: ContainerDetails, event: EngineEvent): ContainerDetails | null {
  const state = details.state;
  switch (event.action) {
    case 'start':
      if (state.running) return details;
      return withState(details, { status: 'running', running: true, startedAt: event.time, finishedAt: undefined, exitCode: 0, oomKilled: false, error: '' });
    case 'die': {
      if (!state.running && state.finishedAt !== undefined) return details;
      const exitCode = event.exitCode ?? state.exitCode;
      return withState(details, { status: 'exited', running: false, exitCode, finishedAt: event.time });
    }
    case 'oom':
      return withState(details, { oomKilled: true });
    case 'destroy':
      return null;
    default:
      return details;
  }
}

function withState(details: ContainerDetails, change: Partial<ContainerState>): ContainerDetails {
  const state: ContainerState = { ...details.state, ...change };
  if (change.finishedAt === undefined && 'finishedAt' in change) delete state.finishedAt;
  return { ...details, state };
}

/** The summary an engine list would give for these details (what the view answers lists with). */
export function summaryOf(details: ContainerDetails): ContainerSummary {
  return {
    id: details.id,
    name: details.name,
    image: details.image,
    labels: details.labels,
    state: details.state.status,
    status: details.state.running ? 'Up' : `Exited (${details.state.exitCode})`,
    created: details.created,
  };
}

/** What the engine's list says of a container that the view disagrees with. */
export function listDisagrees(listed: ContainerSummary, known: ContainerDetails | undefined): boolean {
  if (!known) return true;
  return (listed.state === 'running') !== known.state.running;
}

export class ContainerView {
  private readonly byId = new Map<string, ContainerDetails>();
  /** Checked whenever the container changes, is added or goes. */
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Started by Berth, start event not seen yet: the start time is Berth's own until it comes. */
  private readonly startPending = new Set<string>();

  get(id: string): ContainerDetails | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Containers carrying all the labels (`true` = has the key); running ones only unless `all`. */
  list(labels: Readonly<Record<string, string | true>>, all: boolean): ContainerDetails[] {
    return [...this.byId.values()].filter((d) => (all || d.state.running) && matchesLabels(d.labels, labels));
  }

  /** The engine's own word on a container (an inspect). */
  put(details: ContainerDetails): void {
    this.startPending.delete(details.id);
    this.set(details);
  }

  remove(id: string): void {
    this.startPending.delete(id);
    if (!this.byId.delete(id)) return;
    this.notify(id);
  }

  /**
   * The engine answered a start of a created container: it runs from now on. Its start event,
   * when it comes, gives the engine's own start time (Podman's comes 50–250 ms after the answer;
   * waiting for it, or inspecting, would slow every start down).
   */
  markStarted(id: string, at: number): void {
    const details = this.byId.get(id);
    if (!details || details.state.running || hasExited(details)) return;
    this.startPending.add(id);
    this.set(withState(details, { status: 'running', running: true, startedAt: at, finishedAt: undefined, exitCode: 0, error: '' }));
  }

  /**
   * Replaces everything with a fresh full read of the engine, except the containers in `keep`
   * (written while the read ran, so the view's entry is the newer one).
   */
  replaceAll(all: readonly ContainerDetails[], keep: ReadonlySet<string> = new Set()): void {
    const before = new Set(this.byId.keys());
    const kept = [...keep].flatMap((id) => this.byId.get(id) ?? []);
    for (const id of this.startPending) if (!keep.has(id)) this.startPending.delete(id);
    this.byId.clear();
    for (const details of all) this.byId.set(details.id, details);
    for (const details of kept) this.byId.set(details.id, details);
    for (const id of new Set([...before, ...this.byId.keys()])) this.notify(id);
  }

  /**
   * Applies an engine event. Returns 'unknown' for a container the view has not seen (the caller
   * inspects it), 'changed' when the view changed, 'same' otherwise.
   */
  apply(event: EngineEvent): 'unknown' | 'changed' | 'same' {
    const known = this.byId.get(event.containerId);
    if (!known) return event.action === 'destroy' ? 'same' : 'unknown';
    if (event.action === 'start' && this.startPending.delete(event.containerId) && known.state.running) {
      this.set(withState(known, { startedAt: event.time }));
      return 'changed';
    }
    const next = detailsAfterEvent(known, event);
    if (next === known) return 'same';
    if (next === null) this.remove(event.containerId);
    else this.set(next);
    return 'changed';
  }

  /**
   * Resolves once `done(details)` holds for the container (undefined details: it is gone), or the
   * signal aborts. Checked now and at every change of that container.
   */
  until(id: string, done: (details: ContainerDetails | undefined) => boolean, signal?: AbortSignal): Promise<ContainerDetails | undefined> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const details = this.byId.get(id);
        if (!done(details) && !signal?.aborted) return false;
        this.waiters.get(id)?.delete(check);
        if (this.waiters.get(id)?.size === 0) this.waiters.delete(id);
        signal?.removeEventListener('abort', onAbort);
        resolve(details);
        return true;
      };
      const onAbort = () => check();
      if (check()) return;
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      set.add(check);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private set(details: ContainerDetails): void {
    this.byId.set(details.id, details);
    this.notify(details.id);
  }

  private notify(id: string): void {
    for (const waiter of [...(this.waiters.get(id) ?? [])]) waiter();
  }
}
