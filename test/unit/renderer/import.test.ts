import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src-main/model';
import { formatDiagnostic, markedLines, offsetOf } from '../../../src-renderer/src/lib/diagnostics';
import { BerthError, toBerthError, withBerthErrors } from '../../../src-renderer/src/lib/errors';
import { startLive } from '../../../src-renderer/src/lib/live';
import type { BerthApi } from '../../../src-main/api/contract';

const d = (line: number, severity: Diagnostic['severity'], path = 'spec.containers[0].image'): Diagnostic => ({
  severity,
  file: 'pod.yaml',
  line,
  column: 7,
  path,
  message: 'Required value',
});

describe('diagnostics', () => {
  test('formatted as file:line:col path: message', () => {
    assert.equal(formatDiagnostic(d(4, 'error')), 'pod.yaml:4:7 spec.containers[0].image: Required value');
    assert.equal(formatDiagnostic(d(1, 'error', '')), 'pod.yaml:1:7: Required value');
  });

  test('a line shows its worst problem', () => {
    const marks = markedLines([d(2, 'warning'), d(2, 'error'), d(3, 'warning'), d(5, 'error'), d(5, 'warning')]);
    assert.deepEqual([...marks], [[2, 'error'], [3, 'warning'], [5, 'error']]);
  });

  test('line and column to a text offset, clamped', () => {
    const text = 'ab\ncdef\n\ng';
    assert.equal(offsetOf(text, 1, 1), 0);
    assert.equal(offsetOf(text, 2, 3), 5);
    assert.equal(offsetOf(text, 2, 99), 7);
    assert.equal(offsetOf(text, 4, 1), 9);
    assert.equal(offsetOf(text, 40, 1), text.length);
  });
});

describe('renderer errors', () => {
  test('error data from the preload becomes a BerthError with code and diagnostics', () => {
    const error = toBerthError({ name: 'ApiError', code: 'Invalid', message: 'bad', diagnostics: [d(1, 'error')] });
    assert.ok(error instanceof BerthError && error instanceof Error);
    assert.equal(error.code, 'Invalid');
    assert.equal(error.diagnostics.length, 1);
    assert.equal(toBerthError(new Error('boom')).code, 'Internal');
    assert.equal(toBerthError('boom').message, 'boom');
  });

  test('the wrapped API rejects with BerthError and leaves subscribe alone', async () => {
    const subscribe = () => () => {};
    const raw = {
      listPods: async () => {
        throw { name: 'ApiError', code: 'NotConnected', message: 'no core' };
      },
      subscribe,
    } as unknown as BerthApi;
    const api = withBerthErrors(raw);
    await assert.rejects(api.listPods({}), (e: unknown) => e instanceof BerthError && e.code === 'NotConnected');
    assert.equal(api.subscribe, subscribe);
  });
});

describe('live lists', () => {
  test('pushes that arrive before the snapshot are applied on top of it, none lost', async () => {
    let listener: (push: number) => void = () => {};
    let resolveLoad: (state: number[]) => void = () => {};
    const states: number[][] = [];
    let stoppedUpstream = false;
    const stop = startLive<number[], number>(
      {
        subscribe: (l) => {
          listener = l;
          return () => (stoppedUpstream = true);
        },
        load: () => new Promise((resolve) => (resolveLoad = resolve)),
        apply: (state, push) => [...state, push],
      },
      { set: (s) => states.push(s), fail: () => assert.fail('no failure expected') },
    );
    listener(3);
    resolveLoad([1, 2]);
    await new Promise((r) => setImmediate(r));
    listener(4);
    assert.deepEqual(states, [[1, 2, 3], [1, 2, 3, 4]]);
    stop();
    listener(5);
    assert.equal(states.length, 2);
    assert.ok(stoppedUpstream);
  });
});
