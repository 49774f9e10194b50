// Lifecycle hook executions: one row per delivery, kept after the pod is gone.
import type Database from 'better-sqlite3';
import type { HookRun } from '../model';
import { rowToHookRun, type HookRunRow } from './rows';
import { truncateUtf8 } from './text';

/** What is known when a hook starts; `attempt` is computed by the store. */
export type HookRunStart = Omit<HookRun, 'id' | 'attempt' | 'finishedAt' | 'exitCode' | 'httpStatus' | 'output' | 'error'>;

export interface HookRunResult {
  finishedAt: number;
  exitCode?: number | null;
  httpStatus?: number | null;
  /** Truncated to the first 10 KiB (UTF-8 bytes, whole characters). */
  output?: string;
  error?: string | null;
}

export class HookRunStore {
  private readonly byId: Database.Statement<[number], HookRunRow>;
  private readonly earlier: Database.Statement<Record<string, unknown>, { n: number }>;
  private readonly insert: Database.Statement<Record<string, unknown>, HookRunRow>;
  private readonly finish: Database.Statement<Record<string, unknown>, HookRunRow>;
  private readonly byPod: Database.Statement<[string], HookRunRow>;
  private readonly unfinished: Database.Statement<[], HookRunRow>;
  private readonly startTx: (s: HookRunStart) => HookRun;

  constructor(db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM hook_runs WHERE id = ?');
    this.earlier = db.prepare(`
      SELECT count(*) AS n FROM hook_runs
      WHERE pod_uid = @pod_uid AND container = @container AND hook = @hook AND container_id IS @container_id`);
    this.insert = db.prepare(`
      INSERT INTO hook_runs (pod_uid, namespace, pod_name, container, container_id, hook, handler, attempt, started_at)
      VALUES (@pod_uid, @namespace, @pod_name, @container, @container_id, @hook, @handler, @attempt, @started_at)
      RETURNING *`);
    this.finish = db.prepare(`
      UPDATE hook_runs SET finished_at = @finished_at, exit_code = @exit_code, http_status = @http_status,
                           output = @output, error = @error
      WHERE id = @id RETURNING *`);
    this.byPod = db.prepare('SELECT * FROM hook_runs WHERE pod_uid = ? ORDER BY id');
    // Superseded runs (a later attempt of the same delivery exists) are not re-delivered again.
    this.unfinished = db.prepare(`
      SELECT * FROM hook_runs AS h
      WHERE h.finished_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM hook_runs AS l
        WHERE l.pod_uid = h.pod_uid AND l.container = h.container AND l.hook = h.hook
          AND l.container_id IS h.container_id AND l.id > h.id)
      ORDER BY h.id`);
    // Immediate: the count and the insert happen under the write lock, so attempts are unique
    // even with two processes writing.
    this.startTx = db.transaction((s: HookRunStart): HookRun => {
      const key = { pod_uid: s.podUid, container: s.container, hook: s.hook, container_id: s.containerId };
      const n = this.earlier.get(key)?.n ?? 0;
      const row = this.insert.get({
        ...key,
        namespace: s.namespace,
        pod_name: s.podName,
        handler: s.handler,
        attempt: n + 1,
        started_at: s.startedAt,
      });
      if (!row) throw new Error('hook run insert returned no row');
      return rowToHookRun(row);
    }).immediate;
  }

  /** Records the start of a hook delivery. attempt = 1 + earlier runs of the same pod, container, hook and containerId. */
  startHookRun(s: HookRunStart): HookRun {
    return this.startTx(s);
  }

  /** Records the outcome. Throws if there is no run with this id. */
  finishHookRun(id: number, r: HookRunResult): HookRun {
    const row = this.finish.get({
      id,
      finished_at: r.finishedAt,
      exit_code: r.exitCode ?? null,
      http_status: r.httpStatus ?? null,
      output: truncateUtf8(r.output ?? ''),
      error: r.error ?? null,
    });
    if (!row) throw new Error(`no hook run with id ${id}`);
    return rowToHookRun(row);
  }

  getHookRun(id: number): HookRun | undefined {
    const row = this.byId.get(id);
    return row && rowToHookRun(row);
  }

  /** All runs of a pod, oldest first. */
  listHookRuns(podUid: string): HookRun[] {
    return this.byPod.all(podUid).map(rowToHookRun);
  }

  /**
   * Runs started but never finished (the process died): candidates for re-delivery, oldest first.
   * A run for which a later attempt was started is left out; the caller should still close the
   * interrupted run with finishHookRun(id, { finishedAt, error: 'interrupted' }) for the record.
   */
  unfinishedHookRuns(): HookRun[] {
    return this.unfinished.all().map(rowToHookRun);
  }
}
