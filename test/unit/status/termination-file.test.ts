// The termination-message file belongs to the container, which may fill it with gigabytes: only
// its last 4096 bytes are read (the kubelet's tail.ReadAtMost), in time and memory that do not
// depend on its size.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, openSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readFileTail } from '../../../src-main/kubelet/pod/read-file-tail';
import { MAX_TERMINATION_MESSAGE_BYTES, terminationMessage } from '../../../src-main/kubelet/status/termination-message';
import { makeTempDir } from '../../support/temp';

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

describe('reading the termination-message file', () => {
  const dir = makeTempDir();
  after(() => dir.remove());

  test('a 4 GiB file: its last 4096 bytes, read at once, memory flat', () => {
    const path = join(dir.path, 'termination-log');
    const fd = openSync(path, 'w');
    const tail = `${'m'.repeat(MAX_TERMINATION_MESSAGE_BYTES - 4)}done`;
    writeSync(fd, tail, 4 * GB); // sparse: 4 GiB of holes, then the message
    closeSync(fd);
    const before = process.memoryUsage();
    const started = Date.now();
    const bytes = readFileTail(path, MAX_TERMINATION_MESSAGE_BYTES);
    const ms = Date.now() - started;
    const grew = (process.memoryUsage().rss - before.rss) / MB;
    assert.equal(bytes?.length, MAX_TERMINATION_MESSAGE_BYTES);
    assert.equal(terminationMessage({ policy: 'File', exitCode: 1, fileContents: bytes }), tail);
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.ok(grew < 32, `RSS grew ${grew.toFixed(1)} MiB`);
  });

  test('a short file whole; no file, or a folder, is no message', () => {
    const path = join(dir.path, 'short');
    const fd = openSync(path, 'w');
    writeSync(fd, 'bye');
    closeSync(fd);
    assert.equal(readFileTail(path, 4096)?.toString(), 'bye');
    assert.equal(readFileTail(join(dir.path, 'missing'), 4096), null);
    mkdirSync(join(dir.path, 'folder'));
    assert.equal(readFileTail(join(dir.path, 'folder'), 4096), null);
    symlinkSync(path, join(dir.path, 'link'));
    assert.equal(readFileTail(join(dir.path, 'link'), 2)?.toString(), 'ye');
  });
});
