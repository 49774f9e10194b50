import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { SecretDataError } from '../../../src-main/store/index';
import { assertNoSecretData } from '../../../src-main/store/objects';
import { tempStore } from './helpers';

describe('objects', () => {
  test('created / unchanged (key order ignored) / configured, uid and createdAt kept', () => {
    let clock = 100;
    const { store, done } = tempStore({ now: () => clock });
    try {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } };
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'u1', manifest: cm }), 'created');
      clock = 200;
      const reordered = { data: { a: '1' }, metadata: { namespace: 'default', name: 'cfg' }, kind: 'ConfigMap', apiVersion: 'v1' };
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'u2', manifest: reordered }), 'unchanged');
      assert.equal(store.getObject('ConfigMap', 'default', 'cfg')?.updatedAt, 100);
      clock = 300;
      const changed = { ...cm, data: { a: '2' } };
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: 'u3', manifest: changed }), 'configured');
      const got = store.getObject('ConfigMap', 'default', 'cfg');
      assert.deepEqual(got, {
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'cfg',
        uid: 'u1',
        manifest: changed,
        createdAt: 100,
        updatedAt: 300,
        resourceVersion: 2,
      });
    } finally {
      done();
    }
  });

  test('kinds and namespaces are separate; cluster-scoped uses namespace ""; list and delete', () => {
    const { store, done } = tempStore();
    try {
      store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'b', uid: '1', manifest: {} });
      store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'a', uid: '2', manifest: {} });
      store.putObject({ kind: 'ConfigMap', namespace: 'apps', name: 'z', uid: '3', manifest: {} });
      store.putObject({ kind: 'Service', namespace: 'default', name: 'a', uid: '4', manifest: {} });
      assert.equal(store.putObject({ kind: 'RuntimeClass', namespace: '', name: 'runc', uid: '5', manifest: { handler: 'runc' } }), 'created');

      assert.deepEqual(store.listObjects('ConfigMap').map((o) => `${o.namespace}/${o.name}`), ['apps/z', 'default/a', 'default/b']);
      assert.deepEqual(store.listObjects('ConfigMap', 'default').map((o) => o.name), ['a', 'b']);
      assert.deepEqual(store.listObjects('Service').map((o) => o.uid), ['4']);
      assert.equal(store.getObject('RuntimeClass', '', 'runc')?.manifest['handler'], 'runc');
      assert.equal(store.getObject('Secret', 'default', 'a'), undefined);

      assert.equal(store.deleteObject('ConfigMap', 'default', 'a'), true);
      assert.equal(store.deleteObject('ConfigMap', 'default', 'a'), false);
      assert.equal(store.getObject('ConfigMap', 'default', 'a'), undefined);
      assert.ok(store.getObject('Service', 'default', 'a'), 'other kinds untouched');
      // After deletion the name can be created again.
      assert.equal(store.putObject({ kind: 'ConfigMap', namespace: 'default', name: 'a', uid: '6', manifest: {} }), 'created');
    } finally {
      done();
    }
  });

  test('Secret guard: data or stringData never reaches SQLite', () => {
    const { store, file, done } = tempStore();
    try {
      const base = { kind: 'Secret', namespace: 'default', name: 'creds', uid: 's1' };
      assert.throws(
        () => store.putObject({ ...base, manifest: { kind: 'Secret', data: { password: 'aHVudGVyMg==' } } }),
        SecretDataError,
      );
      assert.throws(
        () => store.putObject({ ...base, manifest: { kind: 'Secret', stringData: { password: 'hunter2' } } }),
        SecretDataError,
      );
      assert.equal(store.getObject('Secret', 'default', 'creds'), undefined);

      // Redacted forms are accepted.
      assert.equal(
        store.putObject({ ...base, manifest: { kind: 'Secret', metadata: { name: 'creds' }, type: 'Opaque' } }),
        'created',
      );
      assert.equal(store.putObject({ ...base, manifest: { kind: 'Secret', metadata: { name: 'creds' }, type: 'Opaque' } }), 'unchanged');
      assert.equal(store.putObject({ ...base, manifest: { kind: 'Secret', type: 'Opaque', data: null, stringData: {} } }), 'configured');
      assert.equal(store.putObject({ ...base, manifest: { kind: 'Secret', type: 'Opaque', data: {}, stringData: {} } }), 'configured');

      // Updating an existing Secret with data is refused too, and the stored row is unchanged.
      assert.throws(() => store.putObject({ ...base, manifest: { kind: 'Secret', data: { k: 'dg==' } } }), SecretDataError);

      store.close();
      const raw = new Database(file, { readonly: true });
      const text = raw.prepare(`SELECT group_concat(manifest, '') FROM objects`).pluck().get() as string;
      raw.close();
      assert.doesNotMatch(text, /hunter2|aHVudGVyMg|dg==/);
    } finally {
      done();
    }
  });

  test('assertNoSecretData is only about Secrets', () => {
    assert.doesNotThrow(() => assertNoSecretData({ kind: 'ConfigMap', namespace: 'n', name: 'x', manifest: { data: { a: '1' } } }));
    assert.throws(() => assertNoSecretData({ kind: 'Secret', namespace: 'n', name: 'x', manifest: { data: 'str' } }), SecretDataError);
    assert.throws(() => assertNoSecretData({ kind: 'Secret', namespace: 'n', name: 'x', manifest: { stringData: ['a'] } }), SecretDataError);
    assert.doesNotThrow(() => assertNoSecretData({ kind: 'Secret', namespace: 'n', name: 'x', manifest: { data: [] } }));
  });
});
