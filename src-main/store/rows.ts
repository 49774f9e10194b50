// Pure row <-> object mapping. Column names are snake_case; JSON columns are TEXT.
import type { BerthEvent, EventInput, EventType, HookHandlerKind, HookName, HookRun, PodRecord, RecordedPodStatus, StoredPod } from '../model';
import { optionalString } from './aggregation';

export interface EventRow {
  id: number;
  seq: number;
  agg_key: string;
  involved_kind: string;
  namespace: string;
  involved_name: string;
  involved_uid: string;
  field_path: string | null;
  type: string;
  reason: string;
  message: string;
  source_component: string;
  source_host: string | null;
  count: number;
  first_timestamp: number;
  last_timestamp: number;
}

/**
 * The row a first occurrence becomes (id 0 until inserted). A repeat differs only in id, seq,
 * count and timestamps: every other column is part of the aggregation key.
 */
export function newEventRow(input: EventInput, aggKey: string, seq: number): EventRow {
  const o = input.involvedObject;
  return {
    id: 0,
    seq,
    agg_key: aggKey,
    involved_kind: o.kind,
    namespace: o.namespace,
    involved_name: o.name,
    involved_uid: o.uid,
    field_path: optionalString(o.fieldPath),
    type: input.type,
    reason: input.reason,
    message: input.message,
    source_component: input.source.component,
    source_host: optionalString(input.source.host),
    count: 1,
    first_timestamp: input.timestamp,
    last_timestamp: input.timestamp,
  };
}

export function rowToEvent(row: EventRow): BerthEvent {
  const involvedObject: BerthEvent['involvedObject'] = {
    kind: row.involved_kind,
    namespace: row.namespace,
    name: row.involved_name,
    uid: row.involved_uid,
  };
  if (row.field_path !== null) involvedObject.fieldPath = row.field_path;
  const source: BerthEvent['source'] = { component: row.source_component };
  if (row.source_host !== null) source.host = row.source_host;
  return {
    id: row.id,
    involvedObject,
    type: row.type as EventType,
    reason: row.reason,
    message: row.message,
    source,
    count: row.count,
    firstTimestamp: row.first_timestamp,
    lastTimestamp: row.last_timestamp,
    resourceVersion: row.seq,
  };
}

export interface PodRow {
  uid: string;
  namespace: string;
  name: string;
  manifest: string;
  status: string;
  created_at: number;
  deletion_timestamp: number | null;
  engine: string | null;
  resource_version: number;
}

export function podToRow(p: PodRecord, resourceVersion: number): PodRow {
  return {
    uid: p.uid,
    namespace: p.namespace,
    name: p.name,
    manifest: JSON.stringify(p.manifest),
    status: JSON.stringify(p.status),
    created_at: p.createdAt,
    deletion_timestamp: p.deletionTimestamp,
    engine: p.engine,
    resource_version: resourceVersion,
  };
}

export function rowToPod(row: PodRow): PodRecord {
  return {
    uid: row.uid,
    namespace: row.namespace,
    name: row.name,
    // JSON columns: the store reads back what the core wrote (a defaulted Pod and its status).
    manifest: JSON.parse(row.manifest) as StoredPod,
    status: JSON.parse(row.status) as RecordedPodStatus,
    createdAt: row.created_at,
    deletionTimestamp: row.deletion_timestamp,
    engine: row.engine as PodRecord['engine'],
    resourceVersion: row.resource_version,
  };
}

/** A stored ConfigMap / Service / RuntimeClass / (redacted) Secret. */
export interface ObjectRecord {
  kind: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  name: string;
  uid: string;
  manifest: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** metadata.resourceVersion: the store's version of the last write. */
  resourceVersion: number;
}

export interface ObjectRow {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  manifest: string;
  created_at: number;
  updated_at: number;
  resource_version: number;
}

export function rowToObject(row: ObjectRow): ObjectRecord {
  return {
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    uid: row.uid,
    manifest: JSON.parse(row.manifest) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resourceVersion: row.resource_version,
  };
}

export interface HookRunRow {
  id: number;
  pod_uid: string;
  namespace: string;
  pod_name: string;
  container: string;
  container_id: string | null;
  hook: string;
  handler: string;
  attempt: number;
  started_at: number;
  finished_at: number | null;
  exit_code: number | null;
  http_status: number | null;
  output: string;
  error: string | null;
}

/** The columns of a row about one container of a pod (hook runs, container stops). */
interface ContainerRow<ContainerId> {
  id: number;
  pod_uid: string;
  namespace: string;
  pod_name: string;
  container: string;
  container_id: ContainerId;
}

/** Which container of which pod a row is about, as the API names it. */
export function containerFieldsOf<ContainerId>(row: ContainerRow<ContainerId>) {
  return {
    id: row.id,
    podUid: row.pod_uid,
    namespace: row.namespace,
    podName: row.pod_name,
    container: row.container,
    containerId: row.container_id,
  };
}

export function rowToHookRun(row: HookRunRow): HookRun {
  return {
    ...containerFieldsOf(row),
    hook: row.hook as HookName,
    handler: row.handler as HookHandlerKind,
    attempt: row.attempt,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    exitCode: row.exit_code,
    httpStatus: row.http_status,
    output: row.output,
    error: row.error,
  };
}
