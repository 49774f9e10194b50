import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextFocusIndex } from '../../../src-renderer/src/lib/focus-trap';

test('Tab wraps from the last element to the first, Shift+Tab the other way', () => {
  assert.equal(nextFocusIndex(3, 2, false), 0);
  assert.equal(nextFocusIndex(3, 0, true), 2);
  assert.equal(nextFocusIndex(3, 1, false), 2);
  assert.equal(nextFocusIndex(3, -1, false), 0, 'focus outside: the first element');
  assert.equal(nextFocusIndex(3, -1, true), 2);
  assert.equal(nextFocusIndex(0, -1, false), -1);
});
