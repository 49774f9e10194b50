// Stored pod record → the Kubernetes object shape that `get -o json` and the UI show.
import type { PodObject } from './results';
import type { PodRecord } from './types';
import { rfc3339 } from '../kubelet/status/types';

export function toPodObject(record: PodRecord): PodObject {
  const manifest = record.manifest as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  const metadata: PodObject['metadata'] = {
    ...(manifest.metadata ?? {}),
    name: record.name,
    namespace: record.namespace,
    uid: record.uid,
    creationTimestamp: rfc3339(record.createdAt),
  };
  if (record.deletionTimestamp !== null) metadata.deletionTimestamp = rfc3339(record.deletionTimestamp);
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: manifest.spec ?? {}, status: record.status };
}

/** A pod's spec as the user wrote it: without what the scheduler filled in. */
export function specAsApplied(spec: Record<string, unknown>, userSetNodeName: boolean): Record<string, unknown> {
  if (userSetNodeName) return spec;
  const { nodeName: _nodeName, ...rest } = spec;
  return rest;
}
