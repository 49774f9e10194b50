// Mutated manifests, thousands of them: the importer always returns, and every problem it
// reports points somewhere real in the named file with a message.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { importManifests, type ImportResult } from '../../../src-main/kube';

const dir = new URL('../../../resources/examples/', import.meta.url);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

function checkResult(text: string, result: ImportResult, file: string): void {
  assert.equal(result.ok, result.errors.length === 0);
  const lineCount = text.split('\n').length;
  for (const d of [...result.errors, ...result.warnings]) {
    assert.equal(d.file, file);
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `line ${d.line} of ${lineCount}`);
    assert.ok(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`);
    assert.ok(d.message.length > 0);
  }
  if (!result.ok) assert.deepEqual(result.objects, []);
  else if (result.objects.length === 0) {
    // Nothing imported and nothing wrong: only possible when every document is empty.
    const docs = parseAllDocuments(text);
    assert.ok((Array.isArray(docs) ? docs : [docs]).every((d) => d.contents === null || d.toJS() === null));
  }
}

const garbage = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('{a: [1, {b: c}]}', '[x, [y]]', '"80"', '- a\n- b', '*nope', '&anchor x', ': :', '{{', '---', '0x1F', '~'),
);

type Mutation = (lines: string[]) => string[];
const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (lines) => lines.filter((_, i) => i !== n % lines.length)), // delete a line
  fc.nat().map((n): Mutation => (lines) => lines.flatMap((l, i) => (i === n % lines.length ? [l, l] : [l]))), // duplicate keys
  fc.tuple(fc.nat(), garbage).map(
    ([n, g]): Mutation =>
      (lines) =>
        lines.map((l, i) => (i === n % lines.length ? l.replace(/:( .*)?$/, `: ${String(g).split('\n')[0]}`) : l)), // swap a value
  ),
  fc.tuple(fc.nat(), fc.string()).map(([n, s]): Mutation => (lines) => lines.toSpliced(n % (lines.length + 1), 0, s)), // insert garbage
  fc.nat().map((n): Mutation => (lines) => lines.join('\n').slice(0, n % (lines.join('\n').length + 1)).split('\n')), // truncate
);

/** Structural mutations on the parsed objects, re-serialised as YAML. */
function mutateValue(value: unknown, picks: number[], replacement: unknown): unknown {
  if (picks.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [pick = 0, ...rest] = picks;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = pick % value.length;
    return value.map((v, j) => (j === i ? mutateValue(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length] ?? '';
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && pick % 5 === 0) delete copy[key]; // delete a field
  else copy[key] = mutateValue(copy[key], rest, replacement);
  return copy;
}

describe('importManifests under mutation', () => {
  test('text mutations of the examples never throw and always point at the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        const mutated = mutations.reduce((lines, m) => m(lines), text.split('\n')).join('\n');
        checkResult(mutated, importManifests(mutated, 'fuzz.yaml'), 'fuzz.yaml');
      }),
      { numRuns: 2000 },
    );
  });

  test('structural mutations (deleted fields, swapped types, nested garbage) never throw', () => {
    const parsed = examples.map((text) => parseAllDocuments(text).map((d) => d.toJS() as unknown));
    fc.assert(
      fc.property(
        fc.nat(parsed.length - 1),
        fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 8 }), fc.oneof(garbage, fc.jsonValue({ maxDepth: 3 }))), {
          minLength: 1,
          maxLength: 3,
        }),
        (index, edits) => {
          const docs = (parsed[index] ?? []).map((doc) =>
            edits.reduce((d, [picks, replacement]) => mutateValue(d, picks, replacement), doc),
          );
          const text = docs.map((d) => stringify(d)).join('---\n');
          const bytes = new TextEncoder().encode(text);
          checkResult(text, importManifests(bytes, 'structural.yaml'), 'structural.yaml');
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the unmutated examples stay valid (the properties start from good input)', () => {
    for (const text of examples) assert.equal(importManifests(text, 'example.yaml').ok, true);
  });
});
