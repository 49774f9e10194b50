import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { importFileProblem, MAX_FILE_BYTES } from '../../../src-renderer/src/lib/import-file';

describe('which files Import takes', () => {
  test('YAML and JSON, any case', () => {
    for (const name of ['pod.yaml', 'pod.yml', 'POD.YAML', 'pod.json', 'a.b.Yml']) assert.equal(importFileProblem({ name, size: 10 }), null, name);
  });

  test('other types are refused, unless picked in "Open file…"', () => {
    assert.equal(importFileProblem({ name: 'notes.txt', size: 5 }), 'notes.txt is not a YAML or JSON file: drop a .yaml, .yml or .json file.');
    assert.match(importFileProblem({ name: 'yaml', size: 5 }) ?? '', /not a YAML or JSON file/);
    assert.equal(importFileProblem({ name: 'notes.txt', size: 5 }, false), null);
  });

  test('too big is refused either way', () => {
    assert.equal(importFileProblem({ name: 'big.yaml', size: MAX_FILE_BYTES + 1 }), 'big.yaml is larger than 8 MiB.');
    assert.equal(importFileProblem({ name: 'big.txt', size: MAX_FILE_BYTES + 1 }, false), 'big.yaml is larger than 8 MiB.'.replace('yaml', 'txt'));
    assert.equal(importFileProblem({ name: 'ok.yaml', size: MAX_FILE_BYTES }), null);
  });
});
