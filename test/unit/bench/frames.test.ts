import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frameStats } from '../../bench/lib/frames';

const FRAME = 1000 / 60;

describe('frameStats', () => {
  test('every frame on time: nothing dropped', () => {
    const stats = frameStats(Array.from({ length: 60 }, () => FRAME), FRAME);
    assert.equal(stats.droppedPercent, 0);
    assert.equal(stats.p50, FRAME);
    assert.equal(stats.p95, FRAME);
  });

  test('a long frame counts every refresh it spans beyond the first', () => {
    // 18 on time, one late by a refresh, one stalled for 5 refreshes: 25 refreshes, 5 missed.
    const intervals = [...Array.from({ length: 18 }, () => FRAME), 2 * FRAME, 5 * FRAME];
    const stats = frameStats(intervals, FRAME);
    assert.equal(stats.droppedPercent, 20);
    assert.equal(stats.p95, 2 * FRAME);
  });

  test('jitter within half a refresh is not a drop', () => {
    assert.equal(frameStats([FRAME * 1.4, FRAME * 0.6, FRAME], FRAME).droppedPercent, 0);
  });

  test('no intervals: undefined statistics', () => {
    assert.ok(Number.isNaN(frameStats([], FRAME).droppedPercent));
  });
});
