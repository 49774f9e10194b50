// The worker's retry timer on a test clock: the earliest request wins, a stopped one never fires.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RetryScheduler, type Timers } from '../../../../src-main/kubelet/pod/scheduler';

function testClock() {
  let now = 0;
  let pending: { fire: () => void; at: number } | undefined;
  const timers: Timers = {
    set: (fire, ms) => (pending = { fire, at: now + ms }),
    clear: (handle) => {
      if (handle === pending) pending = undefined;
    },
  };
  return {
    timers,
    now: () => now,
    pendingAt: () => pending?.at,
    advance(ms: number) {
      now += ms;
      if (pending && pending.at <= now) {
        const { fire } = pending;
        pending = undefined;
        fire();
      }
    },
  };
}

test('the earliest request wins; a later one while it is pending is ignored', () => {
  const clock = testClock();
  let woken = 0;
  const scheduler = new RetryScheduler(() => woken++, clock.now, clock.timers);
  scheduler.retryAt(10_000);
  scheduler.retryAt(20_000);
  assert.equal(clock.pendingAt(), 10_000);
  scheduler.retryAt(5000);
  assert.equal(clock.pendingAt(), 5000);
  clock.advance(5000);
  assert.equal(woken, 1);
  // Once fired, any time may be requested again.
  scheduler.retryAt(30_000);
  assert.equal(clock.pendingAt(), 30_000);
});

test('a time already past fires at once', () => {
  const clock = testClock();
  clock.advance(1000);
  let woken = 0;
  new RetryScheduler(() => woken++, clock.now, clock.timers).retryAt(0);
  assert.equal(clock.pendingAt(), 1000);
  clock.advance(0);
  assert.equal(woken, 1);
});

test('stopped: the pending wake-up is cancelled and no new one is set', () => {
  const clock = testClock();
  let woken = 0;
  const scheduler = new RetryScheduler(() => woken++, clock.now, clock.timers);
  scheduler.retryAt(1000);
  scheduler.stop();
  assert.equal(clock.pendingAt(), undefined);
  scheduler.retryAt(500);
  assert.equal(clock.pendingAt(), undefined);
  clock.advance(2000);
  assert.equal(woken, 0);
});
