import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, HookRun, PullProgressUpdate } from '../../../src-main/model';
import type { ContainerView } from '../../../src-renderer/src/lib/containers';
import { mergeHookRuns, upsertHookRun } from '../../../src-renderer/src/lib/hook-runs';
import { appendLog, atBottom, emptyLog, logInstanceKey, logSource } from '../../../src-renderer/src/lib/logs';
import { PULL_STALE_MS, activePulls, applyPull, noPulls, podPullPercent, pullSummary, pullsOfPod } from '../../../src-renderer/src/lib/pull-progress';

function view(status: Partial<ContainerStatus> | undefined): ContainerView {
  return {
    name: 'main',
    kind: 'app',
    spec: { name: 'main', image: 'busybox' },
    status: status && { name: 'main', state: {}, lastState: {}, ready: false, started: false, restartCount: 0, image: 'busybox', imageID: '', ...status },
  };
}

describe('logs', () => {
  test('chunks append; past the limit the oldest whole lines go', () => {
    let log = appendLog(emptyLog, 'a\nb\n', 3);
    log = appendLog(log, 'c\nd', 3);
    assert.deepEqual(log, { text: 'a\nb\nc\nd', lines: 3 });
    log = appendLog(log, '\ne\n', 3);
    assert.deepEqual(log, { text: 'c\nd\ne\n', lines: 3 });
    assert.equal(appendLog(log, ''), log);
  });

  test('a container not created yet is waiting; one that never restarted has no previous instance', () => {
    assert.deepEqual(logSource(view({ state: { waiting: { reason: 'ContainerCreating' } } }), false), {
      kind: 'waiting',
      message: 'Container main is waiting to start (ContainerCreating).',
    });
    assert.equal(logSource(view(undefined), false).kind, 'waiting');
    assert.equal(logSource(view({ state: { running: { startedAt: 'x' } }, containerID: 'docker://1' }), true).kind, 'no-previous');
    assert.deepEqual(logSource(view({ state: { running: { startedAt: 'x' } }, containerID: 'docker://1' }), false), { kind: 'ready', note: null });
  });

  test('a crash-looping container shows its last run, and has a previous instance', () => {
    const crashing = view({ state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } }, restartCount: 2 });
    const source = logSource(crashing, false);
    assert.equal(source.kind, 'ready');
    assert.match((source as { note: string }).note, /waiting to start again \(CrashLoopBackOff\)/);
    assert.deepEqual(logSource(crashing, true), { kind: 'ready', note: null });
  });

  test('a restart is a new instance (a new subscription)', () => {
    const first = logInstanceKey(view({ containerID: 'docker://1', restartCount: 0 }), false);
    const second = logInstanceKey(view({ containerID: 'docker://2', restartCount: 1 }), false);
    assert.notEqual(first, second);
    assert.equal(first, logInstanceKey(view({ containerID: 'docker://1', restartCount: 0, ready: true }), false));
  });

  test('follow while the end is in view', () => {
    assert.equal(atBottom({ scrollTop: 780, clientHeight: 200, scrollHeight: 1000 }), true);
    assert.equal(atBottom({ scrollTop: 500, clientHeight: 200, scrollHeight: 1000 }), false);
  });
});

describe('hook runs live', () => {
  const run = (partial: Partial<HookRun>): HookRun => ({
    id: 1, podUid: 'u', namespace: 'default', podName: 'p', container: 'main', containerId: 'c', hook: 'PostStart', handler: 'exec',
    attempt: 1, startedAt: 100, finishedAt: null, exitCode: null, httpStatus: null, output: '', error: null, ...partial,
  });

  test('a start is added in order; its finish replaces it; a late start never undoes a finish', () => {
    let runs = upsertHookRun([], run({ id: 2, startedAt: 200 }));
    runs = upsertHookRun(runs, run({ id: 1, startedAt: 100 }));
    assert.deepEqual(runs.map((r) => r.id), [1, 2]);
    runs = upsertHookRun(runs, run({ id: 2, startedAt: 200, finishedAt: 300, exitCode: 0, output: 'started-hook\n' }));
    assert.equal(runs[1]!.output, 'started-hook\n');
    assert.equal(upsertHookRun(runs, run({ id: 2, startedAt: 200 })), runs);
  });

  test('a snapshot merged with what was pushed while it loaded', () => {
    const merged = mergeHookRuns([run({ id: 1 })], [run({ id: 1, finishedAt: 150, exitCode: 0 }), run({ id: 3, startedAt: 400 })]);
    assert.deepEqual(merged.map((r) => [r.id, r.finishedAt]), [[1, 150], [3, null]]);
  });
});

describe('pull progress', () => {
  const update = (partial: Partial<PullProgressUpdate>): PullProgressUpdate => ({
    podUid: 'u1', namespace: 'default', podName: 'web', container: 'main', image: 'nginx:1', percent: 10, layers: [], ...partial,
  });

  test('updates replace per container; 100 % removes it; stale pulls drop out', () => {
    let pulls = applyPull(noPulls, update({ percent: 10 }), 1_000);
    pulls = applyPull(pulls, update({ container: 'side', percent: 50 }), 1_000);
    pulls = applyPull(pulls, update({ percent: 40 }), 2_000);
    assert.deepEqual(activePulls(pulls, 2_000).map((p) => [p.update.container, p.update.percent]), [['main', 40], ['side', 50]]);
    assert.equal(podPullPercent(pullsOfPod(pulls, 'u1', 2_000)), 45);
    assert.deepEqual(pullsOfPod(pulls, 'other', 2_000), []);
    pulls = applyPull(pulls, update({ percent: 100 }), 3_000);
    assert.deepEqual(activePulls(pulls, 3_000).map((p) => p.update.container), ['side']);
    assert.deepEqual(activePulls(pulls, 1_000 + PULL_STALE_MS), []);
  });

  test('the summary: percent and layers done', () => {
    const layers = [
      { id: 'a', status: 'Pull complete' },
      { id: 'b', status: 'Downloading', current: 5, total: 10 },
      { id: 'c', status: 'Already exists' },
    ];
    assert.deepEqual(pullSummary(update({ percent: 63.4, layers })), { percent: 63, layers: 3, layersDone: 2, layerText: '2 of 3 layers' });
    assert.equal(pullSummary(update({ percent: null })).layerText, 'resolving layers');
    assert.equal(podPullPercent([]), null);
  });
});

test('a pull ends when the core says it is done, also when it failed', async () => {
  const { applyPull, noPulls } = await import('../../../src-renderer/src/lib/pull-progress');
  const update = { podUid: 'u', namespace: 'default', podName: 'web', container: 'main', image: 'x:1', percent: 40, layers: [] };
  const going = applyPull(noPulls, update, 1);
  assert.equal(going.size, 1);
  assert.equal(applyPull(going, { ...update, percent: null, done: true, error: 'unauthorized' }, 2).size, 0);
});
