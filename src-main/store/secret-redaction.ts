// What of a Secret may be written to SQLite: everything but its values. `data` and
// `stringData` go to the vault, and kubectl's last-applied-configuration annotation, which
// repeats the whole object as JSON, is kept without them. Pure.
import { isEmptyValue } from './text';

/** kubectl apply's copy of the object it applied, as JSON text. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type Manifest = Record<string, unknown>;

function isObject(value: unknown): value is Manifest {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const carriesData = (m: Manifest): boolean => !isEmptyValue(m['data']) || !isEmptyValue(m['stringData']);

function lastAppliedOf(manifest: Manifest): unknown {
  const metadata = manifest['metadata'];
  return isObject(metadata) && isObject(metadata['annotations']) ? metadata['annotations'][LAST_APPLIED_ANNOTATION] : undefined;
}

function parseObject(value: unknown): Manifest | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The annotation's value without data and stringData; undefined (drop it) when it is not a JSON object. */
function redactLastApplied(value: unknown): string | undefined {
  const parsed = parseObject(value);
  if (!parsed) return undefined;
  const { data: _data, stringData: _stringData, ...rest } = parsed;
  return `${JSON.stringify(rest)}\n`;
}

/** A Secret manifest as it may be stored: no data, no stringData, not even inside the annotation. */
export function redactSecretManifest(manifest: Manifest): Manifest {
  const { data: _data, stringData: _stringData, ...rest } = manifest;
  const metadata = rest['metadata'];
  if (!isObject(metadata) || !isObject(metadata['annotations']) || !Object.hasOwn(metadata['annotations'], LAST_APPLIED_ANNOTATION)) return rest;
  const { [LAST_APPLIED_ANNOTATION]: lastApplied, ...annotations } = metadata['annotations'];
  const redacted = redactLastApplied(lastApplied);
  const kept = redacted === undefined ? annotations : { ...annotations, [LAST_APPLIED_ANNOTATION]: redacted };
  return { ...rest, metadata: { ...metadata, annotations: kept } };
}

/** Whether a Secret manifest still holds values anywhere the store would write them. */
export function secretManifestCarriesData(manifest: Manifest): boolean {
  if (carriesData(manifest)) return true;
  const lastApplied = lastAppliedOf(manifest);
  if (lastApplied === undefined) return false;
  const parsed = parseObject(lastApplied);
  return !parsed || carriesData(parsed);
}
