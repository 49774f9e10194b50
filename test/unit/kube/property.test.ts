// Mutated manifests, thousands of them: the importer always returns, and every problem it
// reports points somewhere real in the named file with a message. The generators are shared
// with the reliability suite (test/reliability/hostile-yaml.test.ts), which runs many more.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { importManifests } from '../../../src-main/kube';
import { examples, podSecurityProperty, structuralMutationProperty, textMutationProperty } from '../../support/manifest-fuzz';

describe('importManifests under mutation', () => {
  test('text mutations of the examples never throw and always point at the file', () => {
    fc.assert(textMutationProperty(), { numRuns: 2000 });
  });

  test('structural mutations (deleted fields, swapped types, nested garbage) never throw', () => {
    fc.assert(structuralMutationProperty(), { numRuns: 2000 });
  });

  test('random security settings: the Pod Security verdict names what a plain reading finds', () => {
    fc.assert(podSecurityProperty(), { numRuns: 500 });
  });

  test('the unmutated examples stay valid (the properties start from good input)', () => {
    for (const text of examples) assert.equal(importManifests(text, 'example.yaml').ok, true);
  });
});
