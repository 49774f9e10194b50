import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slope, slopePerRun } from '../../bench/lib/growth';

describe('slope', () => {
  test('the least-squares slope of a line, and of scattered points', () => {
    assert.equal(slope([1, 5, 20, 100], [110, 150, 300, 1100]), 10);
    // y = 2x + 1, with ±1 noise that cancels out.
    assert.equal(slope([0, 1, 2, 3], [2, 2, 6, 6]), 1.6);
  });

  test('no slope without two distinct pod counts', () => {
    assert.ok(Number.isNaN(slope([5], [10])));
    assert.ok(Number.isNaN(slope([5, 5], [10, 20])));
    assert.ok(Number.isNaN(slope([1, 2], [10])));
  });
});

describe('slopePerRun', () => {
  test('one slope per run, from that run of every pod count', () => {
    const series = [
      { pods: 1, samples: [100, 200] },
      { pods: 5, samples: [140, 240] },
      { pods: 20, samples: [290, 1150] },
    ];
    const [first, second] = slopePerRun(series);
    assert.equal(first, 10);
    assert.ok(second! > 40, `the second run grew faster: ${second}`);
  });

  test('as many slopes as the shortest series has runs', () => {
    assert.equal(slopePerRun([{ pods: 1, samples: [1, 2, 3] }, { pods: 2, samples: [2, 3] }]).length, 2);
    assert.deepEqual(slopePerRun([]), []);
  });
});
