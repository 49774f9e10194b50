// The Logs tab's text is bounded in characters, not only lines: one endless line (no newline
// ever) from a hostile container must not grow the renderer's memory without end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendLog, emptyLog, LOG_MAX_CHARS } from '../../../src-renderer/src/lib/logs';

describe('appendLog: a character bound', () => {
  test('an endless line stays within LOG_MAX_CHARS, keeping its end', () => {
    const chunk = 'y'.repeat(64 * 1024);
    let log = emptyLog;
    const started = Date.now();
    for (let i = 0; i < 512; i++) log = appendLog(log, chunk); // 32 Mi characters pushed
    assert.ok(log.text.length <= LOG_MAX_CHARS, `kept ${log.text.length} characters`);
    assert.equal(log.lines, 0);
    assert.ok(Date.now() - started < 10_000);
  });

  test('past the limit the oldest whole lines go, and the line count follows', () => {
    let log = appendLog(emptyLog, 'aaaa\nbbbb\n', 100, 12);
    assert.deepEqual(log, { text: 'aaaa\nbbbb\n', lines: 2 });
    log = appendLog(log, 'cc\n', 100, 12);
    assert.deepEqual(log, { text: 'bbbb\ncc\n', lines: 2 });
    log = appendLog(log, 'z'.repeat(20), 100, 12);
    assert.deepEqual(log, { text: 'z'.repeat(12), lines: 0 });
  });
});
