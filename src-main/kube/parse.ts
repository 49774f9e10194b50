// Multi-document YAML → plain JSON-like values, plus an index from every field path to its
// position in the file. Validation works on the plain values and asks the index where to
// point. Hostile input is refused here, in bounded time and memory.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type Node,
  type Tags,
} from 'yaml';
import { MAX_DOCUMENTS, MAX_NESTING, MAX_VALUES, scanStructure, type ScanProblem } from './nesting';
import { pathKey, type Path } from './path';
import type { DiagnosticSink, Locate, Position } from './report';
import { decodeSource } from './text';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SourceDocument {
  /** 0-based position of the document in the file. */
  index: number;
  value: Json;
  /** Where its fields are: plain data, so that it can cross to another thread. */
  places: SourcePlaces;
}

/** Where each field path of one document is (`locateIn` reads it). */
export interface SourcePlaces {
  spots: Map<string, Spot>;
  /** The document's start: where a path with no spot points. */
  start: Position;
}

/** Nodes an alias may expand to, over a whole document: enough for `<<: *defaults` reuse. */
export const MAX_ALIAS_NODES = 10_000;
/**
 * Text (scalars and keys) that aliases may add to a document, as a multiple of the file's own
 * size: reuse stays possible, while a stored object is never more than a few times its source.
 */
export const MAX_ALIAS_EXPANSION = 4;
/** …and at least this much, so that a small file may reuse a block of defaults many times. */
const MIN_ALIAS_BYTES = 64 * 1024;
/** Depth of values below the document root (the token scan already refused absurd input). */
export const MAX_VALUE_DEPTH = 64;
/** YAML syntax errors reported per document: after the first few, the rest are echoes. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * Parses every document of `source`. Problems (size, encoding, syntax, aliases, nesting) go
 * to `sink` with path ''; documents that had any are left out of the result.
 */
export function parseManifests(source: string | Uint8Array, sink: DiagnosticSink): SourceDocument[] {
  const fileError = (at: Position, message: string) =>
    sink.add({ severity: 'error', line: at.line, column: at.column, path: '', message });

  const decoded = decodeSource(source);
  if (!decoded.ok) {
    fileError(decoded.at, decoded.message);
    return [];
  }
  const { text } = decoded;
  const lines = new LineCounter();
  const positionAt = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };

  const problem = scanStructure(text);
  if (problem) {
    // The scan does not fill the line counter: count lines up to the offset directly.
    const at = positionInText(text, problem.offset);
    fileError(at, scanRefusal[problem.kind]);
    return [];
  }

  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    // Kubernetes reads YAML 1.1 (octal `0644` modes, `yes`/`no` booleans), but without
    // timestamps and sexagesimal numbers: `10:30` stays a string there.
    version: '1.1',
    customTags: withoutTimeTags,
    merge: true,
    // The library's own duplicate-key check is quadratic in the size of a map; convertMap
    // does it with a set instead.
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
  });
  const list = Array.isArray(docs) ? docs : [docs];

  const result: SourceDocument[] = [];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
        fileError(positionAt(e.pos[0]), `YAML syntax error: ${e.message}`);
      }
      return;
    }
    for (const w of doc.warnings) {
      const at = positionAt(w.pos[0]);
      sink.add({ severity: 'warning', line: at.line, column: at.column, path: '', message: `YAML: ${w.message}` });
    }
    const converted = convertDocument(doc, positionAt, fileError, Math.max(MIN_ALIAS_BYTES, MAX_ALIAS_EXPANSION * text.length));
    if (converted) result.push({ index, ...converted });
  });
  return result;
}

const scanRefusal: Record<NonNullable<ScanProblem>['kind'], string> = {
  nesting: `YAML nesting is too deep (more than ${MAX_NESTING} levels); refusing to parse the file`,
  documents: `too many YAML documents (more than ${MAX_DOCUMENTS}); refusing to parse the file`,
  values: `too many YAML values (more than ${MAX_VALUES}); refusing to parse the file`,
};

function withoutTimeTags(tags: Tags): Tags {
  return tags.filter((tag) => {
    const t = tag as { tag?: string; format?: string };
    return t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME';
  });
}

function positionInText(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}

interface Spot {
  value: Position;
  key?: Position;
}

/** Where a path's node is: its own spot, or that of its nearest parent present in the file. */
export function locateIn({ spots, start }: SourcePlaces): Locate {
  return (path, at) => {
    for (let n = path.length; n > 0; n--) {
      const spot = spots.get(pathKey(path.slice(0, n)));
      if (spot) return n === path.length && at === 'key' && spot.key ? spot.key : spot.value;
    }
    return start;
  };
}

/** Raised inside the converter to abandon a document that is not worth finishing. */
class Abandon extends Error {}

