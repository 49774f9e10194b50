// Re-applying a ConfigMap or Secret: what the API server lets change (ValidateConfigMapUpdate,
// ValidateSecretUpdate). Through the real core on a fresh data folder: the refusal names the file,
// line and field, and nothing changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { objectUpdateDenials } from '../../../src-main/api/object-updates';
import { openTestCore, rejection, type TestCore } from './support';

const configMap = (data: string, immutable = 'true') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nimmutable: ${immutable}\ndata:\n${data}`;
const secret = (value: string, extra = 'immutable: true\n') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n${extra}stringData:\n  token: ${value}\n`;

describe('immutable ConfigMaps and Secrets', () => {
  let t: TestCore;
  before(async () => (t = await openTestCore()));
  after(() => t.remove());

  test('an immutable ConfigMap applied again with other data is refused at its data, and keeps its data', async () => {
    const { api } = t.core;
    await api.apply({ fileName: 'cm.yaml', text: configMap('  mode: fast\n') });
    assert.deepEqual((await api.apply({ fileName: 'cm.yaml', text: configMap('  mode: fast\n') })).applied.map((a) => a.action), ['unchanged']);
    const error = await rejection(api.apply({ fileName: 'cm.yaml', text: configMap('  mode: slow\n') }));
    assert.equal(error.code, 'Invalid');
    assert.deepEqual(
      error.diagnostics!.map((d) => `${d.file}:${d.line}:${d.column}: ${d.path}: ${d.message}`),
      ['cm.yaml:7:3: data: Forbidden: field is immutable when `immutable` is set'],
    );
    const flipped = await rejection(api.apply({ fileName: 'cm.yaml', text: configMap('  mode: fast\n', 'false') }));
    assert.deepEqual(flipped.diagnostics!.map((d) => `${d.path}: ${d.message}`), ['immutable: Forbidden: field is immutable when `immutable` is set']);
    // The stored object is the first one: a pod reading it would still see "fast".
    const again = await api.apply({ fileName: 'cm.yaml', text: configMap('  mode: fast\n') });
    assert.deepEqual(again.applied.map((a) => a.action), ['unchanged']);
  });

  test('an immutable Secret keeps its value; a Secret never changes its type', async () => {
    const { api } = t.core;
    await api.apply({ fileName: 'secret.yaml', text: secret('first') });
    const error = await rejection(api.apply({ fileName: 'secret.yaml', text: secret('second') }));
    assert.deepEqual(error.diagnostics!.map((d) => `${d.line}: ${d.path}: ${d.message}`), ['7: stringData: Forbidden: field is immutable when `immutable` is set']);
    assert.doesNotMatch(JSON.stringify(error), /first|second|Zmlyc3|c2Vjb25k/, 'no Secret value in the refusal');

    await api.apply({ fileName: 'plain.yaml', text: secret('x', '').replace('name: token', 'name: plain') });
    const typed = await rejection(api.apply({ fileName: 'plain.yaml', text: secret('x', 'type: kubernetes.io/basic-auth\n').replace('name: token', 'name: plain').replace('token: x', 'username: x') }));
    assert.deepEqual(typed.diagnostics!.map((d) => `${d.path}: ${d.message}`), ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });

  test('a mutable ConfigMap may change, and may become immutable', async () => {
    const { api } = t.core;
    const text = (mode: string, immutable: string) => configMap(`  mode: ${mode}\n`, immutable).replace('name: settings', 'name: tunable');
    await api.apply({ fileName: 'cm.yaml', text: text('a', 'false') });
    assert.deepEqual((await api.apply({ fileName: 'cm.yaml', text: text('b', 'false') })).applied.map((a) => a.action), ['configured']);
    assert.deepEqual((await api.apply({ fileName: 'cm.yaml', text: text('c', 'true') })).applied.map((a) => a.action), ['configured']);
  });
});

test('maps compare as Go does: key order does not matter, a missing map equals an empty one', () => {
  const stored = { kind: 'ConfigMap' as const, immutable: true, data: { a: '1', b: '2' } };
  assert.deepEqual(objectUpdateDenials(stored, { kind: 'ConfigMap', immutable: true, data: { b: '2', a: '1' } }), []);
  assert.deepEqual(objectUpdateDenials({ kind: 'ConfigMap', immutable: true }, { kind: 'ConfigMap', immutable: true, data: {} }), []);
  assert.equal(objectUpdateDenials(stored, { kind: 'ConfigMap', immutable: true, data: { a: '1' } }).length, 1);
});
