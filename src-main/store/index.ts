// The event store: one SQLite file holding pods, objects, aggregated events and hook runs.
// Facade over the per-table modules; every write is a transaction (see each module).
import type Database from 'better-sqlite3';
import type { BerthEvent, ContainerStop, EventInput, EventQuery, HookRun, PodRecord, RecordedPodStatus } from '../model';
import { ChangeLog, type StoreChangeListener } from './changes';
import { EventStore, type EventChanges } from './events';
import { ContainerStopStore, type ContainerStopMilestones, type ContainerStopStart } from './container-stops';
import { HookRunStore, type HookRunResult, type HookRunStart } from './hook-runs';
import { ObjectStore, type PutObjectInput, type PutObjectResult } from './objects';
import { closeDatabase, openDatabase, type OpenOptions } from './open';
import { PodStore, type ListPodsOptions } from './pods';
import { readUserVersion } from './migrations';
import { ResourceVersions } from './resource-versions';
import type { ObjectRecord } from './rows';

export { StoreVersionError, SCHEMA_VERSION } from './migrations';
export { PodNameConflictError } from './pods';
export { SecretDataError } from './objects';
export { LAST_APPLIED_ANNOTATION, redactSecretManifest } from './secret-redaction';
export { NativeBindingError } from './open';
export { DEFAULT_EVENT_LIMIT, MAX_EVENT_LIMIT } from './event-query';
export { HOOK_OUTPUT_MAX_BYTES } from './text';
export type { EventChanges } from './events';
export type { HookRunResult, HookRunStart } from './hook-runs';
export type { PutObjectInput, PutObjectResult } from './objects';
export type { ListPodsOptions } from './pods';
export type { ObjectRecord } from './rows';
export type { ChangeType, StoreChange, StoreChangeListener } from './changes';

export interface StoreOptions extends OpenOptions {
  /** Clock for objects' createdAt/updatedAt (epoch ms). Default Date.now. */
  now?: () => number;
}

export class Store {
  private readonly events: EventStore;
  private readonly pods: PodStore;
  private readonly objects: ObjectStore;
  private readonly hookRuns: HookRunStore;
  private readonly containerStops: ContainerStopStore;
  private readonly versions: ResourceVersions;
  private readonly changes = new ChangeLog();

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    now: () => number,
  ) {
    this.versions = new ResourceVersions(db);
    this.events = new EventStore(db, this.versions, this.changes);
    this.pods = new PodStore(db, this.versions, this.changes);
    this.objects = new ObjectStore(db, now, this.versions, this.changes);
    this.hookRuns = new HookRunStore(db);
    this.containerStops = new ContainerStopStore(db);
  }

  /**
   * Opens or creates the store at `file` (its parent directory is created, mode 0700), migrating it.
   * Throws StoreVersionError, leaving the file untouched, if it was written by a newer Berth.
   */
  static open(file: string, options: StoreOptions = {}): Store {
    const db = openDatabase(file, options);
    try {
      return new Store(db, file, options.now ?? Date.now);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  schemaVersion(): number {
    return readUserVersion(this.db);
  }

  /**
   * Runs `fn` in one write transaction (nested store writes become savepoints): all or nothing.
   * The change listener hears of its writes once it commits, and never if it throws.
   */
  transaction<T>(fn: () => T): T {
    return this.changes.around(() => this.db.transaction(fn).immediate());
  }

  /** The resource version of the last committed write: what a list read now is consistent with. */
  resourceVersion(): number {
    return this.versions.current();
  }

  /** Hears every committed pod, object and event write, in version order (one listener; undefined stops). */
  onChange(listener: StoreChangeListener | undefined): void {
    this.changes.listen(listener);
  }

  /** Checkpoints the WAL into the database file and closes. Idempotent. */
  close(): void {
    closeDatabase(this.db);
  }

  // Events

  recordEvents(inputs: readonly EventInput[]): BerthEvent[] {
    return this.events.recordEvents(inputs);
  }

  recordEvent(input: EventInput): BerthEvent {
    return this.events.recordEvent(input);
  }

  listEvents(q: EventQuery = {}): BerthEvent[] {
    return this.events.listEvents(q);
  }

  countEvents(q: EventQuery = {}): number {
    return this.events.countEvents(q);
  }

  eventCursor(): number {
    return this.events.eventCursor();
  }

  getEvent(id: number): BerthEvent | undefined {
    return this.events.getEvent(id);
  }

  eventsChangedSince(cursor: number, limit?: number): EventChanges {
    return this.events.eventsChangedSince(cursor, limit);
  }

  // Pods

  upsertPod(p: PodRecord): void {
    this.pods.upsertPod(p);
  }

  getPod(namespace: string, name: string): PodRecord | undefined {
    return this.pods.getPod(namespace, name);
  }

  getPodByUid(uid: string): PodRecord | undefined {
    return this.pods.getPodByUid(uid);
  }

  listPods(namespace?: string, options?: ListPodsOptions): PodRecord[] {
    return this.pods.listPods(namespace, options);
  }

  setPodStatus(uid: string, status: RecordedPodStatus): boolean {
    return this.pods.setPodStatus(uid, status);
  }

  markPodDeleting(uid: string, ts: number): boolean {
    return this.pods.markPodDeleting(uid, ts);
  }

  removePod(uid: string): boolean {
    return this.pods.removePod(uid);
  }

  // Objects

  putObject(input: PutObjectInput): PutObjectResult {
    return this.objects.putObject(input);
  }

  getObject(kind: string, namespace: string, name: string): ObjectRecord | undefined {
    return this.objects.getObject(kind, namespace, name);
  }

  listObjects(kind: string, namespace?: string): ObjectRecord[] {
    return this.objects.listObjects(kind, namespace);
  }

  deleteObject(kind: string, namespace: string, name: string): boolean {
    return this.objects.deleteObject(kind, namespace, name);
  }

  /** A new resourceVersion for an object whose values live elsewhere (a Secret's, in the vault). */
  touchObject(kind: string, namespace: string, name: string): boolean {
    return this.objects.touchObject(kind, namespace, name);
  }

  // Hook runs

  startHookRun(s: HookRunStart): HookRun {
    return this.hookRuns.startHookRun(s);
  }

  finishHookRun(id: number, r: HookRunResult): HookRun {
    return this.hookRuns.finishHookRun(id, r);
  }

  getHookRun(id: number): HookRun | undefined {
    return this.hookRuns.getHookRun(id);
  }

  listHookRuns(podUid: string): HookRun[] {
    return this.hookRuns.listHookRuns(podUid);
  }

  /** A container stop begins: the row its timeline milestones are written to. */
  startContainerStop(s: ContainerStopStart): ContainerStop {
    return this.containerStops.start(s);
  }

  updateContainerStop(id: number, milestones: ContainerStopMilestones): ContainerStop | undefined {
    return this.containerStops.update(id, milestones);
  }

  listContainerStops(podUid: string): ContainerStop[] {
    return this.containerStops.list(podUid);
  }

  unfinishedHookRuns(): HookRun[] {
    return this.hookRuns.unfinishedHookRuns();
  }
}

export function openStore(file: string, options?: StoreOptions): Store {
  return Store.open(file, options);
}
