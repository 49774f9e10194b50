// What the API server refuses when an existing ConfigMap or Secret is applied again
// (ValidateConfigMapUpdate, ValidateSecretUpdate in pkg/apis/core/validation): once `immutable`
// is set, neither the data nor the flag may change, and a Secret's type never changes. Pure.
import type { AdmissionDenial } from './admission';

/** The parts of a stored or incoming ConfigMap / Secret an update check reads. */
export interface UpdatableObject {
  kind: 'ConfigMap' | 'Secret';
  immutable?: boolean | undefined;
  data?: Readonly<Record<string, string>> | undefined;
  binaryData?: Readonly<Record<string, string>> | undefined;
  type?: string | undefined;
}

const IMMUTABLE = 'Forbidden: field is immutable when `immutable` is set';

/** Equal as Go's reflect.DeepEqual sees two maps: same keys and values, nil and empty alike here. */
function sameMap(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const left = Object.entries(a ?? {});
  if (left.length !== Object.keys(b ?? {}).length) return false;
  return left.every(([key, value]) => Object.hasOwn(b ?? {}, key) && b![key] === value);
}

/** Each field the update may not change, with the API server's reason. */
export function objectUpdateDenials(stored: UpdatableObject, incoming: UpdatableObject): AdmissionDenial[] {
  const denials: AdmissionDenial[] = [];
  if (stored.kind === 'Secret' && (stored.type ?? 'Opaque') !== (incoming.type ?? 'Opaque')) {
    denials.push({ path: ['type'], message: `Invalid value: "${incoming.type ?? 'Opaque'}": field is immutable` });
  }
  if (stored.immutable !== true) return denials;
  if (incoming.immutable !== true) denials.push({ path: ['immutable'], message: IMMUTABLE });
  if (!sameMap(stored.data, incoming.data)) denials.push({ path: ['data'], message: IMMUTABLE });
  if (stored.kind === 'ConfigMap' && !sameMap(stored.binaryData, incoming.binaryData)) denials.push({ path: ['binaryData'], message: IMMUTABLE });
  return denials;
}
