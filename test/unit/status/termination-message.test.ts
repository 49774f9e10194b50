import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { terminationMessage } from '../../../src-main/kubelet/status/termination-message';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join('');

describe('termination messages', () => {
  test('File: the file contents, keeping the last 4096 bytes', () => {
    assert.equal(terminationMessage({ policy: 'File', exitCode: 0, fileContents: 'all done' }), 'all done');
    const big = 'a'.repeat(100) + 'b'.repeat(4096);
    const message = terminationMessage({ policy: 'File', exitCode: 1, fileContents: big });
    assert.equal(message, 'b'.repeat(4096));
  });

  test('File never falls back to logs', () => {
    assert.equal(terminationMessage({ policy: 'File', exitCode: 1, fileContents: '', logTail: 'boom\n' }), '');
  });

  test('FallbackToLogsOnError: a failed exit with an empty or missing file uses the last 80 lines', () => {
    const message = terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 2, fileContents: null, logTail: numbered(100) });
    assert.equal(message, numbered(100).split('\n').slice(20).join('\n'));
    assert.ok(message.startsWith('line 21\n'));
    assert.equal(message.split('\n').filter(Boolean).length, 80);
    const emptyFile = terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 2, fileContents: '', logTail: 'oops' });
    assert.equal(emptyFile, 'oops');
  });

  test('the fallback keeps the last 2048 bytes of those lines', () => {
    const long = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(97)}\n`).join(''); // 50 × 100 bytes
    const message = terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 1, logTail: long });
    assert.equal(Buffer.byteLength(message), 2048);
    assert.equal(message, long.slice(long.length - 2048));
    assert.ok(message.endsWith('49' + 'x'.repeat(97) + '\n'));
  });

  test('a non-empty file wins over the logs', () => {
    assert.equal(
      terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 1, fileContents: 'from file', logTail: 'from logs' }),
      'from file',
    );
  });

  test('a successful exit, or a start that failed, never falls back to logs', () => {
    assert.equal(terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 0, logTail: 'hello' }), '');
    assert.equal(terminationMessage({ policy: 'FallbackToLogsOnError', exitCode: 127, startFailed: true, logTail: 'x' }), '');
  });

  test('cuts never split a UTF-8 character', () => {
    const euros = '€'.repeat(1366); // 3 bytes each: 4098 bytes
    const message = terminationMessage({ policy: 'File', exitCode: 0, fileContents: euros });
    assert.equal(message, '€'.repeat(1365)); // 4095 bytes: the half character is dropped
    assert.ok(!message.includes('\uFFFD'));
    const bytes = Buffer.from('é'.repeat(2000), 'utf8'); // 4000 bytes as a Uint8Array
    assert.equal(terminationMessage({ policy: 'File', exitCode: 0, fileContents: bytes }), 'é'.repeat(2000));
  });
});
