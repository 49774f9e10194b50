// The files of configMap, secret and downwardAPI volumes: pure functions from the objects to a
// payload (relative path → bytes and mode), as the kubelet's `MakePayload` (pkg/volume/configmap,
// pkg/volume/secret) and `CollectData` (pkg/volume/downwardapi) build it.
import { posix } from 'node:path';
import type { ConfigMap, ConfigMapVolumeSource, Container, DownwardAPIVolumeSource, KeyToPath, Pod, Secret, SecretVolumeSource } from '../../model';
import { fieldRefValue, resourceFieldRefValue, type NodeAllocatable } from '../environment';

export interface FileProjection {
  data: Buffer;
  /** Permission bits (0–0777). */
  mode: number;
}

/** Relative file path → contents; paths are clean (`posix.normalize`d) and relative. */
export type Payload = Map<string, FileProjection>;

export type PayloadResult = { ok: true; payload: Payload } | { ok: false; message: string };

const failed = (message: string): PayloadResult => ({ ok: false, message });

/**
 * A configMap volume's files. A missing object is an error unless `optional` (then the volume is
 * empty); so is a missing item key. `data` is UTF-8 text, `binaryData` base64.
 */
export function configMapPayload(source: ConfigMapVolumeSource, configMap: ConfigMap | undefined): PayloadResult {
  const optional = source.optional === true;
  // The kubelet's configmap manager answers NotFound with the singular resource name.
  if (!configMap) return optional ? { ok: true, payload: new Map() } : failed(`configmap "${source.name}" not found`);
  const value = (key: string): Buffer | undefined => {
    const text = configMap.data?.[key];
    if (text !== undefined) return Buffer.from(text, 'utf8');
    const binary = configMap.binaryData?.[key];
    return binary === undefined ? undefined : Buffer.from(binary, 'base64');
  };
  const allKeys = [...Object.keys(configMap.data ?? {}), ...Object.keys(configMap.binaryData ?? {})];
  return projectKeys(source.items, allKeys, value, source.defaultMode, optional, (key) => `configmap references non-existent config key: ${key}`);
}

/** A secret volume's files: `data` values are base64 and are written decoded. */
export function secretPayload(source: SecretVolumeSource, secret: Secret | undefined): PayloadResult {
  const optional = source.optional === true;
  if (!secret) return optional ? { ok: true, payload: new Map() } : failed(`secret "${source.secretName}" not found`);
  const value = (key: string): Buffer | undefined => {
    const encoded = secret.data?.[key];
    return encoded === undefined ? undefined : Buffer.from(encoded, 'base64');
  };
  return projectKeys(source.items, Object.keys(secret.data ?? {}), value, source.defaultMode, optional, (key) => `references non-existent secret key: ${key}`);
}

function projectKeys(
  items: KeyToPath[] | undefined,
  allKeys: string[],
  value: (key: string) => Buffer | undefined,
  defaultMode: number,
  optional: boolean,
  missingKeyMessage: (key: string) => string,
): PayloadResult {
  const payload: Payload = new Map();
  if (!items || items.length === 0) {
    for (const key of allKeys) payload.set(key, { data: value(key) ?? Buffer.alloc(0), mode: defaultMode });
    return checkPaths(payload);
  }
  for (const item of items) {
    const data = value(item.key);
    if (data === undefined) {
      if (optional) continue;
      return failed(missingKeyMessage(item.key));
    }
    payload.set(cleanPath(item.path), { data, mode: item.mode ?? defaultMode });
  }
  return checkPaths(payload);
}

export interface DownwardApiContext {
  pod: Pod;
  /** For `resourceFieldRef` limits a container leaves unset (`defaultPodLimitsForDownwardAPI`). */
  nodeAllocatable: NodeAllocatable;
}

/**
 * A downwardAPI volume's files. Only metadata fields are allowed in volumes (the importer checks);
 * `metadata.labels`/`annotations` are `key="value"` lines sorted by key. Every failing item is
 * reported, joined as the kubelet's error aggregate prints them.
 */
export function downwardApiPayload(source: DownwardAPIVolumeSource, context: DownwardApiContext): PayloadResult {
  const { pod } = context;
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of source.items ?? []) {
    const mode = item.mode ?? source.defaultMode;
    let result;
    if (item.fieldRef) {
      result = fieldRefValue(item.fieldRef, { pod, podIPs: [], hostIPs: [] });
    } else if (item.resourceFieldRef) {
      // In volumes `containerName` is required; init containers count too (`findContainerInPod`).
      const { containerName, ...selector } = item.resourceFieldRef;
      const target: Container | undefined =
        pod.spec.containers.find((c) => c.name === containerName) ?? pod.spec.initContainers?.find((c) => c.name === containerName);
      result = target
        ? resourceFieldRefValue(selector, target, pod, context.nodeAllocatable)
        : { ok: false as const, message: `container ${containerName ?? ''} not found` };
    } else {
      continue;
    }
    if (result.ok) payload.set(cleanPath(item.path), { data: Buffer.from(result.value, 'utf8'), mode });
    else errors.push(result.message);
  }
  if (errors.length === 1) return failed(errors[0] as string);
  if (errors.length > 1) return failed(`[${errors.join(', ')}]`);
  return checkPaths(payload);
}

function cleanPath(path: string): string {
  return posix.normalize(path).replace(/\/+$/, '');
}

/** `validatePayload` in atomic_writer.go: relative, no `..` element, not empty. */
function checkPaths(payload: Payload): PayloadResult {
  for (const path of payload.keys()) {
    if (path === '' || path === '.') return failed('invalid path: must not be empty');
    if (path.startsWith('/')) return failed(`invalid path: must be relative path: ${path}`);
    if (path.split('/').includes('..')) return failed(`invalid path: must not contain '..': ${path}`);
    if (path.startsWith('..')) return failed(`invalid path: must not start with '..': ${path}`);
  }
  return { ok: true, payload };
}
