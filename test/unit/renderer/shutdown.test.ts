import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { StopTimeline } from '../../../src-shared/termination-summary';
import { mergeStops, seconds, shutdownView, sigkillDeadline, stopReasonLabel, stopsOf, stopSummary } from '../../../src-renderer/src/lib/shutdown';

const T = 1_000_000;

function stop(partial: Partial<StopTimeline> = {}): StopTimeline {
  return {
    reason: 'Delete',
    gracePeriodMs: 10_000,
    startedAt: T,
    preStopStartedAt: null,
    preStopFinishedAt: null,
    signal: null,
    signalAt: null,
    killAt: null,
    exitedAt: null,
    exitCode: null,
    ...partial,
  };
}

describe('sigkillDeadline: the kubelet rule', () => {
  test('no preStop: signal + grace', () => {
    assert.deepEqual(sigkillDeadline(stop({ signal: 'SIGTERM', signalAt: T + 5 }), T + 100), { at: T + 10_005, provisional: false });
  });

  test('no preStop, grace below 2 s: signal + 2 s', () => {
    assert.deepEqual(sigkillDeadline(stop({ gracePeriodMs: 0, signal: 'SIGTERM', signalAt: T + 5 }), T + 100), { at: T + 2_005, provisional: false });
    assert.deepEqual(sigkillDeadline(stop({ gracePeriodMs: 1_000, signal: 'SIGTERM', signalAt: T }), T), { at: T + 2_000, provisional: false });
  });

  test('a short preStop: the grace period counts from preStop start', () => {
    // preStop 2 s of a 10 s grace: the signal gets the 8 s left → SIGKILL at +10 s.
    const s = stop({ preStopStartedAt: T, preStopFinishedAt: T + 2_000, signal: 'SIGTERM', signalAt: T + 2_000 });
    assert.deepEqual(sigkillDeadline(s, T + 3_000), { at: T + 10_000, provisional: false });
  });

  test('preStop that used (almost) the whole grace period: still 2 s after the signal', () => {
    const s = stop({ gracePeriodMs: 3_000, preStopStartedAt: T, preStopFinishedAt: T + 3_000, signal: 'SIGTERM', signalAt: T + 3_000 });
    assert.deepEqual(sigkillDeadline(s, T + 3_100), { at: T + 5_000, provisional: false });
    const almost = stop({ gracePeriodMs: 3_000, preStopStartedAt: T, preStopFinishedAt: T + 2_500, signal: 'SIGTERM', signalAt: T + 2_500 });
    assert.equal(sigkillDeadline(almost, T + 2_600)!.at, T + 4_500);
  });

  test('while preStop runs: the earliest SIGKILL can come, settled once it ends', () => {
    const running = stop({ preStopStartedAt: T });
    assert.deepEqual(sigkillDeadline(running, T + 1_000), { at: T + 10_000, provisional: true });
    assert.deepEqual(sigkillDeadline(running, T + 9_000), { at: T + 11_000, provisional: true }, 'never less than 2 s away');
    // preStop done, signal not written yet: the finish stands in for it.
    assert.deepEqual(sigkillDeadline(stop({ preStopStartedAt: T, preStopFinishedAt: T + 1_000 }), T + 1_010), { at: T + 10_000, provisional: true });
  });

  test('SIGKILL sent is its own answer; an exit without it has none', () => {
    assert.deepEqual(sigkillDeadline(stop({ signalAt: T, killAt: T + 10_003, exitedAt: T + 10_050 }), T + 20_000), { at: T + 10_003, provisional: false });
    assert.equal(sigkillDeadline(stop({ signalAt: T, exitedAt: T + 300, exitCode: 0 }), T + 400), null);
  });

  test('matches the rule as written: max(preStop start + grace, preStop end + 2 s) / signal + max(grace, 2 s)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.option(fc.integer({ min: 0, max: 70_000 })), fc.integer({ min: 0, max: 50 }), (grace, preStopMs, lag) => {
        if (preStopMs === null) {
          const s = stop({ gracePeriodMs: grace, signal: 'SIGTERM', signalAt: T + lag });
          return sigkillDeadline(s, T + lag)!.at === T + lag + Math.max(grace, 2_000);
        }
        const used = Math.min(preStopMs, grace); // preStop is cut at the end of the grace period
        const s = stop({ gracePeriodMs: grace, preStopStartedAt: T, preStopFinishedAt: T + used, signal: 'SIGTERM', signalAt: T + used });
        return sigkillDeadline(s, T + used)!.at === Math.max(T + grace, T + used + 2_000);
      }),
    );
  });
});

