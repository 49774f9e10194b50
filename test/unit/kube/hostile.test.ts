// Hostile input gets a clear error, quickly and in bounded memory, and never an exception.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { importManifests, MAX_SOURCE_BYTES } from '../../../src-main/kube';
import { aliasBomb } from '../../support/manifest-fuzz';
import { aliasAmplifier, longFlowSequence, manyAliases, minifiedJsonList } from '../../support/hostile-manifests';
import { errorsFor, errorsOf, podWith } from './support';

describe('hostile input', () => {
  test('a 50 MB string is refused on its size, naming the limit', () => {
    const huge = 'a'.repeat(50 * 1024 * 1024);
    assert.deepEqual(errorsFor(huge, 'huge.yaml'), [
      `huge.yaml:1:1: file is too large: manifests are limited to ${MAX_SOURCE_BYTES} bytes (4 MiB)`,
    ]);
  });

  test('50 MB of bytes, and a string just over the limit once UTF-8 encoded', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    assert.deepEqual(errorsOf(importManifests(bytes, 'huge.yaml')), [
      `huge.yaml:1:1: file is too large (52428800 bytes): manifests are limited to ${MAX_SOURCE_BYTES} bytes (4 MiB)`,
    ]);
    const wide = 'é'.repeat(MAX_SOURCE_BYTES / 2 + 1); // 2 bytes each in UTF-8
    assert.deepEqual(errorsFor(wide, 'wide.yaml'), [
      `wide.yaml:1:1: file is too large (${MAX_SOURCE_BYTES + 2} bytes): manifests are limited to ${MAX_SOURCE_BYTES} bytes (4 MiB)`,
    ]);
  });

  test('binary garbage with NUL bytes is not a text file', () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    assert.deepEqual(errorsOf(importManifests(garbage, 'image.png')), [
      'image.png:1:1: not a text file: it contains NUL bytes; expected a YAML or JSON manifest',
    ]);
    assert.deepEqual(errorsFor('apiVersion: v1\0\0\0', 'nul.yaml'), [
      'nul.yaml:1:1: not a text file: it contains NUL bytes; expected a YAML or JSON manifest',
    ]);
  });

  test('invalid UTF-8, and control characters at their position', () => {
    assert.deepEqual(errorsOf(importManifests(Uint8Array.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), 'latin.yaml')), [
      'latin.yaml:1:1: not a text file: it is not valid UTF-8; expected a YAML or JSON manifest',
    ]);
    assert.deepEqual(errorsFor('apiVersion: v1\nkind: P\x07od\n', 'bell.yaml'), [
      'bell.yaml:2:8: not a text file: it contains the control character U+0007; expected a YAML or JSON manifest',
    ]);
  });

  test('a UTF-8 byte-order mark is fine', () => {
    const bytes = new TextEncoder().encode('\uFEFF' + podWith(''));
    assert.equal(importManifests(bytes, 'bom.yaml').ok, true);
  });

  test('a "billion laughs" alias bomb is refused', () => {
    const result = importManifests(aliasBomb(), 'bomb.yaml');
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    assert.match(
      errorsOf(result)[0] ?? '',
      /^bomb\.yaml:\d+:\d+: YAML aliases expand to more than 10000 nodes \(an alias bomb\?\); refusing the document$/,
    );
  });

  test('an alias that contains itself is refused', () => {
    assert.deepEqual(errorsFor('a: &x [1, *x]\n', 'loop.yaml').length, 1);
  });

  test('deep flow and block nesting is refused before parsing', () => {
    const flow = `apiVersion: v1\nkind: Pod\nmetadata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    assert.deepEqual(errorsFor(flow, 'deep.yaml'), [
      'deep.yaml:3:210: YAML nesting is too deep (more than 200 levels); refusing to parse the file',
    ]);
    const block = `items:\n${'- '.repeat(100_000)}x\n`;
    assert.match(errorsFor(block, 'deep.yaml')[0] ?? '', /^deep\.yaml:2:\d+: YAML nesting is too deep/);
  });

  test('nesting the scan allows but no manifest needs is refused while converting', () => {
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    assert.match(errorsFor(yaml, 'deep.yaml')[0] ?? '', /^deep\.yaml:4:\d+: values nested more than 64 levels deep are not supported$/);
  });

  test('thousands of documents are refused without building them', () => {
    const many = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n'.repeat(5000);
    assert.deepEqual(errorsFor(many, 'many.yaml'), [
      'many.yaml:4000:1: too many YAML documents (more than 1000); refusing to parse the file',
    ]);
  });

  test('wrong types everywhere: every field reported at its line, nothing thrown', () => {
    // Every plain scalar value below `kind` in a valid example replaced by a nested map.
    const valid = readFileSync(new URL('../../../resources/examples/multi-container.yaml', import.meta.url), 'utf8');
    const mangledLines: number[] = [];
    const lines = valid.split('\n').map((line, i) => {
      const match = /^(\s*(?:- )?[A-Za-z]+): ([^|>[{\s].*)$/.exec(line);
      if (i < 5 || !match) return line;
      mangledLines.push(i + 1);
      return `${match[1]}: {nested: [1, {deeper: true}]}`;
    });
    const result = importManifests(lines.join('\n'), 'mangled.yaml');
    assert.equal(result.ok, false);
    assert.deepEqual(result.objects, []);
    const messages = errorsOf(result);
    assert.ok(messages.includes('mangled.yaml:7:9: metadata.name: expected string, got map'), messages.join('\n'));
    assert.ok(messages.includes('mangled.yaml:24:12: spec.containers[0].image: expected string, got map'), messages.join('\n'));
    assert.ok(mangledLines.length > 20);
    for (const line of mangledLines) {
      assert.ok(result.errors.some((e) => e.line === line && /^expected \w+/.test(e.message)), `no error on line ${line}`);
    }
  });

  test('a __proto__ key is just an unknown field', () => {
    const result = importManifests(podWith('    __proto__: {polluted: true}'), 'proto.yaml');
    assert.equal(result.ok, true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(result.warnings.map((w) => w.message), ['unknown field "__proto__"']);
  });
});

// Issue #16: files within the size limit that cost minutes, gigabytes or a huge stored row.
describe('hostile input within the size limit', () => {
  /** Runs `fn`, returning its result with the time it took. */
  function measured<T>(fn: () => T): { value: T; ms: number } {
    const started = performance.now();
    const value = fn();
    return { value, ms: performance.now() - started };
  }

  test('thousands of aliases over fifty thousand nodes: linear, not a walk of the document per alias', () => {
    // Took 28 s for 20 000 nodes and 1000 aliases (each alias walked the whole document).
    const { value, ms } = measured(() => importManifests(manyAliases(50_000, 3000), 'aliases.yaml'));
    assert.equal(value.ok, true, errorsOf(value).join('\n'));
    assert.equal((value.objects[0] as { data: Record<string, string> }).data.a2999, 'value');
    assert.ok(ms < 15_000, `took ${ms} ms`);
  });

  test('a flow sequence of two million items is refused on its value count, quickly', () => {
    // Took ~50 s and 2 GB to parse before it was refused.
    const { value, ms } = measured(() => importManifests(longFlowSequence(), 'flow.yaml'));
    assert.deepEqual(errorsOf(value), ['flow.yaml:5:299981: too many YAML values (more than 150000); refusing to parse the file']);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });

  test('aliases may not make a stored object more than a few times its file: refused at the alias', () => {
    // 126 KB became a 360 MB manifest.
    const amplified = aliasAmplifier();
    const { value, ms } = measured(() => importManifests(amplified, 'amplified.yaml'));
    assert.deepEqual(errorsOf(value), [
      `amplified.yaml:24:7: YAML aliases expand to more than ${4 * amplified.length} bytes of text (4 times the file, at least 65536); refusing the document`,
    ]);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    // Just within the bound it is accepted, and what is stored stays within a fixed multiple of the file.
    const within = aliasAmplifier(36_000, 3);
    const accepted = importManifests(within, 'within.yaml');
    assert.equal(accepted.ok, true, errorsOf(accepted).join('\n'));
    assert.ok(JSON.stringify(accepted.objects).length < 6 * within.length + 65_536);
  });

  test('a 1 MB List of pods as minified JSON on one line is valid, not "nested too deep"', () => {
    const json = minifiedJsonList(2500);
    assert.ok(json.length > 750_000 && !json.includes('\n'));
    const result = importManifests(json, 'pods.json');
    assert.equal(result.ok, true, errorsOf(result).slice(0, 3).join('\n'));
    assert.equal(result.objects.length, 2500);
  });
});
