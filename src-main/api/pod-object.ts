// Stored pod record → the Kubernetes object shape that `get -o json` and the UI show. Pods have
// no metadata.generation before Kubernetes 1.33's PodObservedGenerationTracking (alpha): none here.
import type { PodObject } from './results';
import type { PodRecord, PodSpec } from '../model';
import { rfc3339 } from '../model';

export function toPodObject(record: PodRecord): PodObject {
  const manifest = record.manifest;
  const metadata: PodObject['metadata'] = {
    ...manifest.metadata,
    name: record.name,
    namespace: record.namespace,
    uid: record.uid,
    resourceVersion: String(record.resourceVersion ?? 0),
    creationTimestamp: rfc3339(record.createdAt),
  };
  if (record.deletionTimestamp !== null) metadata.deletionTimestamp = rfc3339(record.deletionTimestamp);
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: manifest.spec, status: record.status };
}

/** A pod's spec as the user wrote it: without what the scheduler filled in. */
export function specAsApplied(spec: PodSpec, userSetNodeName: boolean): PodSpec {
  if (userSetNodeName) return spec;
  const { nodeName: _nodeName, ...rest } = spec;
  return rest;
}
