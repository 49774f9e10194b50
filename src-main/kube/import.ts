// The entry point: text in, validated and defaulted objects (or every problem) out.
import type { Diagnostic, KubeObject } from '../model';
import type { Draft } from './draft';
import { applyDefaults, mergeStringData } from './defaults';
import { KINDS, SUPPORTED_KINDS_TEXT } from './kinds';
import { locateIn, parseManifests, type Json, type SourcePlaces } from './parse';
import { DiagnosticSink, problems, Reporter } from './report';
import { listShape } from './schema/objects';
import type { Path } from './path';
import { checkShape, describeType, isObject } from './validate/shape';

export interface ImportResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Validated and defaulted, in document order; empty unless `ok` (all or nothing). */
  objects: KubeObject[];
  /**
   * Where a field of `objects[i]` is in the file, for problems found after import (admission):
   * e.g. `locate(0, ['spec', 'runtimeClassName'])`.
   */
  locate(objectIndex: number, path: Path): { line: number; column: number };
}

export function importManifests(source: string | Uint8Array, fileName: string): ImportResult {
  return fromPortable(importPortable(source, fileName));
}

/** An import as plain data (no functions), so that it can be done on another thread. */
export interface PortableImport extends Omit<ImportResult, 'locate'> {
  /** Where each of `objects` is: its document's places, and its path in that document. */
  places: ObjectPlaces[];
}

interface ObjectPlaces {
  doc: SourcePlaces;
  base: Path;
}

export function importPortable(source: string | Uint8Array, fileName: string): PortableImport {
  const sink = new DiagnosticSink(fileName);
  const collected: Collected = { objects: [], places: [], seen: new Set() };
  for (const doc of parseManifests(source, sink)) {
    if (doc.value === null) continue; // an empty document
    importDocument(doc.value, new Reporter(sink, locateIn(doc.places)), doc.places, collected, true);
  }
  sink.finish();
  const ok = sink.errors.length === 0;
  return { ok, errors: sink.errors, warnings: sink.warnings, objects: ok ? collected.objects : [], places: ok ? collected.places : [] };
}

export function fromPortable({ places, ...result }: PortableImport): ImportResult {
  const locators = places.map(({ doc, base }) => ({ locate: locateIn(doc), base }));
  return {
    ...result,
    locate: (index, path) => {
      const at = locators[index];
      return at ? at.locate([...at.base, ...path], 'value') : { line: 1, column: 1 };
    },
  };
}

interface Collected {
  objects: KubeObject[];
  /** Where each object's fields are, in the same order. */
  places: ObjectPlaces[];
  /** `kind/namespace/name` of the objects imported so far. */
  seen: Set<string>;
}

function importDocument(value: Json, r: Reporter, doc: SourcePlaces, out: Collected, allowList: boolean): void {
  if (!isObject(value)) {
    r.error([], `expected a Kubernetes object (a map with apiVersion and kind), got ${describeType(value)}`);
    return;
  }
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    r.error(['apiVersion'], apiVersion == null ? problems.required : `expected string, got ${describeType(apiVersion)}`);
  }
  if (typeof kind !== 'string' || kind === '') {
    r.error(['kind'], kind == null ? problems.required : `expected string, got ${describeType(kind)}`);
    return;
  }
  if (kind === 'List' && allowList) {
    const list = checkShape(value, listShape, [], r);
    const items = isObject(list) && Array.isArray(list.items) ? list.items : [];
    items.forEach((item, i) => importDocument(item, r.nested(['items', i]), doc, out, false));
    return;
  }
  const info = KINDS.find((k) => k.kind === kind);
  if (!info) {
    r.error(['kind'], `kind "${kind}" is not supported: ${SUPPORTED_KINDS_TEXT}`);
    return;
  }
  if (typeof apiVersion !== 'string') return;
  if (apiVersion !== info.apiVersion) {
    r.error(['apiVersion'], `apiVersion "${apiVersion}" is not supported for kind ${kind}: use "${info.apiVersion}"`);
    return;
  }

  const draft = checkShape(value, info.shape, [], r) as Draft<KubeObject>;
  if (!info.namespaced && draft.metadata?.namespace !== undefined) {
    r.warn(['metadata', 'namespace'], `${kind} is cluster-scoped: the namespace is ignored`);
    delete draft.metadata.namespace;
  }
  applyDefaults(draft);
  info.validate(draft, r);
  if (draft.kind === 'Secret') mergeStringData(draft);

  const name = draft.metadata?.name;
  if (name) {
    const key = `${kind}/${draft.metadata?.namespace ?? ''}/${name}`;
    const shown = info.namespaced ? `${draft.metadata?.namespace}/${name}` : name;
    if (out.seen.has(key)) r.error(['metadata', 'name'], `duplicate ${kind} "${shown}": it is defined more than once in this file`);
    out.seen.add(key);
  }
  // Shape-checked, defaulted and validated: when the import is ok, the object is complete.
  out.objects.push(draft as KubeObject);
  out.places.push({ doc, base: r.base });
}
