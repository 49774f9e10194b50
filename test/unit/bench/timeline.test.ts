import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimedRequest } from '../../bench/lib/counting-proxy';
import { groupOf, summarizeCpuProfile } from '../../bench/lib/cpu-profile';
import { idleMs, roleOfName, stepOf, stepsOf, summarizeSteps } from '../../bench/lib/timeline';

const request = (method: string, path: string, start: number, end?: number, extra: Partial<TimedRequest> = {}): TimedRequest => ({
  kind: 'other-read',
  method,
  path,
  start,
  ...(end !== undefined ? { end } : {}),
  ...extra,
});

describe('profile timeline', () => {
  test('roles from Berth\'s and the floor\'s names', () => {
    assert.equal(roleOfName('berth_ns_web_1a2b3c4d_sandbox_1733230000000'), 'sandbox');
    assert.equal(roleOfName('floor-x-1-0-sandbox'), 'sandbox');
    assert.equal(roleOfName('berth_ns_web_1a2b3c4d_c0_0'), 'container');
  });

  test('requests are named by the step they are', () => {
    const roles = new Map([['abc', 'sandbox' as const]]);
    assert.equal(stepOf(request('POST', '/containers/create', 0, 1, { name: 'p-sandbox' }), roles), 'sandbox create');
    assert.equal(stepOf(request('POST', '/containers/abc/start', 0), roles), 'sandbox start');
    assert.equal(stepOf(request('GET', '/containers/def/json', 0), roles), 'container? inspect');
    assert.equal(stepOf(request('DELETE', '/containers/abc', 0), roles), 'sandbox remove');
    assert.equal(stepOf(request('GET', '/networks/berth-ns', 0), roles), 'network inspect');
    assert.equal(stepOf(request('POST', '/networks/create', 0), roles), 'network create');
    assert.equal(stepOf(request('GET', '/images/local/pause:1/json', 0), roles), 'image inspect');
  });

  test('steps summed over samples, in the order they first began', () => {
    const roles = new Map<string, 'sandbox' | 'container'>();
    const a = stepsOf([request('GET', '/networks/n', 0, 2), request('POST', '/networks/create', 2, 12)], roles);
    const b = stepsOf([request('GET', '/networks/n', 1, 5), request('POST', '/networks/create', 5, 25)], roles);
    assert.deepEqual(summarizeSteps([a, b]).map((s) => [s.step, s.count, s.medianMs, s.totalMs]), [
      ['network inspect', 1, 3, 3],
      ['network create', 1, 15, 15],
    ]);
  });

  test('idle time: what no request covered, overlaps counted once', () => {
    assert.equal(idleMs([{ step: 'a', start: 10, ms: 10 }, { step: 'b', start: 15, ms: 10 }, { step: 'open', start: 30 }], 40), 25);
  });

  test('CPU profile self time by group and function', () => {
    assert.equal(groupOf('file:///w/node_modules/dockerode/lib/x.js', 'f'), 'node_modules/dockerode');
    assert.equal(groupOf('file:///w/src-main/kubelet/pod/observer.ts', 'f'), 'src-main/kubelet');
    assert.equal(groupOf('', '(garbage collector)'), '(garbage collector)');
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: { functionName: 'observe', url: 'file:///w/src-main/kubelet/pod/observer.ts', lineNumber: 9 } },
      ],
      samples: [1, 2, 2],
      timeDeltas: [1000, 2000, 3000],
    };
    const { byGroup, byFunction } = summarizeCpuProfile([profile]);
    assert.deepEqual(byGroup, [['src-main/kubelet', 5], ['(idle)', 1]]);
    assert.equal(byFunction[0]![0], 'observe pod/observer.ts:10');
  });
});
