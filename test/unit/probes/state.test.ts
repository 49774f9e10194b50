// The probe state machine with a fake clock: initial delay, period, thresholds, startup gating,
// events and the kill decision.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContainerProbeState } from '../../../src-main/kubelet/probes/state';
import type { ProbeType } from '../../../src-main/kubelet/probes/state';
import type { ProbeOutcome } from '../../../src-main/kubelet/probes/types';
import type { Probe } from '../../../src-main/model';

const T0 = 1_700_000_000_000;
const probe = (over: Partial<Probe> = {}): Probe => ({
  exec: { command: ['true'] },
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  ...over,
});
const ok: ProbeOutcome = { result: 'success', output: '' };
const bad = (output = 'boom'): ProbeOutcome => ({ result: 'failure', output });

/** Runs the machine second by second up to `until` (s), answering each due probe with `answer`. */
function drive(state: ContainerProbeState, until: number, answer: (type: ProbeType, t: number) => ProbeOutcome, from = 0) {
  const log: Array<{ t: number; type: ProbeType; events: string[]; kill?: string }> = [];
  for (let t = from; t <= until; t++) {
    for (const type of state.due(T0 + t * 1000)) {
      const step = state.record(type, answer(type, t));
      log.push({
        t,
        type,
        events: [step.unhealthyEvent?.message, step.warningEvent?.message].filter((m): m is string => m !== undefined),
        ...(step.killMessage ? { kill: step.killMessage } : {}),
      });
    }
  }
  return log;
}

describe('ContainerProbeState', () => {
  test('no probes: started and ready at once, nothing due', () => {
    const s = new ContainerProbeState({ name: 'main' }, T0, true);
    assert.deepEqual(s.status, { ready: true, started: true, shouldKill: false });
    assert.deepEqual(s.due(T0 + 60_000), []);
    assert.equal(s.nextTickAt(), undefined);
  });

  test('readiness: not ready until it succeeds; initialDelaySeconds skips ticks; period spaces runs', () => {
    const s = new ContainerProbeState({ name: 'main', readinessProbe: probe({ initialDelaySeconds: 15, periodSeconds: 10 }) }, T0, true);
    assert.equal(s.status.ready, false, 'readiness starts as failure');
    const log = drive(s, 40, () => ok);
    assert.deepEqual(log.map((l) => l.t), [20, 30, 40], 'ticks at 0 and 10 fall inside the 15 s delay');
    assert.equal(s.status.ready, true);
  });

  test('readiness flips only after failureThreshold / successThreshold results in a row', () => {
    const s = new ContainerProbeState({ name: 'main', readinessProbe: probe({ periodSeconds: 1, failureThreshold: 3, successThreshold: 2 }) }, T0, true);
    const answers: ProbeOutcome[] = [ok, ok, bad(), bad(), ok, bad(), bad(), bad(), ok, ok];
    const readiness: boolean[] = [];
    answers.forEach((answer, i) => {
      assert.deepEqual(s.due(T0 + i * 1000), ['Readiness']);
      readiness.push(s.record('Readiness', answer).ready);
    });
    assert.deepEqual(readiness, [false, true, true, true, true, true, true, false, false, true]);
  });

  test('every failed run is an Unhealthy event, the kill comes at the threshold, then probing stops', () => {
    const s = new ContainerProbeState({ name: 'main', livenessProbe: probe({ periodSeconds: 5, failureThreshold: 2 }) }, T0, true);
    const log = drive(s, 60, () => bad('HTTP probe failed with statuscode: 500'));
    assert.deepEqual(log, [
      { t: 0, type: 'Liveness', events: ['Liveness probe failed: HTTP probe failed with statuscode: 500'] },
      {
        t: 5,
        type: 'Liveness',
        events: ['Liveness probe failed: HTTP probe failed with statuscode: 500'],
        kill: 'Container main failed liveness probe, will be restarted',
      },
    ]);
    assert.deepEqual(s.status, { ready: true, started: true, shouldKill: true, killMessage: 'Container main failed liveness probe, will be restarted' });
    assert.equal(s.nextTickAt(), undefined, 'on hold until a new container');
  });

  test('restartPolicy Never: the kill message does not promise a restart', () => {
    const s = new ContainerProbeState({ name: 'web', livenessProbe: probe({ failureThreshold: 1 }) }, T0, false);
    s.due(T0);
    assert.equal(s.record('Liveness', bad()).killMessage, 'Container web failed liveness probe');
  });

  test('the startup probe gates liveness and readiness, then stops', () => {
    const s = new ContainerProbeState(
      { name: 'main', startupProbe: probe({ periodSeconds: 2, failureThreshold: 10 }), livenessProbe: probe({ periodSeconds: 3 }), readinessProbe: probe({ periodSeconds: 3 }) },
      T0,
      true,
    );
    assert.deepEqual(s.status, { ready: false, started: false, shouldKill: false });
    const log = drive(s, 9, (type, t) => (type === 'Startup' && t < 4 ? bad('not yet') : ok));
    assert.deepEqual(
      log.map((l) => `${l.t}:${l.type}`),
      ['0:Startup', '2:Startup', '4:Startup', '6:Liveness', '6:Readiness', '9:Liveness', '9:Readiness'],
    );
    assert.deepEqual(s.status, { ready: true, started: true, shouldKill: false });
  });

  test('a startup probe that keeps failing kills the container', () => {
    const s = new ContainerProbeState({ name: 'main', startupProbe: probe({ periodSeconds: 1, failureThreshold: 3 }) }, T0, true);
    const log = drive(s, 10, () => bad('connection refused'));
    assert.equal(log.length, 3);
    assert.equal(log[2]?.kill, 'Container main failed startup probe, will be restarted');
    assert.equal(log[0]?.events[0], 'Startup probe failed: connection refused');
    assert.equal(s.status.started, false);
  });

  test('an errored probe is reported but thrown away; a warning is a success with a ProbeWarning', () => {
    const s = new ContainerProbeState({ name: 'main', readinessProbe: probe({ periodSeconds: 1 }) }, T0, true);
    s.due(T0);
    const errored = s.record('Readiness', { result: 'unknown', output: '', error: 'port "web" not found' });
    assert.equal(errored.unhealthyEvent?.message, 'Readiness probe errored and resulted in unknown state: port "web" not found');
    assert.equal(errored.ready, false);
    s.due(T0 + 1000);
    const warned = s.record('Readiness', { result: 'success', warning: true, output: 'Probe terminated redirects, Response body: ' });
    assert.deepEqual(warned.warningEvent, { type: 'Warning', reason: 'ProbeWarning', message: 'Readiness probe warning: Probe terminated redirects, Response body: ' });
    assert.equal(warned.ready, true);
  });
});
