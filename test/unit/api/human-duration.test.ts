import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventAge, humanDuration, restartsColumn } from '../../../src-shared/human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

test('humanDuration matches kubectl for each range', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1 * s + 1, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 30 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [8 * h + 5 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d + 3 * h, '8d'],
    [729 * d, '729d'],
    [2 * 365 * d + 10 * d, '2y10d'],
    [9 * 365 * d, '9y'],
  ];
  for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms} ms`);
});

test('eventAge shows the count and span of an aggregated event', () => {
  const now = 1_000_000_000;
  assert.equal(eventAge({ count: 1, firstTimestamp: now - 5 * s, lastTimestamp: now - 5 * s }, now), '5s');
  assert.equal(eventAge({ count: 3, firstTimestamp: now - 10 * m, lastTimestamp: now - 2 * m }, now), '2m (x3 over 10m)');
});

test('restartsColumn adds how long ago the last restart was', () => {
  assert.equal(restartsColumn(0, null, 0), '0');
  assert.equal(restartsColumn(3, 1000, 1000 + 5 * m), '3 (5m ago)');
});
