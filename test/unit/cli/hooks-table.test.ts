// `berth hooks`: the OUTCOME column says what happened to each run, by the rule the app uses too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hookRunTable } from '../../../src-main/cli/commands/hooks';
import type { HookRun } from '../../../src-main/model';
import { INTERRUPTED_RUN_ERROR } from '../../../src-shared/hook-outcome';

const T0 = Date.parse('2026-01-01T10:00:00Z');
function run(partial: Partial<HookRun>): HookRun {
  return {
    id: 1, podUid: 'u1', namespace: 'default', podName: 'web', container: 'main', containerId: 'c1', hook: 'PostStart', handler: 'exec',
    attempt: 1, startedAt: T0, finishedAt: T0 + 1_000, exitCode: null, httpStatus: null, output: '', error: null, ...partial,
  };
}

test('running, succeeded, failed and interrupted runs each get their word', () => {
  const table = hookRunTable([
    run({ error: INTERRUPTED_RUN_ERROR }),
    run({ attempt: 2, exitCode: 0 }),
    run({ hook: 'PreStop', handler: 'httpGet', httpStatus: 500, error: 'HTTP lifecycle hook (/stop) for Container "main" in Pod "web_default(u1)" failed - error: <nil>, message: ""' }),
    run({ hook: 'PreStop', finishedAt: null }),
  ]);
  const outcomes = table.trim().split('\n').slice(1).map((line) => line.split(/\s{2,}/)[6]);
  assert.deepEqual(outcomes, ['Interrupted', 'Succeeded', 'Failed', 'Running']);
});
