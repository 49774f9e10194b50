// The pod list row of Berth's own doors: the stored pod record summarised with kubectl's READY,
// STATUS and RESTARTS rule (kube/pod-columns.ts, shared with the Kubernetes API's Table).
import type { PodSummary } from './results';
import type { PodRecord } from '../model';
import { podColumns, type PodSpecLike, type PodStatusLike } from '../kube/pod-columns';

/** Reads only what it needs, and tolerates what is missing, as kubectl's printer does. */
export function summarizePod(record: PodRecord<{ spec: PodSpecLike }, PodStatusLike>): PodSummary {
  const spec = record.manifest.spec;
  const status = record.status;
  const columns = podColumns(spec, status, record.deletionTimestamp !== null);
  return {
    uid: record.uid,
    namespace: record.namespace,
    name: record.name,
    ...columns,
    createdAt: record.createdAt,
    podIP: status.podIP ?? null,
    node: spec.nodeName ?? null,
    engine: record.engine,
    terminating: record.deletionTimestamp !== null,
  };
}
