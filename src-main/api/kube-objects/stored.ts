// ConfigMap, Secret, Service and RuntimeClass: the stored manifest as the API server returns it.
// Secrets are stored redacted (their key names in `dataKeys`) and come out without values: a door
// whose caller may see them adds them from the vault (Core.secretData), never from SQLite. Pure.
import type { ObjectRecord } from '../../store';
import { API_VERSIONS, isNamespaced, type ApiObjectWithFields, type StoredObjectKind } from './kinds';
import { objectMeta } from './meta';

export function toStoredObject(record: ObjectRecord): ApiObjectWithFields {
  const kind = record.kind as StoredObjectKind;
  const { apiVersion: _a, kind: _k, metadata, dataKeys: _keys, stringData: _s, ...fields } = record.manifest as Record<string, unknown>;
  const object: ApiObjectWithFields = {
    apiVersion: API_VERSIONS[kind] ?? 'v1',
    kind,
    metadata: objectMeta(metadata as Record<string, unknown> | undefined, {
      name: record.name,
      ...(isNamespaced(kind) ? { namespace: record.namespace } : {}),
      uid: record.uid,
      resourceVersion: record.resourceVersion,
      createdAt: record.createdAt,
    }),
    ...fields,
  };
  if (kind === 'Secret') {
    delete object.data; // redacted already; never pass on a stored copy
    object.type ??= 'Opaque';
  }
  return object;
}

/** The key names of a stored (redacted) Secret: what a reader without the values may know. */
export function secretKeys(record: ObjectRecord): string[] {
  const keys = (record.manifest as { dataKeys?: unknown }).dataKeys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
