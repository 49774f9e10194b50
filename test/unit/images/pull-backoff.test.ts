// The image pull back-off with a fake clock: flowcontrol.Backoff(10s, 300s) keyed by pod and image.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImagePullBackOff, imageBackOffKey } from '../../../src-main/images/pull-backoff';

const failure = { reason: 'ErrImagePull' as const, message: 'no basic auth credentials' };

function clockAt(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('ImagePullBackOff', () => {
  test('the key is <pod UID>_<image as written>', () => {
    assert.equal(imageBackOffKey('uid-1', 'busybox'), 'uid-1_busybox');
  });

  test('no failure yet: not backing off', () => {
    const backOff = new ImagePullBackOff(clockAt().now);
    assert.equal(backOff.isInBackOff('pod_img'), false);
  });

  test('10 s after the first failure, then 20, 40, 80, 160, 300, 300 s', () => {
    const clock = clockAt();
    const backOff = new ImagePullBackOff(clock.now);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      backOff.recordFailure('k', failure);
      seen.push(backOff.backoffMs('k'));
      // Retry exactly when the back-off ends, as the pod worker would.
      clock.advance(backOff.backoffMs('k'));
    }
    assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  test('inside the back-off: ImagePullBackOff; once it has passed: a pull may be tried', () => {
    const clock = clockAt();
    const backOff = new ImagePullBackOff(clock.now);
    backOff.recordFailure('k', failure);
    clock.advance(9_999);
    assert.equal(backOff.isInBackOff('k'), true);
    assert.equal(backOff.remainingMs('k'), 1);
    clock.advance(1);
    assert.equal(backOff.isInBackOff('k'), false);
    assert.equal(backOff.remainingMs('k'), 0);
  });

  test('pods and images are backed off separately', () => {
    const clock = clockAt();
    const backOff = new ImagePullBackOff(clock.now);
    backOff.recordFailure(imageBackOffKey('pod-a', 'img'), failure);
    assert.equal(backOff.isInBackOff(imageBackOffKey('pod-a', 'img')), true);
    assert.equal(backOff.isInBackOff(imageBackOffKey('pod-b', 'img')), false);
    assert.equal(backOff.isInBackOff(imageBackOffKey('pod-a', 'other')), false);
  });

  test('quiet for more than twice the maximum (600 s): the next failure starts again at 10 s', () => {
    const clock = clockAt();
    const backOff = new ImagePullBackOff(clock.now);
    backOff.recordFailure('k', failure);
    clock.advance(10_000);
    backOff.recordFailure('k', failure);
    assert.equal(backOff.backoffMs('k'), 20_000);
    clock.advance(600_001);
    assert.equal(backOff.isInBackOff('k'), false);
    backOff.recordFailure('k', failure);
    assert.equal(backOff.backoffMs('k'), 10_000);
  });

  test('the last error is kept for the waiting message until a pull is tried again', () => {
    const backOff = new ImagePullBackOff(clockAt().now);
    backOff.recordFailure('k', failure);
    assert.deepEqual(backOff.previousError('k'), failure);
    backOff.clearPreviousError('k');
    assert.equal(backOff.previousError('k'), undefined);
    assert.equal(backOff.isInBackOff('k'), true, 'clearing the error keeps the back-off');
  });

  test('gc drops entries quiet for more than 600 s; forgetPod drops a pod\'s entries', () => {
    const clock = clockAt();
    const backOff = new ImagePullBackOff(clock.now);
    backOff.recordFailure('old_img', failure);
    clock.advance(600_001);
    backOff.recordFailure('new_img', failure);
    backOff.gc();
    assert.equal(backOff.backoffMs('old_img'), 0);
    assert.equal(backOff.backoffMs('new_img'), 10_000);
    backOff.forgetPod('new');
    assert.equal(backOff.backoffMs('new_img'), 0);
  });
});
