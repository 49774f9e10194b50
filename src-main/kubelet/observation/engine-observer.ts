// Observation from the engine's event stream. The observer keeps a ContainerView of this Berth's
// containers and hands the pod workers an ObservedEngine that answers their reads from it:
// - a full list + inspect when the runtime connects (and so again after the event stream
//   reconnects) — the engine's list stays the source of truth after a crash;
// - start/die/oom/destroy events move the view at the engine's own speed, with the exit code and
//   time the event carries: an exit is seen when the engine reports it, not when Podman's
//   `/wait` gets round to answering;
// - Berth's own writes update the view before they return (see observed-engine.ts);
// - a rare safety net lists again and inspects only what the view disagrees with (a dropped event).
import type { ContainerDetails, ContainerSummary, Engine, EngineEvent } from '../../engine/engine';
import { isNotFound } from '../../engine/engine';
import { matchesLabels } from '../../engine/events';
import { LABELS, parseBerthLabels } from '../../engine/labels';
import { ContainerView, hasExited, listDisagrees, summaryOf } from './container-view';
import { ObservedEngine } from './observed-engine';

/** A container younger than this may be missing from a list that began before it was created. */
const LIST_RACE_MS = 5000;

export interface EngineObserverOptions {
  /** The labels every container of this Berth carries (managed + instance). */
  selector: Readonly<Record<string, string>>;
  /** A pod's containers changed on the engine (the runtime wakes its worker). */
  onPodChanged: (uid: string) => void;
  now: () => number;
}

export class EngineObserver {
  readonly view = new ContainerView();
  /** The engine the pod workers use. */
  readonly engine: Engine;
  private synced = false;
  /** Events held while a full read runs (and before the first), applied after it: they are newer. */
  private held: EngineEvent[] | undefined = [];
  /** Containers Berth wrote to while a full read ran: the read may predate the write. */
  private writtenDuringRead: Set<string> | undefined;
  /** The newest inspect in flight, by container id. */
  private readonly reading = new Map<string, Promise<ContainerDetails | undefined>>();

  constructor(
    private readonly inner: Engine,
    private readonly options: EngineObserverOptions,
  ) {
    this.engine = new ObservedEngine(inner, this);
  }

  /** A full read: every container of this Berth, listed and inspected; the view becomes that. */
  async resync(): Promise<void> {
    this.held ??= [];
    this.writtenDuringRead = new Set();
    try {
      const listed = await this.inner.listContainers({ all: true, labels: this.options.selector });
      const details = (await Promise.all(listed.map((c) => this.inspectOrGone(c.id)))).filter((d): d is ContainerDetails => d !== undefined);
      const pods = new Set([...this.view.ids().map((id) => this.podOf(this.view.get(id))), ...details.map((d) => this.podOf(d))]);
      this.view.replaceAll(details, this.writtenDuringRead);
      this.synced = true;
      for (const uid of pods) if (uid) this.options.onPodChanged(uid);
    } finally {
      this.writtenDuringRead = undefined;
      const held = this.held ?? [];
      this.held = undefined;
      for (const event of held) await this.handle(event);
    }
  }

  /** One engine event, in stream order: move the view, and wake the pod it belongs to. */
  async handle(event: EngineEvent): Promise<void> {
    if (this.held) {
      this.held.push(event);
      return;
    }
    if (this.view.apply(event) === 'unknown') {
      // Often already being read (a sandbox's start event overtakes its inspect): that read is
      // shared, and the event applied on top of it (events only move a container forward).
      const details = await (this.reading.get(event.containerId) ?? this.inspectOrGone(event.containerId));
      if (details && this.isOurs(details)) {
        this.view.put(details);
        this.view.apply(event);
      }
    }
    const uid = parseBerthLabels(event.labels)?.pod.uid ?? this.podOf(this.view.get(event.containerId));
    if (uid) this.options.onPodChanged(uid);
  }

  /**
   * The safety net: one list, compared with the view; only what disagrees is inspected. Catches
   * an event the stream lost (dockerd drops events a slow reader misses).
   */
  async checkAgainstList(): Promise<void> {
    if (!this.synced || this.held) return;
    const listedAt = this.options.now();
    const listed = await this.inner.listContainers({ all: true, labels: this.options.selector });
    const seen = new Set(listed.map((c) => c.id));
    const changed = new Set<string | undefined>();
    for (const summary of listed) {
      if (!listDisagrees(summary, this.view.get(summary.id))) continue;
      await this.refresh(summary.id);
      changed.add(parseBerthLabels(summary.labels)?.pod.uid);
    }
    for (const id of this.view.ids()) {
      const details = this.view.get(id)!;
      if (seen.has(id) || details.created > listedAt - LIST_RACE_MS) continue;
      this.view.remove(id);
      changed.add(this.podOf(details));
    }
    for (const uid of changed) if (uid) this.options.onPodChanged(uid);
  }

