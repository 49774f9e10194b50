// Container stops and their termination timelines, written milestone by milestone.
import type Database from 'better-sqlite3';
import type { ContainerStop, StopReason } from '../model';
import { containerFieldsOf } from './rows';

export type ContainerStopStart = Pick<ContainerStop, 'podUid' | 'namespace' | 'podName' | 'container' | 'containerId' | 'reason' | 'gracePeriodMs' | 'startedAt'>;
export type ContainerStopMilestones = Partial<
  Pick<ContainerStop, 'preStopStartedAt' | 'preStopFinishedAt' | 'signal' | 'signalAt' | 'killAt' | 'exitedAt' | 'exitCode'>
>;

interface StopRow {
  id: number;
  pod_uid: string;
  namespace: string;
  pod_name: string;
  container: string;
  container_id: string;
  reason: string;
  grace_period_ms: number;
  started_at: number;
  pre_stop_started_at: number | null;
  pre_stop_finished_at: number | null;
  signal: string | null;
  signal_at: number | null;
  kill_at: number | null;
  exited_at: number | null;
  exit_code: number | null;
}

const COLUMNS: Record<keyof ContainerStopMilestones, keyof StopRow> = {
  preStopStartedAt: 'pre_stop_started_at',
  preStopFinishedAt: 'pre_stop_finished_at',
  signal: 'signal',
  signalAt: 'signal_at',
  killAt: 'kill_at',
  exitedAt: 'exited_at',
  exitCode: 'exit_code',
};

function rowToStop(row: StopRow): ContainerStop {
  return {
    ...containerFieldsOf(row),
    reason: row.reason as StopReason,
    gracePeriodMs: row.grace_period_ms,
    startedAt: row.started_at,
    preStopStartedAt: row.pre_stop_started_at,
    preStopFinishedAt: row.pre_stop_finished_at,
    signal: row.signal,
    signalAt: row.signal_at,
    killAt: row.kill_at,
    exitedAt: row.exited_at,
    exitCode: row.exit_code,
  };
}

export class ContainerStopStore {
  private readonly insert: Database.Statement<Record<string, unknown>, StopRow>;
  private readonly byPod: Database.Statement<[string], StopRow>;
  private readonly updates = new Map<string, Database.Statement<Record<string, unknown>, StopRow>>();

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO container_stops (pod_uid, namespace, pod_name, container, container_id, reason, grace_period_ms, started_at)
      VALUES (@pod_uid, @namespace, @pod_name, @container, @container_id, @reason, @grace_period_ms, @started_at)
      RETURNING *`);
    this.byPod = db.prepare('SELECT * FROM container_stops WHERE pod_uid = ? ORDER BY id');
  }

  start(s: ContainerStopStart): ContainerStop {
    return rowToStop(
      this.insert.get({
        pod_uid: s.podUid,
        namespace: s.namespace,
        pod_name: s.podName,
        container: s.container,
        container_id: s.containerId,
        reason: s.reason,
        grace_period_ms: Math.round(s.gracePeriodMs),
        started_at: s.startedAt,
      })!,
    );
  }

  /** Records the milestones reached; the statement for each set of columns is prepared once. */
  update(id: number, milestones: ContainerStopMilestones): ContainerStop | undefined {
    const keys = (Object.keys(milestones) as (keyof ContainerStopMilestones)[]).filter((k) => milestones[k] !== undefined).sort();
    if (keys.length === 0) return undefined;
    const signature = keys.join(',');
    let statement = this.updates.get(signature);
    if (!statement) {
      const assignments = keys.map((k) => `${COLUMNS[k]} = @${COLUMNS[k]}`).join(', ');
      statement = this.db.prepare(`UPDATE container_stops SET ${assignments} WHERE id = @id RETURNING *`);
      this.updates.set(signature, statement);
    }
    const params: Record<string, unknown> = { id };
    for (const k of keys) params[COLUMNS[k]] = milestones[k];
    const row = statement.get(params);
    return row ? rowToStop(row) : undefined;
  }

  list(podUid: string): ContainerStop[] {
    return this.byPod.all(podUid).map(rowToStop);
  }
}
