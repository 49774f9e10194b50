// No Secret value outside the vault: not in kubectl's last-applied-configuration annotation as
// it reaches SQLite, not in a validation error; and the database files and data folder are
// owner-only, also when the folder and the file were there before with wider rights.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openCore } from '../../../src-main/api/core';
import { importManifests } from '../../../src-main/kube';
import { openStore, SecretDataError } from '../../../src-main/store';
import { makeTempDir } from '../../support/temp';
import { testNode } from './support';

const password = 'hunter2-Last-Applied-9931';
const encoded = Buffer.from(password).toString('base64');

/** A Secret as `kubectl get secret -o yaml` exports it: its values again in the annotation. */
const exported = `apiVersion: v1
kind: Secret
metadata:
  name: creds
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"${encoded}"},"kind":"Secret","metadata":{"annotations":{},"name":"creds","namespace":"default"},"stringData":{"token":"${password}"},"type":"Opaque"}
    team: payments
data:
  password: ${encoded}
type: Opaque
`;

function filesHolding(dir: string, needles: string[]): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('berth.db'))
    .filter((f) => needles.some((needle) => readFileSync(join(dir, f)).includes(needle)));
}

describe('Secret values stay in the vault', () => {
  test('an exported Secret: its last-applied-configuration is stored without data or stringData', async () => {
    const dir = makeTempDir();
    try {
      const core = await openCore({ dataDir: dir.path, engine: 'docker', node: testNode, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
      const applied = await core.api.apply({ fileName: 'secret.yaml', text: exported });
      assert.equal(applied.applied[0]!.action, 'created');
      await core.close();
      assert.deepEqual(filesHolding(dir.path, [password, encoded]), []);

      const store = openStore(join(dir.path, 'berth.db'));
      const manifest = store.getObject('Secret', 'default', 'creds')!.manifest as { metadata: { annotations: Record<string, string> } };
      store.close();
      const annotations = manifest.metadata.annotations;
      assert.equal(annotations.team, 'payments');
      const lastApplied = JSON.parse(annotations['kubectl.kubernetes.io/last-applied-configuration']!) as Record<string, unknown>;
      assert.deepEqual(Object.keys(lastApplied).sort(), ['apiVersion', 'kind', 'metadata', 'type']);
    } finally {
      dir.remove();
    }
  });

  test('the store refuses a Secret whose annotation still holds values (or cannot be read)', () => {
    const dir = makeTempDir();
    const store = openStore(join(dir.path, 'berth.db'));
    try {
      const put = (lastApplied: string) =>
        store.putObject({
          kind: 'Secret',
          namespace: 'default',
          name: 'creds',
          uid: 'u1',
          manifest: { kind: 'Secret', metadata: { name: 'creds', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } } },
        });
      assert.throws(() => put(`{"data":{"password":"${encoded}"}}`), SecretDataError);
      assert.throws(() => put(`{"stringData":{"token":"${password}"}}`), SecretDataError);
      assert.throws(() => put(`not json ${password}`), SecretDataError);
      assert.equal(put('{"kind":"Secret"}'), 'created');
    } finally {
      store.close();
      dir.remove();
    }
  });

  test('a validation error on a Secret value does not quote it', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: {name: reg}
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: ${password}
`;
    const result = importManifests(text, 'reg.yaml');
    assert.equal(result.ok, false);
    const messages = result.errors.map((e) => e.message);
    assert.ok(messages.some((m) => m.startsWith('invalid .dockerconfigjson: the value is not JSON')), messages.join('\n'));
    for (const message of messages) {
      assert.equal(message.includes(password.slice(0, 6)) || message.includes(`'${password[0]}'`), false, message);
    }
  });
});

describe('the data folder and the database are owner-only', () => {
  test('a pre-existing 0755 folder and 0644 database files are narrowed to 0700 / 0600', async () => {
    const dir = makeTempDir();
    const dataDir = join(dir.path, 'Berth');
    try {
      mkdirSync(dataDir, { mode: 0o755 });
      chmodSync(dataDir, 0o755);
      const first = await openCore({ dataDir, engine: 'docker', node: testNode, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
      await first.close();
      for (const file of readdirSync(dataDir).filter((f) => f.startsWith('berth.db'))) chmodSync(join(dataDir, file), 0o644);
      writeFileSync(join(dataDir, 'berth.db-wal'), '', { mode: 0o644 });
      chmodSync(dataDir, 0o755);

      const core = await openCore({ dataDir, engine: 'docker', node: testNode, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
      await core.api.apply({ fileName: 'secret.yaml', text: exported });
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      const files = readdirSync(dataDir).filter((f) => f.startsWith('berth.db'));
      assert.ok(files.includes('berth.db-wal'), files.join(' '));
      for (const file of files) assert.equal((statSync(join(dataDir, file)).mode & 0o777).toString(8), '600', file);
      await core.close();
    } finally {
      dir.remove();
    }
  });

  test('a new database is created 0600, its -wal and -shm too', () => {
    const dir = makeTempDir();
    try {
      const store = openStore(join(dir.path, 'fresh', 'berth.db'));
      const files = readdirSync(join(dir.path, 'fresh'));
      assert.ok(files.includes('berth.db-wal') && files.includes('berth.db-shm'), files.join(' '));
      for (const file of files) assert.equal((statSync(join(dir.path, 'fresh', file)).mode & 0o777).toString(8), '600', file);
      store.close();
    } finally {
      dir.remove();
    }
  });
});
