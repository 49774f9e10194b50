// ConfigMap / Service / RuntimeClass / Secret metadata. Secrets arrive redacted; a guard makes sure.
import type Database from 'better-sqlite3';
import type { ChangeLog, ChangeType } from './changes';
import type { ResourceVersions } from './resource-versions';
import { rowToObject, type ObjectRecord, type ObjectRow } from './rows';
import { secretManifestCarriesData } from './secret-redaction';
import { canonicalJson } from './text';

export interface PutObjectInput {
  kind: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  name: string;
  uid: string;
  manifest: Record<string, unknown>;
}

export type PutObjectResult = 'created' | 'configured' | 'unchanged';

/** A Secret with data reached the store: a bug upstream (Secret values must never be written to SQLite). */
export class SecretDataError extends Error {
  constructor(namespace: string, name: string) {
    super(`refusing to store Secret ${namespace}/${name} with its values (data, stringData, or a last-applied-configuration holding them): Secrets must be redacted before storing`);
    this.name = 'SecretDataError';
  }
}

/** Pure guard: throws if `input` is a Secret whose manifest still carries data or stringData, annotations included. */
export function assertNoSecretData(input: Pick<PutObjectInput, 'kind' | 'namespace' | 'name' | 'manifest'>): void {
  if (input.kind !== 'Secret') return;
  if (secretManifestCarriesData(input.manifest)) throw new SecretDataError(input.namespace, input.name);
}

type Key = { kind: string; namespace: string; name: string };

export class ObjectStore {
  private readonly get: Database.Statement<Key, ObjectRow>;
  private readonly insert: Database.Statement<ObjectRow>;
  private readonly update: Database.Statement<Key & { manifest: string; updated_at: number; resource_version: number }>;
  private readonly listAll: Database.Statement<{ kind: string }, ObjectRow>;
  private readonly listNs: Database.Statement<{ kind: string; namespace: string }, ObjectRow>;
  private readonly remove: Database.Statement<Key, ObjectRow>;
  private readonly putTx: (input: PutObjectInput) => { result: PutObjectResult; row?: ObjectRow };
  private readonly removeTx: (key: Key) => ObjectRow | undefined;
  private readonly touch: Database.Statement<Key & { updated_at: number; resource_version: number }, ObjectRow>;
  private readonly touchTx: (key: Key) => ObjectRow | undefined;

  constructor(
    db: Database.Database,
    private readonly now: () => number,
    private readonly versions: ResourceVersions,
    private readonly changes: ChangeLog,
  ) {
    this.get = db.prepare('SELECT * FROM objects WHERE kind = @kind AND namespace = @namespace AND name = @name');
    this.insert = db.prepare(`
      INSERT INTO objects (kind, namespace, name, uid, manifest, created_at, updated_at, resource_version)
      VALUES (@kind, @namespace, @name, @uid, @manifest, @created_at, @updated_at, @resource_version)`);
    this.update = db.prepare(`
      UPDATE objects SET manifest = @manifest, updated_at = @updated_at, resource_version = @resource_version
      WHERE kind = @kind AND namespace = @namespace AND name = @name`);
    this.listAll = db.prepare('SELECT * FROM objects WHERE kind = @kind ORDER BY namespace, name');
    this.listNs = db.prepare('SELECT * FROM objects WHERE kind = @kind AND namespace = @namespace ORDER BY name');
    this.remove = db.prepare('DELETE FROM objects WHERE kind = @kind AND namespace = @namespace AND name = @name RETURNING *');
    this.putTx = db.transaction((input: PutObjectInput): { result: PutObjectResult; row?: ObjectRow } => {
      const key = { kind: input.kind, namespace: input.namespace, name: input.name };
      const manifest = JSON.stringify(input.manifest);
      const existing = this.get.get(key);
      const ts = this.now();
      if (!existing) {
        const row = { ...key, uid: input.uid, manifest, created_at: ts, updated_at: ts, resource_version: this.versions.take() };
        this.insert.run(row);
        return { result: 'created', row };
      }
      if (canonicalJson(JSON.parse(existing.manifest)) === canonicalJson(input.manifest)) return { result: 'unchanged' };
      const row = { ...existing, manifest, updated_at: ts, resource_version: this.versions.take() };
      this.update.run(row);
      return { result: 'configured', row };
    }).immediate;
    this.touch = db.prepare(`
      UPDATE objects SET updated_at = @updated_at, resource_version = @resource_version
      WHERE kind = @kind AND namespace = @namespace AND name = @name RETURNING *`);
    this.touchTx = db.transaction((key: Key) => this.touch.get({ ...key, updated_at: this.now(), resource_version: this.versions.take() })).immediate;
    this.removeTx = db.transaction((key: Key) => {
      const resourceVersion = this.versions.take();
      const row = this.remove.get(key);
      return row && { ...row, resource_version: resourceVersion };
    }).immediate;
  }

  /**
   * Creates or updates the object, like `kubectl apply` reports it. Manifests are compared
   * ignoring key order. An existing object keeps its uid and createdAt (the input uid is used
   * only on creation). Secrets must come redacted (see assertNoSecretData).
   */
  putObject(input: PutObjectInput): PutObjectResult {
    assertNoSecretData(input);
    const { result, row } = this.putTx(input);
    if (row) this.written(result === 'created' ? 'added' : 'modified', row);
    return result;
  }

  getObject(kind: string, namespace: string, name: string): ObjectRecord | undefined {
    const row = this.get.get({ kind, namespace, name });
    return row && rowToObject(row);
  }

  /** Ordered by namespace, name. */
  listObjects(kind: string, namespace?: string): ObjectRecord[] {
    const rows = namespace === undefined ? this.listAll.all({ kind }) : this.listNs.all({ kind, namespace });
    return rows.map(rowToObject);
  }

  /**
   * A new version of an object whose stored manifest did not change: a Secret whose values (kept
   * outside SQLite) did. Returns false if there is no such object.
   */
  touchObject(kind: string, namespace: string, name: string): boolean {
    const row = this.touchTx({ kind, namespace, name });
    if (row) this.written('modified', row);
    return row !== undefined;
  }

  /** Returns false if there was no such object. */
  deleteObject(kind: string, namespace: string, name: string): boolean {
    const row = this.removeTx({ kind, namespace, name });
    if (row) this.written('deleted', row);
    return row !== undefined;
  }

  private written(type: ChangeType, row: ObjectRow): void {
    if (this.changes.active) this.changes.emit([{ kind: 'Object', type, record: rowToObject(row), resourceVersion: row.resource_version }]);
  }
}
