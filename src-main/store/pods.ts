// Pods as applied, with their observed status.
import type Database from 'better-sqlite3';
import type { PodRecord, RecordedPodStatus } from '../model';
import type { ChangeLog } from './changes';
import type { ResourceVersions } from './resource-versions';
import { podToRow, rowToPod, type PodRow } from './rows';

/** Another pod (different uid, not being deleted) already holds this namespace/name. */
export class PodNameConflictError extends Error {
  constructor(
    readonly namespace: string,
    readonly podName: string,
    readonly existingUid: string,
  ) {
    super(`pod ${namespace}/${podName} already exists (uid ${existingUid}); delete it before applying a new one`);
    this.name = 'PodNameConflictError';
  }
}

export interface ListPodsOptions {
  /** Also list pods that are being deleted (deletionTimestamp set). Default false. */
  includeDeleting?: boolean;
}

export class PodStore {
  private readonly byUid: Database.Statement<[string], PodRow>;
  private readonly liveByName: Database.Statement<[string, string], PodRow>;
  private readonly anyByName: Database.Statement<[string, string], PodRow>;
  private readonly upsert: Database.Statement<PodRow>;
  private readonly listAll: Database.Statement<{ inc: number }, PodRow>;
  private readonly listNs: Database.Statement<{ ns: string; inc: number }, PodRow>;
  private readonly updateStatus: Database.Statement<[string | number, number, string], PodRow>;
  private readonly setDeleting: Database.Statement<[string | number, number, string], PodRow>;
  private readonly remove: Database.Statement<[string], PodRow>;
  private readonly upsertTx: (p: PodRecord) => { record: PodRecord; created: boolean };
  /** A write of one row: take a version, write the row with it (args, version, uid), in one transaction; the row as written. */
  private readonly versioned: (stmt: Database.Statement<[string | number, number, string], PodRow>, value: string | number, uid: string) => PodRow | undefined;
  private readonly removeTx: (uid: string) => PodRow | undefined;

  constructor(
    db: Database.Database,
    private readonly versions: ResourceVersions,
    private readonly changes: ChangeLog,
  ) {
    this.byUid = db.prepare('SELECT * FROM pods WHERE uid = ?');
    this.liveByName = db.prepare('SELECT * FROM pods WHERE namespace = ? AND name = ? AND deletion_timestamp IS NULL');
    // The live pod if there is one, else the most recently created one still terminating.
    this.anyByName = db.prepare(`
      SELECT * FROM pods WHERE namespace = ? AND name = ?
      ORDER BY deletion_timestamp IS NULL DESC, created_at DESC, rowid DESC LIMIT 1`);
    // created_at is kept from the first insert: a pod's creation time does not change.
    this.upsert = db.prepare(`
      INSERT INTO pods (uid, namespace, name, manifest, status, created_at, deletion_timestamp, engine, resource_version)
      VALUES (@uid, @namespace, @name, @manifest, @status, @created_at, @deletion_timestamp, @engine, @resource_version)
      ON CONFLICT (uid) DO UPDATE SET
        manifest = excluded.manifest, status = excluded.status,
        deletion_timestamp = excluded.deletion_timestamp, engine = excluded.engine,
        resource_version = excluded.resource_version`);
    // @inc = include pods being deleted (0/1).
    this.listAll = db.prepare(
      'SELECT * FROM pods WHERE (@inc OR deletion_timestamp IS NULL) ORDER BY namespace, name, created_at, rowid',
    );
    this.listNs = db.prepare(
      'SELECT * FROM pods WHERE namespace = @ns AND (@inc OR deletion_timestamp IS NULL) ORDER BY name, created_at, rowid',
    );
    this.updateStatus = db.prepare('UPDATE pods SET status = ?, resource_version = ? WHERE uid = ? RETURNING *');
    // The first deletion timestamp wins, as in the API server.
    this.setDeleting = db.prepare(
      'UPDATE pods SET deletion_timestamp = ?, resource_version = ? WHERE uid = ? AND deletion_timestamp IS NULL RETURNING *',
    );
    this.remove = db.prepare('DELETE FROM pods WHERE uid = ? RETURNING *');
    this.versioned = db.transaction(
      (stmt: Database.Statement<[string | number, number, string], PodRow>, value: string | number, uid: string) =>
        stmt.get(value, this.versions.take(), uid),
    ).immediate;
    // The deletion is a write too: its version goes with the last state the watchers get.
    this.removeTx = db.transaction((uid: string) => {
      const resourceVersion = this.versions.take();
      const row = this.remove.get(uid);
      return row && { ...row, resource_version: resourceVersion };
    }).immediate;
    this.upsertTx = db.transaction((p: PodRecord) => {
      const existing = this.byUid.get(p.uid);
      if (existing && (existing.namespace !== p.namespace || existing.name !== p.name)) {
        throw new Error(
          `pod uid ${p.uid} is ${existing.namespace}/${existing.name}; cannot store it as ${p.namespace}/${p.name}`,
        );
      }
      if (p.deletionTimestamp === null) {
        const live = this.liveByName.get(p.namespace, p.name);
        if (live && live.uid !== p.uid) throw new PodNameConflictError(p.namespace, p.name, live.uid);
      }
      const resourceVersion = this.versions.take();
      this.upsert.run(podToRow(p, resourceVersion));
      // createdAt is the stored one: it does not change on update.
      return { record: { ...p, createdAt: existing?.created_at ?? p.createdAt, resourceVersion }, created: !existing };
    }).immediate;
  }

