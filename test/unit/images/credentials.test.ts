// A pod's pull credentials: its imagePullSecrets first, then the user's Docker config.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDockerConfigJson } from '../../../src-main/images/docker-config';
import type { PullSecret } from '../../../src-main/images/docker-config';
import { podPullCredentials } from '../../../src-main/images/credentials';

const secret = (server: string, username: string, password: string): PullSecret => ({
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': Buffer.from(buildDockerConfigJson({ server, username, password })).toString('base64') },
});

const secrets: Record<string, PullSecret> = {
  'team/registry': secret('127.0.0.1:5000', 'pod-user', 'pod-pass'),
  'team/other': secret('127.0.0.1:5000/private', 'deeper', 'x'),
  'team/opaque': { type: 'Opaque', data: { token: 'eA==' } },
  'other/registry': secret('127.0.0.1:5000', 'wrong-namespace', 'x'),
};
const getSecret = (namespace: string, name: string) => secrets[`${namespace}/${name}`];
const userConfig = { config: { '127.0.0.1:5000': { username: 'me', password: 'mine' } }, path: '/home/me/.docker/config.json' };

describe('podPullCredentials', () => {
  test('pod secrets come before the user\'s config; the most specific key first among the secrets', () => {
    const { keyring, events, warnings } = podPullCredentials({
      namespace: 'team',
      imagePullSecrets: [{ name: 'registry' }, { name: 'other' }],
      getSecret,
      userConfig,
    });
    assert.deepEqual(
      keyring.lookup('127.0.0.1:5000/private/busybox').map((c) => [c.username, c.source]),
      [
        ['deeper', 'Secret team/other'],
        ['pod-user', 'Secret team/registry'],
        ['me', '/home/me/.docker/config.json'],
      ],
    );
    assert.deepEqual(events, []);
    assert.deepEqual(warnings, []);
  });

  test('secrets are looked up in the pod\'s namespace only', () => {
    const { keyring } = podPullCredentials({ namespace: 'team', imagePullSecrets: [{ name: 'registry' }], getSecret });
    assert.deepEqual(keyring.lookup('127.0.0.1:5000/x').map((c) => c.username), ['pod-user']);
  });

  test('missing secrets: one FailedToRetrieveImagePullSecret warning naming them all, and the rest still used', () => {
    const { keyring, events } = podPullCredentials({
      namespace: 'team',
      imagePullSecrets: [{ name: 'gone' }, { name: 'registry' }, { name: '' }, { name: 'also-gone' }],
      getSecret,
      userConfig,
    });
    assert.deepEqual(events, [
      {
        type: 'Warning',
        reason: 'FailedToRetrieveImagePullSecret',
        message: 'Unable to retrieve some image pull secrets (gone, also-gone); attempting to pull the image may not succeed.',
      },
    ]);
    assert.deepEqual(keyring.lookup('127.0.0.1:5000/x').map((c) => c.username), ['pod-user', 'me']);
  });

  test('a Secret of another type is ignored silently, as the kubelet does', () => {
    const { keyring, events, warnings } = podPullCredentials({ namespace: 'team', imagePullSecrets: [{ name: 'opaque' }], getSecret });
    assert.deepEqual(keyring.lookup('127.0.0.1:5000/x'), []);
    assert.deepEqual(events, []);
    assert.deepEqual(warnings, []);
  });

  test('a docker-config Secret with broken JSON is skipped with a warning that shows none of its content', () => {
    const broken: PullSecret = { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{"auths": {"x": {"password": "hunter2"').toString('base64') } };
    const { keyring, warnings } = podPullCredentials({ namespace: 'team', imagePullSecrets: [{ name: 'broken' }], getSecret: () => broken, userConfig });
    assert.deepEqual(warnings, ['Secret team/broken: not valid JSON, no credentials read from it']);
    assert.deepEqual(keyring.lookup('127.0.0.1:5000/x').map((c) => c.username), ['me']);
  });

  test('no secrets and no user config: nothing matches, so pulls are anonymous', () => {
    const { keyring } = podPullCredentials({ namespace: 'team', imagePullSecrets: undefined, getSecret });
    assert.deepEqual(keyring.lookup('127.0.0.1:5000/x'), []);
  });
});
