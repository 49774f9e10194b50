// The kubelet's image event and waiting messages, word for word, and the pull decision.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  aggregateErrors,
  alreadyPresentMessage,
  backOffMessage,
  backOffWaitingMessage,
  containerErrorMessage,
  failedToPullMessage,
  failedToRetrieveSecretsMessage,
  goDuration,
  neverPullMessage,
  pulledMessage,
  pullingMessage,
  shouldPull,
} from '../../../src-main/images/pull-policy';

describe('shouldPull (shouldPullImage)', () => {
  const cases: [policy: 'Always' | 'IfNotPresent' | 'Never', present: boolean, pull: boolean][] = [
    ['Always', true, true],
    ['Always', false, true],
    ['IfNotPresent', true, false],
    ['IfNotPresent', false, true],
    ['Never', true, false],
    ['Never', false, false],
  ];
  for (const [policy, present, pull] of cases) {
    test(`${policy}, ${present ? 'present' : 'absent'} → ${pull ? 'pull' : 'no pull'}`, () => {
      assert.equal(shouldPull(policy, present), pull);
    });
  }
});

describe('messages', () => {
  test('Pulling', () => assert.equal(pullingMessage('busybox:1'), 'Pulling image "busybox:1"'));

  test('Pulled after a pull (kubelet ≥ 1.30 format, Go durations)', () => {
    assert.equal(
      pulledMessage('squidfunk/mkdocs-material:latest', 626, 626, 61822408),
      'Successfully pulled image "squidfunk/mkdocs-material:latest" in 626ms (626ms including waiting). Image size: 61822408 bytes.',
    );
    assert.equal(
      pulledMessage('busybox', 1893.7, 2500, 2131920),
      'Successfully pulled image "busybox" in 1.893s (2.5s including waiting). Image size: 2131920 bytes.',
    );
  });

  test('Pulled when present, ErrImageNeverPull, Failed, BackOff', () => {
    assert.equal(alreadyPresentMessage('local/busybox:1'), 'Container image "local/busybox:1" already present on machine');
    assert.equal(neverPullMessage('nope:1'), 'Container image "nope:1" is not present with pull policy of Never');
    assert.equal(failedToPullMessage('x:1', 'manifest unknown'), 'Failed to pull image "x:1": manifest unknown');
    assert.equal(backOffMessage('x:1'), 'Back-off pulling image "x:1"');
  });

  test('the back-off waiting message carries the last error (kubelet ≥ 1.32)', () => {
    assert.equal(
      backOffWaitingMessage('x:1', { reason: 'ErrImagePull', message: 'unauthorized: authentication required' }),
      'Back-off pulling image "x:1": ErrImagePull: unauthorized: authentication required',
    );
    assert.equal(backOffWaitingMessage('x:1'), 'Back-off pulling image "x:1"');
  });

  test('the container event after an image failure: Error: <reason>', () => {
    assert.equal(containerErrorMessage('ErrImagePull'), 'Error: ErrImagePull');
    assert.equal(containerErrorMessage('ImagePullBackOff'), 'Error: ImagePullBackOff');
  });

  test('FailedToRetrieveImagePullSecret', () => {
    assert.equal(
      failedToRetrieveSecretsMessage(['regcred']),
      'Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.',
    );
  });

  test('errors of several credentials are aggregated as utilerrors does', () => {
    assert.equal(aggregateErrors([]), '');
    assert.equal(aggregateErrors(['denied']), 'denied');
    assert.equal(aggregateErrors(['denied', 'denied']), 'denied');
    assert.equal(aggregateErrors(['denied', 'timeout']), '[denied, timeout]');
  });
});

describe('goDuration (time.Duration.String of a millisecond-truncated duration)', () => {
  const cases: [ms: number, text: string][] = [
    [0, '0s'],
    [1, '1ms'],
    [626, '626ms'],
    [1000, '1s'],
    [1200, '1.2s'],
    [1893, '1.893s'],
    [1050, '1.05s'],
    [60_000, '1m0s'],
    [62_500, '1m2.5s'],
    [3_600_000, '1h0m0s'],
    [3_723_004, '1h2m3.004s'],
  ];
  for (const [ms, text] of cases) test(`${ms} ms → ${text}`, () => assert.equal(goDuration(ms), text));
});
