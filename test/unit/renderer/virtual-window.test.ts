import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchoredScrollTop, nearEnd, rowWindow, scrollToReveal } from '../../../src-renderer/src/lib/virtual-window';

test('the window covers the viewport plus overscan, and the spacer the whole list', () => {
  const w = rowWindow({ scrollTop: 0, viewportHeight: 320, rowHeight: 32, count: 100_000, overscan: 5 });
  assert.deepEqual(w, { start: 0, end: 16, offset: 0, totalHeight: 3_200_000 });
});

test('scrolled into the middle, the window starts overscan rows above the first visible one', () => {
  const w = rowWindow({ scrollTop: 32 * 1000 + 10, viewportHeight: 320, rowHeight: 32, count: 100_000, overscan: 5 });
  assert.equal(w.start, 995);
  assert.equal(w.end, 1016);
  assert.equal(w.offset, 995 * 32);
});

test('at the very end the last row is rendered and the window stays small', () => {
  const count = 100_000;
  const w = rowWindow({ scrollTop: count * 32 - 320, viewportHeight: 320, rowHeight: 32, count });
  assert.equal(w.end, count);
  assert.ok(w.end - w.start < 40);
});

test('a scroll position past a list that shrank shows its end; empty lists render nothing', () => {
  const w = rowWindow({ scrollTop: 1e9, viewportHeight: 320, rowHeight: 32, count: 50, overscan: 0 });
  assert.equal(w.end, 50);
  assert.equal(w.start, 40);
  assert.deepEqual(rowWindow({ scrollTop: 0, viewportHeight: 320, rowHeight: 32, count: 0 }), { start: 0, end: 0, offset: 0, totalHeight: 0 });
});

test('near the end, rows inserted above keep the reader in place, rows come into view', () => {
  assert.equal(nearEnd({ start: 0, end: 90, offset: 0, totalHeight: 0 }, 100, 20), true);
  assert.equal(nearEnd({ start: 0, end: 50, offset: 0, totalHeight: 0 }, 100, 20), false);
  assert.equal(anchoredScrollTop(0, 3, 32), 0, 'at the top, new rows simply show');
  assert.equal(anchoredScrollTop(640, 3, 32), 736);
  assert.equal(scrollToReveal(2, 0, 320, 32), null);
  assert.equal(scrollToReveal(20, 0, 320, 32), 21 * 32 - 320);
  assert.equal(scrollToReveal(1, 100, 320, 32), 32);
});