function convertDocument(
  doc: Document.Parsed,
  positionAt: (offset: number) => Position,
  fileError: (at: Position, message: string) => void,
  maxAliasBytes: number,
): { value: Json; places: SourcePlaces } | null {
  const spots = new Map<string, Spot>();
  const start = positionAt(doc.contents?.range[0] ?? doc.range[0]);
  const targets = aliasTargets(doc);
  let aliasNodes = 0;
  let aliasBytes = 0;
  // The alias being expanded (the outermost one): refusals point at it, not at its anchor.
  let expanding: Node | undefined;
  // Text an alias adds: refused once the document would grow past its bound.
  const expanded = (node: Node, text: string) => {
    aliasBytes += text.length;
    if (aliasBytes <= maxAliasBytes) return;
    fail(expanding ?? node, `YAML aliases expand to more than ${maxAliasBytes} bytes of text (${MAX_ALIAS_EXPANSION} times the file, at least ${MIN_ALIAS_BYTES}); refusing the document`);
    throw new Abandon();
  };
  let failed = false;
  const fail = (node: Node | null | undefined, message: string) => {
    fileError(node?.range ? positionAt(node.range[0]) : start, message);
    failed = true;
  };

  const convert = (node: Node | null, path: Path, depth: number, viaAlias: boolean, open: Set<Node>): Json => {
    if (node === null) return null;
    if (viaAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      fail(node, `YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes (an alias bomb?); refusing the document`);
      throw new Abandon();
    }
    if (depth > MAX_VALUE_DEPTH) {
      fail(node, `values nested more than ${MAX_VALUE_DEPTH} levels deep are not supported`);
      throw new Abandon();
    }
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) {
        fail(node, `unknown YAML alias *${node.source}`);
        return null;
      }
      if (open.has(target)) {
        fail(node, `YAML alias *${node.source} refers to a collection that contains it`);
        throw new Abandon();
      }
      if (viaAlias) return convert(target, path, depth, true, open);
      expanding = node;
      try {
        return convert(target, path, depth, true, open);
      } finally {
        expanding = undefined;
      }
    }
    if (isScalar(node)) {
      const v = node.value;
      if (viaAlias && typeof v === 'string') expanded(node, v);
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number') return v;
      // !!binary and other exotic scalars: keep the text as written.
      return node.source ?? String(v);
    }
    open.add(node);
    try {
      if (isSeq(node)) {
        return node.items.map((item, i) => {
          const child = item as Node | null;
          const childPath = [...path, i];
          if (child?.range) spots.set(pathKey(childPath), { value: positionAt(child.range[0]) });
          return convert(child, childPath, depth + 1, viaAlias, open);
        });
      }
      if (isMap(node)) return convertMap(node.items, path, depth, viaAlias, open);
    } finally {
      open.delete(node);
    }
    fail(node, 'unsupported YAML node');
    return null;
  };

  const convertMap = (
    pairs: readonly { key: unknown; value: unknown }[],
    path: Path,
    depth: number,
    viaAlias: boolean,
    open: Set<Node>,
  ): Json => {
    const out: { [key: string]: Json } = {};
    const merges: Node[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const key = keyText(keyNode);
      if (key === MERGE) {
        if (valueNode) merges.push(valueNode);
        continue;
      }
      if (key === null) {
        fail(keyNode, 'map keys must be strings');
        continue;
      }
      if (Object.hasOwn(out, key)) {
        fail(keyNode, `YAML syntax error: map keys must be unique ("${key}" appears twice)`);
        continue;
      }
      if (viaAlias) expanded(keyNode as Node, key);
      const childPath = [...path, key];
      const keyPos = keyNode?.range ? positionAt(keyNode.range[0]) : undefined;
      const valuePos = valueNode?.range ? positionAt(valueNode.range[0]) : keyPos;
      if (valuePos) spots.set(pathKey(childPath), { value: valuePos, key: keyPos });
      define(out, key, convert(valueNode, childPath, depth + 1, viaAlias, open));
    }
    // `<<: *defaults` (YAML 1.1 merge keys, which Kubernetes honours): keys written
    // explicitly win over merged ones.
    for (const merge of merges) {
      const sources = isSeq(merge) ? (merge.items as Node[]) : [merge];
      for (const source of sources) {
        const target = isAlias(source) ? targets.get(source) : source;
        if (!isMap(target)) {
          fail(source, 'a YAML merge key (<<) must refer to a map');
          continue;
        }
        const outer = expanding;
        expanding ??= source;
        let merged: Json;
        try {
          merged = convertMap(target.items, path, depth, true, open);
        } finally {
          expanding = outer;
        }
        if (merged && typeof merged === 'object' && !Array.isArray(merged)) {
          for (const [k, v] of Object.entries(merged)) if (!Object.hasOwn(out, k)) define(out, k, v);
        }
      }
    }
    return out;
  };

  let value: Json;
  try {
    value = convert(doc.contents, [], 0, false, new Set());
  } catch (e) {
    if (e instanceof Abandon) return null;
    throw e;
  }
  if (failed) return null;

  return { value, places: { spots, start } };
}

/**
 * What each alias refers to: the last node before it with that anchor, found in one walk (the
 * library's own `resolve` walks the whole document for every alias).
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

const MERGE = Symbol('merge');

function keyText(node: Node | null): string | null | typeof MERGE {
  if (!isScalar(node)) return null;
  const v = node.value;
  if (typeof v === 'symbol') return MERGE; // the library's marker for `<<`
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return node.source ?? String(v);
  return null;
}

/** Sets a property even when the key is `__proto__`, which plain assignment would not. */
function define(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
