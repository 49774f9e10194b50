import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BackOffTable,
  backOffEventMessage,
  backOffKey,
  crashLoopMessage,
  goDuration,
} from '../../../src-main/kubelet/restart/backoff';
import { formatPodFullName as podFullName } from '../../../src-main/kube/go-format';

const key = backOffKey('uid-1', 'main');

/**
 * A container that crashes `runMs` after every start, restarted by doBackOff's rule with a fake
 * clock: returns the wait before each restart.
 */
function crashLoop(table: BackOffTable, restarts: number, runMs = 1000, start = 0): number[] {
  const waits: number[] = [];
  let now = start;
  for (let i = 0; i < restarts; i++) {
    const finishedAt = now + runMs;
    now = finishedAt;
    // The pod worker syncs again every second until the back-off lets it start.
    while (table.isInBackOffSince(key, finishedAt, now)) now += 1000;
    waits.push(now - finishedAt);
    table.next(key, finishedAt, now);
  }
  return waits;
}

describe('container back-off', () => {
  test('the first restart is immediate, then 10 s doubling to the 300 s cap', () => {
    const waits = crashLoop(new BackOffTable(), 9);
    assert.deepEqual(waits, [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  test('next() returns the window the next crash will wait', () => {
    const table = new BackOffTable();
    assert.equal(table.get(key), 0);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((i) => table.next(key, i * 1000, i * 1000)),
      [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000],
    );
    assert.equal(table.get(key), 300_000);
  });

  test('until() is the exit time plus the window, only while in back-off', () => {
    const table = new BackOffTable();
    table.next(key, 0, 0);
    assert.equal(table.until(key, 5_000, 6_000), 15_000);
    assert.equal(table.until(key, 5_000, 15_000), undefined);
  });

  test('resets when the container ran more than 10 minutes since its last restart', () => {
    const lastStart = 10_000_000; // restarted at lastStart with the window at its cap
    const table = new BackOffTable([[key, { delayMs: 300_000, lastUpdate: lastStart }]]);
    const shortRunExit = lastStart + 599_000;
    assert.equal(table.isInBackOffSince(key, shortRunExit, shortRunExit + 1000), true, 'ran < 600 s: still 300 s');
    const longRunExit = lastStart + 600_001;
    assert.equal(table.isInBackOffSince(key, longRunExit, longRunExit), false, 'ran > 600 s: restart at once');
    assert.equal(table.next(key, longRunExit, longRunExit), 10_000, 'and the window starts over');
  });

  test('exactly 10 minutes is not enough (the kubelet compares with >)', () => {
    const lastStart = 10_000_000;
    const table = new BackOffTable([[key, { delayMs: 300_000, lastUpdate: lastStart }]]);
    const exit = lastStart + 600_000;
    assert.equal(table.isInBackOffSince(key, exit, exit + 1000), true);
    assert.equal(table.until(key, exit, exit), exit + 300_000);
    assert.equal(table.next(key, exit, exit + 300_000), 300_000, 'the window stays at the cap');
  });

  test('gc drops entries not updated for more than 10 minutes; reset drops one', () => {
    const table = new BackOffTable();
    table.next(key, 0, 0);
    table.next(backOffKey('uid-1', 'other'), 500_000, 500_000);
    table.gc(600_000);
    assert.equal(table.get(key), 10_000);
    table.gc(600_001);
    assert.equal(table.get(key), 0);
    assert.deepEqual(Object.keys(table.snapshot()), ['uid-1/other']);
    table.reset('uid-1/other');
    assert.deepEqual(table.snapshot(), {});
  });

  test('a snapshot restores into an equal table', () => {
    const table = new BackOffTable();
    table.next(key, 0, 0);
    table.next(key, 1000, 1000);
    const restored = new BackOffTable(Object.entries(table.snapshot()));
    assert.deepEqual(restored.snapshot(), { 'uid-1/main': { delayMs: 20_000, lastUpdate: 1000 } });
  });
});

describe('messages', () => {
  test('durations print like Go', () => {
    assert.deepEqual(
      [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 3_600_000, 1_500, 500, 0].map(goDuration),
      ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '1h0m0s', '1.5s', '500ms', '0s'],
    );
  });

  test('the CrashLoopBackOff message and the BackOff event', () => {
    const pod = podFullName('demo', 'default', 'uid');
    assert.equal(pod, 'demo_default(uid)');
    assert.equal(crashLoopMessage(40_000, 'main', pod), 'back-off 40s restarting failed container=main pod=demo_default(uid)');
    assert.equal(crashLoopMessage(300_000, 'main', pod), 'back-off 5m0s restarting failed container=main pod=demo_default(uid)');
    assert.equal(backOffEventMessage('main', pod), 'Back-off restarting failed container main in pod demo_default(uid)');
  });
});
