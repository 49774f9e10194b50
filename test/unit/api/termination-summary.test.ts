import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminationSummary, type StopTimeline } from '../../../src-shared/termination-summary';

const base: StopTimeline = {
  reason: 'Delete',
  gracePeriodMs: 30_000,
  startedAt: 1000,
  preStopStartedAt: null,
  preStopFinishedAt: null,
  signal: null,
  signalAt: null,
  killAt: null,
  exitedAt: null,
  exitCode: null,
};

test('a graceful stop says how long it took and what ran', () => {
  const stop = { ...base, preStopStartedAt: 1000, preStopFinishedAt: 3000, signal: 'SIGTERM', signalAt: 3000, exitedAt: 4200, exitCode: 0 };
  assert.equal(terminationSummary(stop), 'stopped gracefully in 3.2 s (preStop 2.0 s, SIGTERM at +2.0 s)');
});

test('a kill says the grace period was spent', () => {
  const stop = { ...base, gracePeriodMs: 3000, preStopStartedAt: 1000, preStopFinishedAt: 4000, signal: 'SIGTERM', signalAt: 4000, killAt: 6000, exitedAt: 6050, exitCode: 137 };
  assert.equal(terminationSummary(stop), 'killed after the 3.0 s grace period, gone in 5.0 s (preStop 3.0 s, SIGTERM at +3.0 s, SIGKILL at +5.0 s)');
});

test('a stop in progress and one of a container that had exited', () => {
  assert.match(terminationSummary({ ...base, signal: 'SIGTERM', signalAt: 1010 }), /^stopping since 1970-01-01T00:00:01.000Z \(SIGTERM at \+0.0 s\)$/);
  assert.equal(terminationSummary({ ...base, exitedAt: 1005 }), 'had already exited');
});
