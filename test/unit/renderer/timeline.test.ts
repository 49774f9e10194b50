import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { BerthEvent, ContainerStatus, ContainerStop, HookRun } from '../../../src-main/model';
import { containerTimeline, positionOf, refineSeconds } from '../../../src-renderer/src/lib/timeline';
import { hookRunOutcome as hookOutcome, INTERRUPTED_RUN_ERROR } from '../../../src-shared/hook-outcome';

const T0 = Date.parse('2026-01-01T10:00:00Z');
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

let nextId = 1;
function event(reason: string, at: number, options: Partial<BerthEvent> & { container?: string } = {}): BerthEvent {
  const { container = 'main', ...rest } = options;
  return {
    id: nextId++,
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', fieldPath: `spec.containers{${container}}` },
    type: 'Normal',
    reason,
    message: `${reason} message`,
    source: { component: 'kubelet', host: 'vm' },
    count: 1,
    firstTimestamp: at,
    lastTimestamp: at,
    resourceVersion: nextId,
    ...rest,
  };
}

function status(partial: Partial<ContainerStatus>): ContainerStatus {
  return { name: 'main', state: {}, lastState: {}, ready: false, started: false, restartCount: 0, image: 'busybox', imageID: '', ...partial };
}

function hookRun(partial: Partial<HookRun>): HookRun {
  return {
    id: 1, podUid: 'u1', namespace: 'default', podName: 'web', container: 'main', containerId: null, hook: 'PostStart', handler: 'exec',
    attempt: 1, startedAt: T0, finishedAt: null, exitCode: null, httpStatus: null, output: '', error: null, ...partial,
  };
}

function stopRow(partial: Partial<ContainerStop>): ContainerStop {
  return {
    id: 1, podUid: 'u1', namespace: 'default', podName: 'web', container: 'main', containerId: 'c1', reason: 'Delete', gracePeriodMs: 30_000,
    startedAt: T0, preStopStartedAt: null, preStopFinishedAt: null, signal: null, signalAt: null, killAt: null, exitedAt: null, exitCode: null,
    ...partial,
  };
}

const kinds = (steps: { kind: string }[]) => steps.map((s) => s.kind);