  /**
   * Inserts the pod, or replaces manifest, status, deletionTimestamp and engine of the pod with
   * this uid (namespace, name and createdAt are fixed at creation). Throws PodNameConflictError if
   * another pod not being deleted has the same namespace/name: re-applying a name needs the old
   * pod marked deleting (markPodDeleting) or removed first; it then gets a new uid.
   */
  upsertPod(p: PodRecord): void {
    const { record, created } = this.upsertTx(p);
    this.changes.emit([{ kind: 'Pod', type: created ? 'added' : 'modified', record, resourceVersion: record.resourceVersion! }]);
  }

  /** The pod with this name: the live one, else the newest one still being deleted. */
  getPod(namespace: string, name: string): PodRecord | undefined {
    const row = this.anyByName.get(namespace, name);
    return row && rowToPod(row);
  }

  getPodByUid(uid: string): PodRecord | undefined {
    const row = this.byUid.get(uid);
    return row && rowToPod(row);
  }

  /** Pods not being deleted (unless includeDeleting), ordered by namespace, name. */
  listPods(namespace?: string, options: ListPodsOptions = {}): PodRecord[] {
    const inc = options.includeDeleting ? 1 : 0;
    const rows = namespace === undefined ? this.listAll.all({ inc }) : this.listNs.all({ ns: namespace, inc });
    return rows.map(rowToPod);
  }

  /** Returns false if there is no pod with this uid. */
  setPodStatus(uid: string, status: RecordedPodStatus): boolean {
    return this.written('modified', this.versioned(this.updateStatus, JSON.stringify(status), uid));
  }

  /** Sets deletionTimestamp unless already set. Returns false if the pod is unknown or already deleting. */
  markPodDeleting(uid: string, ts: number): boolean {
    return this.written('modified', this.versioned(this.setDeleting, ts, uid));
  }

  /** Forgets the pod. Its events and hook runs stay (queryable by uid and by namespace+name). */
  removePod(uid: string): boolean {
    return this.written('deleted', this.removeTx(uid));
  }

  /** Tells the change log about a row a statement wrote (the parse only when someone listens). */
  private written(type: 'modified' | 'deleted', row: PodRow | undefined): boolean {
    if (!row) return false;
    if (this.changes.active) this.changes.emit([{ kind: 'Pod', type, record: rowToPod(row), resourceVersion: row.resource_version }]);
    return true;
  }
}
