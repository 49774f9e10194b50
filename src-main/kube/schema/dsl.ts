// A small table language for the shape of Kubernetes objects: which fields exist, their
// types, and which known fields Berth ignores. One generic walker (validate/shape.ts) checks
// any object against these tables, so field type checks are written once.

export type Spec =
  | { kind: 'string' }
  | { kind: 'base64' }
  | { kind: 'int' }
  | { kind: 'bool' }
  | { kind: 'intOrString' }
  | { kind: 'quantity' }
  | { kind: 'list'; of: Spec }
  | { kind: 'dict'; of: Spec }
  | { kind: 'any' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'kept'; of: Spec; ignored: Ignored }
  | ObjectSpec;

/** A known Kubernetes field that Berth does not honour: warned about, then dropped. */
export interface Ignored {
  /** Values that ask for nothing Berth lacks (e.g. `schedulerName: default-scheduler`). */
  quiet?: readonly (string | number | boolean)[];
  /** Said after the standard message. */
  note?: string;
}

export interface ObjectSpec {
  kind: 'object';
  fields: Readonly<Record<string, Spec>>;
  ignored: Readonly<Record<string, Ignored>>;
  /** Fields the API server fills in (`resourceVersion`, ...): warned about once per object. */
  serverSet: readonly string[];
}

export const str: Spec = { kind: 'string' };
export const base64: Spec = { kind: 'base64' };
export const int: Spec = { kind: 'int' };
export const bool: Spec = { kind: 'bool' };
export const intOrString: Spec = { kind: 'intOrString' };
export const quantity: Spec = { kind: 'quantity' };
export const any: Spec = { kind: 'any' };
export const list = (of: Spec): Spec => ({ kind: 'list', of });
export const dict = (of: Spec): Spec => ({ kind: 'dict', of });
export const strings = list(str);
export const stringMap = dict(str);
export const unsupported = (message: string): Spec => ({ kind: 'unsupported', message });
/**
 * A field Berth does not honour but keeps, type-checked, because admission reads it (the Pod
 * Security check): warned about like an ignored field, yet not dropped.
 */
export const kept = (of: Spec, ignored: Ignored = {}): Spec => ({ kind: 'kept', of, ignored });

/** Every field of T has a spec; a field in the table but not in T does not compile. */
export type FieldsOf<T> = { [K in keyof T]-?: Spec };

export function obj<T>(
  fields: FieldsOf<T>,
  extra: { ignored?: Record<string, Ignored>; serverSet?: readonly string[] } = {},
): ObjectSpec {
  return { kind: 'object', fields, ignored: extra.ignored ?? {}, serverSet: extra.serverSet ?? [] };
}

/** Fields ignored with the standard warning. */
export function ignore(...names: string[]): Record<string, Ignored> {
  return Object.fromEntries(names.map((n) => [n, {}]));
}