describe('shutdownView', () => {
  const main = (s: StopTimeline | null, wasRunning = true) => ({ name: 'main', stop: s, wasRunning });

  test('right after the delete: no stop yet, the countdown is the grace period', () => {
    const view = shutdownView({ requestedAt: T, graceSeconds: 5, now: T + 100, containers: [main(null)], goneAt: null });
    assert.deepEqual(view.containers.map((c) => c.step), ['waiting']);
    assert.equal(view.untilKillMs, null);
    assert.equal(view.stopSignalSent, false);
  });

  test('preStop running: its time so far, SIGKILL no earlier than grace after its start', () => {
    const view = shutdownView({ requestedAt: T, graceSeconds: 10, now: T + 2_100, containers: [main(stop({ preStopStartedAt: T + 20 }))], goneAt: null });
    const [c] = view.containers;
    assert.equal(c!.step, 'preStop');
    assert.equal(c!.preStopMs, 2_080);
    assert.equal(view.untilKillMs, 7_920);
    assert.equal(view.killProvisional, true);
  });

  test('signalled after a 2 s preStop, then exited on SIGTERM: not killed', () => {
    const signalled = stop({ preStopStartedAt: T, preStopFinishedAt: T + 2_000, signal: 'SIGTERM', signalAt: T + 2_001 });
    const during = shutdownView({ requestedAt: T, graceSeconds: 10, now: T + 2_500, containers: [main(signalled)], goneAt: null });
    assert.equal(during.containers[0]!.step, 'signalled');
    assert.equal(during.untilKillMs, 7_501, 'signal + the 8 s the preStop left');
    assert.equal(during.stopSignalSent, true);
    const exited = { ...signalled, exitedAt: T + 2_300, exitCode: 0 };
    const after = shutdownView({ requestedAt: T, graceSeconds: 10, now: T + 3_000, containers: [main(exited)], goneAt: T + 2_900 });
    assert.deepEqual(after.containers.map((c) => [c.step, c.exitCode]), [['exited', 0]]);
    assert.equal(after.killed, false);
    assert.equal(after.untilKillMs, null);
    assert.equal(after.elapsedMs, 2_900, 'the clock stops when the pod is gone');
    assert.equal(after.containers[0]!.preStopMs, 2_000);
  });

  test('a container that ignores SIGTERM: the countdown reaches 0, then it is killed', () => {
    const signalled = stop({ gracePeriodMs: 5_000, signal: 'SIGTERM', signalAt: T + 10 });
    const late = shutdownView({ requestedAt: T, graceSeconds: 5, now: T + 5_500, containers: [main(signalled)], goneAt: null });
    assert.equal(late.untilKillMs, 0);
    const killed = shutdownView({ requestedAt: T, graceSeconds: 5, now: T + 5_100, containers: [main({ ...signalled, killAt: T + 5_010, exitedAt: T + 5_040, exitCode: 137 })], goneAt: null });
    assert.equal(killed.containers[0]!.step, 'killed');
    assert.equal(killed.killed, true);
    assert.equal(killed.graceSpent, 1);
  });

  test('a container that was not running gets no stop', () => {
    const view = shutdownView({ requestedAt: T, graceSeconds: 5, now: T + 100, containers: [main(null, false)], goneAt: null });
    assert.equal(view.containers[0]!.step, 'not-running');
  });

  test('the nearest SIGKILL of several containers is the one counted down', () => {
    const view = shutdownView({
      requestedAt: T,
      graceSeconds: 30,
      now: T + 1_000,
      containers: [
        { name: 'a', stop: stop({ gracePeriodMs: 30_000, signal: 'SIGTERM', signalAt: T }), wasRunning: true },
        { name: 'b', stop: stop({ gracePeriodMs: 30_000, preStopStartedAt: T, preStopFinishedAt: T + 29_000, signalAt: T + 29_000, signal: 'SIGTERM' }), wasRunning: true },
      ],
      goneAt: null,
    });
    assert.equal(view.untilKillMs, 29_000);
  });
});

test('stops of a container, oldest first; fresh reads never lose a milestone', () => {
  const rows = [
    { ...stop({ startedAt: T + 5 }), id: 2, container: 'main' },
    { ...stop({ startedAt: T }), id: 1, container: 'main' },
    { ...stop(), id: 3, container: 'side' },
  ];
  assert.deepEqual(stopsOf(rows, 'main').map((s) => s.id), [1, 2]);
  const ahead = [{ ...stop({ signalAt: T + 1 }), id: 1 }];
  const behind = [{ ...stop(), id: 1 }, { ...stop(), id: 4 }];
  assert.deepEqual(mergeStops(ahead, behind).map((s) => [s.id, s.signalAt]), [[1, T + 1], [4, null]]);
});

test('a stop in words: where it is while it goes on, then the shared summary', () => {
  assert.equal(stopSummary(stop({ preStopStartedAt: T })), 'stopping: preStop running');
  assert.equal(stopSummary(stop({ preStopStartedAt: T, preStopFinishedAt: T + 2_000, signal: 'SIGTERM', signalAt: T + 2_000 })), 'stopping: SIGTERM sent');
  assert.equal(
    stopSummary(stop({ preStopStartedAt: T, preStopFinishedAt: T + 2_000, signal: 'SIGTERM', signalAt: T + 2_000, exitedAt: T + 2_100, exitCode: 0 })),
    'stopped gracefully in 2.1 s (preStop 2.0 s, SIGTERM at +2.0 s)',
  );
});

test('stop reasons in words', () => {
  assert.equal(stopReasonLabel('PostStartHookError'), 'postStart hook failed');
  assert.equal(stopReasonLabel('Something'), 'Something');
});

test('seconds read with tenths while short', () => {
  assert.equal(seconds(3_240), '3.2 s');
  assert.equal(seconds(12_600), '13 s');
  assert.equal(seconds(-5), '0.0 s');
});

test('a pushed stop row updates the list by id; an older push never undoes a newer one', async () => {
  const { upsertStop } = await import('../../../src-renderer/src/lib/shutdown');
  const row: StopTimeline & { id: number } = { id: 7, reason: 'Delete', gracePeriodMs: 3000, startedAt: 1000, preStopStartedAt: null, preStopFinishedAt: null, signal: null, signalAt: null, killAt: null, exitedAt: null, exitCode: null };
  const signalled = { ...row, signal: 'SIGTERM', signalAt: 1100 };
  let list = upsertStop([], row);
  list = upsertStop(list, signalled);
  assert.deepEqual(list, [signalled]);
  assert.deepEqual(upsertStop(list, row), [signalled], 'a late, older push is ignored');
  const other = { ...row, id: 3 };
  assert.deepEqual(upsertStop(list, other).map((s) => s.id), [3, 7]);
});