  // ---- what the observed engine routes here ----------------------------------------------------

  /** Lists by pod are answered from the view once it holds a full read. */
  servesList(labels: Readonly<Record<string, string | true>> | undefined): boolean {
    return this.synced && labels !== undefined && typeof labels[LABELS.podUid] === 'string';
  }

  list(labels: Readonly<Record<string, string | true>>, all: boolean): ContainerSummary[] {
    return this.view.list(labels, all).map(summaryOf);
  }

  async inspect(id: string): Promise<ContainerDetails> {
    const known = this.view.get(id);
    if (known) return known;
    const details = await this.inner.inspectContainer(id);
    if (this.isOurs(details)) this.put(details);
    return details;
  }

  /** After a create: one inspect, so the next sync sees the container without listing. */
  async created(id: string): Promise<void> {
    await this.refresh(id);
  }

  /**
   * After a start: the view shows it running before the start returns. A container the view does
   * not hold yet (a sandbox: its addresses and published ports exist only from its start on) is
   * inspected now; one it holds runs from now, until its start event gives the engine's own time.
   */
  async started(id: string): Promise<void> {
    this.writtenDuringRead?.add(id);
    if (!this.view.has(id)) return this.refresh(id);
    this.view.markStarted(id, this.options.now());
  }

  /** Reads the engine's own word on one container into the view. */
  async refresh(id: string): Promise<void> {
    const details = await this.inspectOrGone(id);
    if (details && this.isOurs(details)) this.put(details);
    else if (!details) this.view.remove(id);
  }

  /**
   * Resolves with the exit code once the container is not running: from the view's `die` event
   * or the engine's own wait, whichever is first (Podman 4.3's `/wait` answers 0.3–1.2 s late,
   * but it answers if the event stream stalls). An engine answer first is read into the view, so
   * a status published right after the exit shows it.
   */
  async waitForExit(id: string, signal: AbortSignal | undefined, engineWait: (signal: AbortSignal) => Promise<number | undefined>): Promise<number | undefined> {
    if (!this.view.has(id)) return engineWait(signal ?? new AbortController().signal);
    const done = new AbortController();
    const stop = signal ? AbortSignal.any([signal, done.signal]) : done.signal;
    const fromView = this.view
      .until(id, (d) => d === undefined || hasExited(d), stop)
      .then((d) => ({ from: 'view' as const, exited: d !== undefined && hasExited(d), code: d && hasExited(d) ? d.state.exitCode : undefined }));
    const fromEngine = engineWait(stop).then(
      (code) => ({ from: 'engine' as const, exited: true, code }),
      (error: unknown) => ({ from: 'engine' as const, error }),
    );
    const first = await Promise.race([fromView, fromEngine]);
    done.abort();
    if ('error' in first) throw first.error;
    if (first.from === 'engine') await this.refresh(id).catch(() => undefined);
    // The caller gave up: as the engine's own wait, that is no answer.
    else if (!first.exited && signal?.aborted) throw signal.reason;
    // Undefined when the container went (removed) before it was seen to exit.
    return first.code;
  }

  removed(id: string): void {
    this.view.remove(id);
  }

  private put(details: ContainerDetails): void {
    this.writtenDuringRead?.add(details.id);
    this.view.put(details);
  }

  private isOurs(details: ContainerDetails): boolean {
    return matchesLabels(details.labels, this.options.selector);
  }

  private podOf(details: ContainerDetails | undefined): string | undefined {
    return details ? parseBerthLabels(details.labels)?.pod.uid : undefined;
  }

  /** An engine inspect, kept in `reading` while it runs (an event for the container shares it). */
  private inspectOrGone(id: string): Promise<ContainerDetails | undefined> {
    const reading = this.inner.inspectContainer(id).then(
      (details) => details,
      (error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      },
    );
    this.reading.set(id, reading);
    const done = () => {
      if (this.reading.get(id) === reading) this.reading.delete(id);
    };
    reading.then(done, done);
    return reading;
  }
}
