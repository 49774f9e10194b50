// Checks a plain value against a shape table (schema/dsl.ts): wrong types become errors at
// the node, unknown fields and fields Berth ignores become warnings at their key. Returns
// the value with only known, well-typed fields, ready for defaulting and validation.
import type { Json } from '../parse';
import { mapKey, type Path } from '../path';
import type { Reporter } from '../report';
import type { Ignored, ObjectSpec, Spec } from '../schema/dsl';
import { isQuantity, QUANTITY_HELP } from './quantity';

type JsonObject = { [key: string]: Json };

export function describeType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Go's base64.StdEncoding, which is what decodes `data` on the API server (line breaks allowed).
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const EXPECTED: Record<Spec['kind'], string> = {
  string: 'string',
  base64: 'base64 string',
  int: 'integer',
  bool: 'boolean',
  intOrString: 'integer or string',
  quantity: 'quantity (string or number)',
  list: 'list',
  dict: 'map',
  object: 'map',
  any: 'any',
  unsupported: '',
  kept: '',
};

/** `undefined` means "leave the field out": absent, null, or (with an error) wrong. */
export function checkShape(value: Json, spec: Spec, path: Path, r: Reporter): Json | undefined {
  // Kubernetes reads `field: null` as the field not being set.
  if (value === null && spec.kind !== 'any') return undefined;
  const wrongType = () => {
    r.error(path, `expected ${EXPECTED[spec.kind]}, got ${describeType(value)}`);
    return undefined;
  };
  switch (spec.kind) {
    case 'any':
      return value;
    case 'unsupported':
      r.error(path, spec.message, 'key');
      return undefined;
    case 'kept':
      warnIgnored(value, spec.ignored, path, r);
      return checkShape(value, spec.of, path, r);
    case 'string':
      return typeof value === 'string' ? value : wrongType();
    case 'base64': {
      if (typeof value !== 'string') return wrongType();
      const compact = value.replace(/[\r\n]/g, '');
      if (BASE64.test(compact)) return compact;
      r.error(path, 'invalid base64 data');
      return undefined;
    }
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : wrongType();
    case 'bool':
      return typeof value === 'boolean' ? value : wrongType();
    case 'intOrString':
      if (typeof value === 'string') return value;
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : wrongType();
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') return wrongType();
      if (isQuantity(value)) return value;
      r.error(path, `invalid quantity ${JSON.stringify(value)}: ${QUANTITY_HELP}`);
      return undefined;
    case 'list': {
      if (!Array.isArray(value)) return wrongType();
      // A null item of a list of objects is an empty object, as Kubernetes decodes it;
      // a wrong item stays as a hole so later items keep their indices.
      return value.map((item, i) => {
        const filled = item === null && spec.of.kind === 'object' ? {} : item;
        if (filled === null) {
          r.error([...path, i], `expected ${EXPECTED[spec.of.kind]}, got null`);
          return undefined;
        }
        return checkShape(filled, spec.of, [...path, i], r);
      }) as Json[];
    }
    case 'dict': {
      if (!isObject(value)) return wrongType();
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        const checked = checkShape(item, spec.of, [...path, mapKey(key)], r);
        if (checked !== undefined) define(out, key, checked);
      }
      return out;
    }
    case 'object':
      return isObject(value) ? checkFields(value, spec, path, r) : wrongType();
  }
}

function checkFields(value: JsonObject, spec: ObjectSpec, path: Path, r: Reporter): JsonObject {
  const out: JsonObject = {};
  const serverSet: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = [...path, key];
    if (spec.serverSet.includes(key)) {
      // `creationTimestamp: null`, as `kubectl create --dry-run -o yaml` prints it, says nothing.
      if (!asksForNothing(item, [])) serverSet.push(key);
      continue;
    }
    const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    if (field) {
      const checked = checkShape(item, field, fieldPath, r);
      if (checked !== undefined) define(out, key, checked);
      continue;
    }
    const ignored = Object.hasOwn(spec.ignored, key) ? spec.ignored[key] : undefined;
    if (ignored) {
      warnIgnored(item, ignored, fieldPath, r);
      continue;
    }
    r.warn(fieldPath, `unknown field "${key}"`);
  }
  const first = serverSet[0];
  if (first !== undefined) {
    const list = serverSet.join(', ');
    r.warn([...path, first], `${list} ${serverSet.length === 1 ? 'is' : 'are'} set by a cluster and ignored on import`);
  }
  return out;
}

function warnIgnored(value: Json, ignored: Ignored, path: Path, r: Reporter): void {
  if (asksForNothing(value, ignored.quiet ?? [])) return;
  const note = ignored.note ? ` (${ignored.note})` : '';
  r.warn(path, `field is not supported by Berth and is ignored${note}`);
}

/** An ignored field that is empty, or set to a value that asks for nothing, is not worth a warning. */
function asksForNothing(value: Json, quiet: readonly (string | number | boolean)[]): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return quiet.includes(value);
}

export function define(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
