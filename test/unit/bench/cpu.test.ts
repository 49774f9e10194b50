import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuTicksOf } from '../../bench/lib/cpu';

describe('cpuTicksOf', () => {
  test('utime + stime (fields 14 and 15)', () => {
    const stat = '4242 (node) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 11 0 100 1000000 5000 18446744073709551615';
    assert.equal(cpuTicksOf(stat), 1234 + 567);
  });

  test('a command name with spaces and parentheses does not shift the fields', () => {
    const stat = '7 (berth (serve) x) R 1 7 7 0 -1 0 0 0 0 0 10 5 0 0 20 0 1 0 1 1 1 1';
    assert.equal(cpuTicksOf(stat), 15);
  });

  test('a truncated stat is an error, not a number', () => {
    assert.throws(() => cpuTicksOf('7 (node) R 1 7'), /no utime\/stime/);
  });
});
