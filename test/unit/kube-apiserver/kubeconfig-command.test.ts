// `berth kubeconfig` and `berth serve --api-port` as a user meets them before and around a start.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { hostKubeApi } from '../../../src-main/kube-apiserver/host';
import { runBerth } from '../../support/cli';
import { makeTempDir } from '../../support/temp';

describe('berth kubeconfig', () => {
  const dir = makeTempDir();
  const dataDir = join(dir.path, 'data');
  const env = { BERTH_DATA_DIR: dataDir, HOME: dir.path, KUBECONFIG: '' };
  after(() => dir.remove());

  test('before any start: says how to get one, exit 1', async () => {
    const run = await runBerth(['kubeconfig'], { env });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `Error: there is no kubeconfig yet (${join(dataDir, 'kubeconfig')}): start \`berth serve\` or the app once, then run this again\n`);
  });

  test('--merge into a malformed kubeconfig: names the file, leaves it as it was', async () => {
    const api = await hostKubeApi({ dataDir, port: 0 });
    await api.close();
    const target = join(dir.path, 'broken-config');
    writeFileSync(target, 'clusters: [oops\n');
    const run = await runBerth(['kubeconfig', '--merge'], { env: { ...env, KUBECONFIG: target } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`^Error: ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid YAML \\(.+\\); nothing was changed\\n$`));
    assert.equal(readFileSync(target, 'utf8'), 'clusters: [oops\n');
  });

  test('--merge with no kubeconfig at all: creates ~/.kube/config with berth as the current context', async () => {
    const run = await runBerth(['kubeconfig', '--merge'], { env });
    assert.equal(run.code, 0, run.stderr);
    const target = join(dir.path, '.kube', 'config');
    assert.equal(run.stdout, `Added the "berth" context to ${target} and made it the current context.\n`);
    assert.match(readFileSync(target, 'utf8'), /current-context: berth/);
  });

  test('serve refuses an API port that is not one', async () => {
    const run = await runBerth(['serve', '--api-port', 'http'], { env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: the API port must be a number from 0 to 65535, not "http"\n/);
  });
});
