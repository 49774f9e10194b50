import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store, HOOK_OUTPUT_MAX_BYTES } from '../../../src-main/store/index';
import type { HookRunStart } from '../../../src-main/store/index';
import { tempDir, tempStore } from './helpers';

function start(over: Partial<HookRunStart> = {}): HookRunStart {
  return {
    podUid: 'uid-web',
    namespace: 'default',
    podName: 'web',
    container: 'main',
    containerId: 'c1',
    hook: 'PostStart',
    handler: 'exec',
    startedAt: 1000,
    ...over,
  };
}

describe('hook runs', () => {
  test('start and finish a run', () => {
    const { store, done } = tempStore();
    try {
      const run = store.startHookRun(start());
      // What it was started with, the first attempt, nothing finished yet.
      assert.deepEqual(run, {
        id: run.id,
        ...start(),
        attempt: 1,
        finishedAt: null,
        exitCode: null,
        httpStatus: null,
        output: '',
        error: null,
      });
      const fin = store.finishHookRun(run.id, { finishedAt: 1500, exitCode: 0, httpStatus: null, output: 'hello\n', error: null });
      assert.equal(fin.finishedAt, 1500);
      assert.equal(fin.exitCode, 0);
      assert.equal(fin.output, 'hello\n');
      assert.deepEqual(store.getHookRun(run.id), fin);
      assert.deepEqual(store.listHookRuns('uid-web'), [fin]);

      const http = store.startHookRun(start({ hook: 'PreStop', handler: 'httpGet', startedAt: 2000 }));
      const httpFin = store.finishHookRun(http.id, { finishedAt: 2100, httpStatus: 503, output: 'unavailable', error: 'HTTP 503' });
      assert.equal(httpFin.httpStatus, 503);
      assert.equal(httpFin.exitCode, null);
      assert.equal(httpFin.error, 'HTTP 503');

      assert.throws(() => store.finishHookRun(999_999, { finishedAt: 1 }), /no hook run with id 999999/);
    } finally {
      done();
    }
  });

  test('attempt = 1 + earlier runs of the same pod uid, container, hook and containerId', () => {
    const { store, done } = tempStore();
    try {
      assert.equal(store.startHookRun(start()).attempt, 1);
      assert.equal(store.startHookRun(start()).attempt, 2);
      assert.equal(store.startHookRun(start()).attempt, 3);
      assert.equal(store.startHookRun(start({ hook: 'PreStop' })).attempt, 1);
      assert.equal(store.startHookRun(start({ container: 'sidecar' })).attempt, 1);
      assert.equal(store.startHookRun(start({ containerId: 'c2' })).attempt, 1, 'a restarted container is a new delivery');
      assert.equal(store.startHookRun(start({ podUid: 'uid-other' })).attempt, 1);
      assert.equal(store.startHookRun(start({ containerId: null })).attempt, 1);
      assert.equal(store.startHookRun(start({ containerId: null })).attempt, 2, 'null containerIds match each other');
      assert.deepEqual(
        store.listHookRuns('uid-web').map((r) => [r.container, r.containerId, r.hook, r.attempt]),
        [
          ['main', 'c1', 'PostStart', 1],
          ['main', 'c1', 'PostStart', 2],
          ['main', 'c1', 'PostStart', 3],
          ['main', 'c1', 'PreStop', 1],
          ['sidecar', 'c1', 'PostStart', 1],
          ['main', 'c2', 'PostStart', 1],
          ['main', null, 'PostStart', 1],
          ['main', null, 'PostStart', 2],
        ],
      );
      assert.deepEqual(store.listHookRuns('nobody'), []);
    } finally {
      done();
    }
  });

  test('unfinished runs survive a reopen; a re-delivered run supersedes the interrupted one', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'h.db');
      const s1 = Store.open(file);
      const done1 = s1.startHookRun(start({ container: 'a' }));
      s1.finishHookRun(done1.id, { finishedAt: 5, exitCode: 0 });
      const open1 = s1.startHookRun(start({ container: 'b' }));
      const open2 = s1.startHookRun(start({ container: 'c', hook: 'PreStop' }));
      s1.close();

      const s2 = Store.open(file);
      assert.deepEqual(s2.unfinishedHookRuns().map((r) => r.id), [open1.id, open2.id]);
      // Re-deliver b: attempt 2. The interrupted attempt 1 is no longer a candidate.
      const retry = s2.startHookRun(start({ container: 'b', startedAt: 9000 }));
      assert.equal(retry.attempt, 2);
      assert.deepEqual(s2.unfinishedHookRuns().map((r) => r.id), [open2.id, retry.id]);
      s2.finishHookRun(retry.id, { finishedAt: 9100, exitCode: 0 });
      s2.finishHookRun(open1.id, { finishedAt: 9100, error: 'interrupted' });
      assert.deepEqual(s2.unfinishedHookRuns().map((r) => r.id), [open2.id]);
      // History is kept after the pod is removed.
      s2.removePod('uid-web');
      assert.equal(s2.listHookRuns('uid-web').length, 4);
      s2.close();
    } finally {
      cleanup();
    }
  });

  test('output is truncated to 10 KiB without splitting characters', () => {
    const { store, done } = tempStore();
    try {
      const run = store.startHookRun(start());
      const big = 'é'.repeat(HOOK_OUTPUT_MAX_BYTES); // 2 bytes each → 20 KiB
      const fin = store.finishHookRun(run.id, { finishedAt: 2, output: big });
      assert.equal(Buffer.byteLength(fin.output, 'utf8'), HOOK_OUTPUT_MAX_BYTES);
      assert.equal(fin.output, 'é'.repeat(HOOK_OUTPUT_MAX_BYTES / 2));

      const run2 = store.startHookRun(start());
      const odd = `x${'€'.repeat(5000)}`; // 1 + 3*5000 bytes; 10240 - 1 = 10239 = 3*3413
      const fin2 = store.finishHookRun(run2.id, { finishedAt: 2, output: odd });
      assert.equal(fin2.output, `x${'€'.repeat(3413)}`);
      assert.ok(!fin2.output.includes('\ufffd'));
    } finally {
      done();
    }
  });
});