describe('container lifecycle timeline', () => {
  test('a running container: creating, then created/started and an open running span to now', () => {
    const events = [event('Pulled', T0 + 300), event('Created', T0 + 400), event('Started', T0 + 1_520), event('Started', T0 + 2_000, { container: 'other' })];
    const timeline = containerTimeline({
      container: 'main',
      status: status({ state: { running: { startedAt: iso(T0 + 1_520) } }, ready: true, started: true }),
      events,
      hookRuns: [],
      podCreatedAt: T0,
      stops: [],
      now: T0 + 10_000,
    });
    assert.deepEqual(kinds(timeline.steps), ['pulled', 'created', 'started']);
    const running = timeline.spans.find((s) => s.kind === 'running')!;
    assert.equal(running.from, T0 + 1_520, 'the status second is refined by the Started event');
    assert.equal(running.to, T0 + 10_000);
    assert.equal(running.open, true);
    const creating = timeline.spans.find((s) => s.kind === 'creating')!;
    assert.deepEqual([creating.from, creating.to, creating.open], [T0, T0 + 1_520, false]);
    assert.deepEqual([timeline.from, timeline.to], [T0, T0 + 10_000]);
  });

  test('a crash-looping container: the last run exited 1, back-off until now, repeated events show first and latest', () => {
    const timeline = containerTimeline({
      container: 'main',
      status: status({
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(T0 + 11_100), finishedAt: iso(T0 + 11_100) } },
        restartCount: 2,
      }),
      events: [event('Started', T0 + 1_000, { count: 3, lastTimestamp: T0 + 11_100 }), event('BackOff', T0 + 1_200, { type: 'Warning', count: 2, lastTimestamp: T0 + 11_200 })],
      hookRuns: [],
      podCreatedAt: T0,
      stops: [],
      now: T0 + 20_000,
    });
    const exited = timeline.steps.find((s) => s.kind === 'exited')!;
    assert.equal(exited.label, 'Exited (code 1)');
    assert.equal(exited.tone, 'bad');
    assert.equal(exited.at, T0 + 11_100, 'never before the run started');
    const backoff = timeline.spans.find((s) => s.kind === 'backoff')!;
    assert.deepEqual([backoff.from, backoff.to, backoff.open, backoff.label], [T0 + 11_100, T0 + 20_000, true, 'CrashLoopBackOff']);
    assert.equal(timeline.steps.filter((s) => s.kind === 'backoff').length, 2);
    assert.match(timeline.steps.find((s) => s.kind === 'started' && s.at === T0 + 11_100)!.label, /\(3 of 3\)/);
    assert.equal(timeline.spans.some((s) => s.kind === 'creating'), false, 'after a restart there is no creating span');
  });

  test('deletion: the run splits where the stop began; the signal and SIGKILL come from the stop row', () => {
    const base = {
      container: 'main',
      events: [event('Started', T0 + 1_000), event('Killing', T0 + 5_000)],
      hookRuns: [],
      podCreatedAt: T0,
    };
    const row = stopRow({ startedAt: T0 + 5_002, gracePeriodMs: 3_000, signal: 'SIGTERM', signalAt: T0 + 5_010 });
    const timeline = containerTimeline({ ...base, status: status({ state: { running: { startedAt: iso(T0 + 1_000) } } }), stops: [row], now: T0 + 7_000 });
    assert.deepEqual(
      timeline.spans.filter((s) => s.lane === 'state').map((s) => [s.kind, s.from, s.to]),
      [['running', T0 + 1_000, T0 + 5_002], ['stopping', T0 + 5_002, T0 + 7_000], ['creating', T0, T0 + 1_000]],
    );
    const signal = timeline.steps.find((s) => s.kind === 'stop-signal')!;
    assert.deepEqual([signal.at, signal.label], [T0 + 5_010, 'SIGTERM sent']);
    assert.equal(timeline.steps.find((s) => s.kind === 'stopping')!.label, 'Stopping', 'the Killing event is not the signal');
    const due = timeline.steps.find((s) => s.kind === 'sigkill-due')!;
    assert.equal(due.at, T0 + 8_010, 'signal + grace, ahead of now');
    assert.equal(timeline.to, T0 + 8_010, 'the bar reaches the deadline');
    assert.equal(timeline.steps.some((s) => s.kind === 'sigkill'), false);

    const killed = { ...row, killAt: T0 + 8_011, exitedAt: T0 + 8_040, exitCode: 137 };
    const after = containerTimeline({
      ...base,
      status: status({ state: { terminated: { exitCode: 137, reason: 'Error', startedAt: iso(T0 + 1_000), finishedAt: iso(T0 + 8_030) } } }),
      stops: [killed],
      now: T0 + 9_000,
    });
    assert.equal(after.steps.find((s) => s.kind === 'sigkill')!.at, T0 + 8_011);
    assert.equal(after.steps.some((s) => s.kind === 'sigkill-due'), false);
    const exits = after.steps.filter((s) => s.kind === 'exited');
    assert.deepEqual(exits.map((s) => [s.at, s.label]), [[T0 + 8_040, 'Exited (code 137)']], 'one exit, refined to the stop row');
  });

  test('a preStop from the stop row shows when no hook run does; an older stop keeps its exit', () => {
    const older = stopRow({ id: 1, reason: 'LivenessProbe', startedAt: T0 + 2_000, signal: 'SIGTERM', signalAt: T0 + 2_001, exitedAt: T0 + 2_200, exitCode: 143 });
    const current = stopRow({ id: 2, startedAt: T0 + 6_000, preStopStartedAt: T0 + 6_001 });
    const timeline = containerTimeline({
      container: 'main',
      status: status({ state: { running: { startedAt: iso(T0 + 3_000) } }, restartCount: 1 }),
      events: [],
      hookRuns: [],
      stops: [older, current],
      podCreatedAt: T0,
      now: T0 + 7_000,
    });
    const preStop = timeline.spans.find((s) => s.lane === 'hook')!;
    assert.deepEqual([preStop.from, preStop.to, preStop.open], [T0 + 6_001, T0 + 7_000, true]);
    assert.deepEqual(timeline.steps.filter((s) => s.kind === 'exited').map((s) => [s.at, s.label, s.detail]), [[T0 + 2_200, 'Exited (code 143)', 'liveness probe failed']]);
    assert.equal(timeline.steps.find((s) => s.kind === 'sigkill-due')!.at, T0 + 36_001, 'at the earliest: preStop start + 30 s');

    const withRun = containerTimeline({
      container: 'main',
      status: undefined,
      events: [],
      hookRuns: [hookRun({ hook: 'PreStop', handler: 'sleep', startedAt: T0 + 6_002 })],
      stops: [current],
      podCreatedAt: T0,
      now: T0 + 7_000,
    });
    assert.equal(withRun.spans.filter((s) => s.lane === 'hook').length, 1, 'the hook run is the preStop; not drawn twice');
  });

  test('no SIGKILL when the container exited within the grace period', () => {
    const timeline = containerTimeline({
      container: 'main',
      status: status({ state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(T0 + 1_000), finishedAt: iso(T0 + 6_000) } } }),
      events: [event('Started', T0 + 1_000), event('Killing', T0 + 5_000)],
      hookRuns: [],
      podCreatedAt: T0,
      stops: [],
      now: T0 + 9_000,
    });
    assert.equal(timeline.steps.some((s) => s.kind === 'sigkill'), false);
    assert.equal(timeline.to, T0 + 6_000, 'nothing open: the bar ends at the last thing that happened');
  });

  test('hook runs draw in their own lane with their outcome; a running hook stays open', () => {
    const runs = [
      hookRun({ startedAt: T0 + 1_100, finishedAt: T0 + 1_400, exitCode: 0 }),
      hookRun({ id: 2, hook: 'PreStop', handler: 'httpGet', startedAt: T0 + 5_000, finishedAt: null }),
      hookRun({ id: 3, container: 'other' }),
    ];
    const timeline = containerTimeline({ container: 'main', status: undefined, events: [], hookRuns: runs, podCreatedAt: T0, stops: [], now: T0 + 6_000 });
    const hooks = timeline.spans.filter((s) => s.lane === 'hook');
    assert.deepEqual(hooks.map((s) => [s.tone, s.open]), [['ok', false], ['progress', true]]);
    assert.deepEqual(timeline.steps.map((s) => s.label), ['postStart ok', 'preStop running']);
    assert.match(timeline.steps[0]!.detail!, /exec · 300 ms · exit code 0/);
  });

  test('hook outcomes', () => {
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, exitCode: 0 })), 'ok');
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, exitCode: 2 })), 'failed');
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, httpStatus: 503 })), 'failed');
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, httpStatus: 204 })), 'ok');
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, error: 'timeout' })), 'failed');
    assert.equal(hookOutcome(hookRun({})), 'running');
    assert.equal(hookOutcome(hookRun({ finishedAt: 1, error: INTERRUPTED_RUN_ERROR })), 'interrupted');
  });

  test('an interrupted run is neither a failure nor a success on the timeline', () => {
    const { steps } = containerTimeline({ container: 'main', status: undefined, events: [], hookRuns: [hookRun({ finishedAt: T0 + 2, error: INTERRUPTED_RUN_ERROR })], podCreatedAt: T0, stops: [], now: T0 + 6_000 });
    assert.deepEqual(steps.filter((s) => s.kind === 'postStart').map((s) => [s.label, s.tone]), [['postStart interrupted', 'warn']]);
  });

  test('times refine to the event millisecond and place on the bar in percent', () => {
    assert.equal(refineSeconds('2026-01-01T10:00:01Z', [T0 + 1_250]), T0 + 1_250);
    assert.equal(refineSeconds('2026-01-01T10:00:01Z', [T0 + 2_250]), T0 + 1_000);
    assert.equal(refineSeconds(undefined, []), null);
    assert.equal(positionOf(T0 + 50, { from: T0, to: T0 + 200 }), 25);
    assert.equal(positionOf(T0 + 500, { from: T0, to: T0 + 200 }), 100);
    assert.equal(positionOf(T0, { from: T0, to: T0 }), 0);
  });
});
