// The Kubernetes e2e "Container Runtime … should run with the expected status" as a pure
// sequence: a container exits 1 on its first run, 0 on its second, then runs forever. The pod
// worker loop is simulated with nextActions, the back-off table and a fake clock, and the final
// status comes from generatePodStatus.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodRestartPolicy, PodStatus } from '../../../src-main/model';
import { BackOffTable, backOffKey, crashLoopMessage } from '../../../src-main/kubelet/restart/backoff';
import { nextActions } from '../../../src-main/kubelet/restart/next-actions';
import type { ObservedContainer, WaitingOverride } from '../../../src-main/kubelet/status/observed';
import { generatePodStatus } from '../../../src-main/kubelet/status/pod-status';
import { container, podSpec, T0 } from '../status/fixtures';

const UID = 'uid-1';
const POD = 'restart-demo_default(uid-1)';
const RUN_MS = 2000;

interface Run {
  status: PodStatus;
  starts: number[];
  crashLoopMessages: string[];
}

/** exit 1, then exit 0, then run: `f=/restart-count/restartCount; …` in test/e2e/common/node/runtime.go. */
const exitCodeOfRun = (attempt: number): number | null => (attempt === 0 ? 1 : attempt === 1 ? 0 : null);

function simulate(policy: PodRestartPolicy): Run {
  const spec = podSpec(policy, [container('terminate-cmd')]);
  const backOff = new BackOffTable();
  const observed: ObservedContainer[] = [];
  const starts: number[] = [];
  const crashLoopMessages: string[] = [];
  let now = T0;
  let done = false;
  let previous: PodStatus | undefined;

  for (let step = 0; step < 200 && !done; step++) {
    // The engine reports exits that happened by now.
    for (const [i, c] of observed.entries()) {
      const code = exitCodeOfRun(c.attempt);
      if (c.state === 'running' && code !== null && (c.startedAt ?? 0) + RUN_MS <= now) {
        observed[i] = { ...c, state: 'exited', exitCode: code, finishedAt: (c.startedAt ?? 0) + RUN_MS };
      }
    }
    const actions = nextActions({ spec, podUid: UID, podFullName: POD, observed, backOff, now });
    const waiting: Record<string, WaitingOverride> = {};
    for (const wait of actions.backoff) {
      waiting[wait.name] = { reason: 'CrashLoopBackOff', message: wait.message };
      crashLoopMessages.push(wait.message);
    }
    for (const name of actions.start) {
      const history = observed.filter((c) => c.name === name);
      const lastExit = history.filter((c) => c.state === 'exited').at(-1);
      if (lastExit) backOff.next(backOffKey(UID, name), lastExit.finishedAt ?? now, now);
      observed.push({
        name,
        kind: 'app',
        attempt: history.length,
        engineId: `id${history.length}`,
        state: 'running',
        createdAt: now,
        startedAt: now,
      });
      starts.push(now - T0);
    }
    done = actions.podDone;
    previous = generatePodStatus({
      spec,
      observed: { engine: 'docker', containers: observed, waiting },
      now,
      previous,
      sandboxReady: true,
      startTime: T0,
      podIsTerminal: done,
    });
    // Stop once the container runs for good.
    if (observed.some((c) => c.state === 'running' && exitCodeOfRun(c.attempt) === null)) break;
    now += 1000;
  }
  assert.ok(previous);
  return { status: previous, starts, crashLoopMessages };
}

describe('restart policy should run with the expected status', () => {
  test('Always: Running, restartCount 2, running and ready; the second restart waited 10 s', () => {
    const { status, starts, crashLoopMessages } = simulate('Always');
    assert.equal(status.phase, 'Running');
    const main = status.containerStatuses[0]!;
    assert.equal(main.restartCount, 2);
    assert.ok(main.state.running);
    assert.equal(main.ready, true);
    assert.equal(main.lastState.terminated?.reason, 'Completed');
    assert.equal(main.lastState.terminated?.exitCode, 0);
    // start, immediate restart after the exit at 2 s, then 10 s back-off after the exit at 4 s.
    assert.deepEqual(starts, [0, 2000, 14_000]);
    assert.equal(crashLoopMessages[0], crashLoopMessage(10_000, 'terminate-cmd', POD));
    assert.equal(status.conditions.find((c) => c.type === 'Ready')?.status, 'True');
  });

  test('OnFailure: Succeeded, restartCount 1, terminated Completed', () => {
    const { status, starts } = simulate('OnFailure');
    assert.equal(status.phase, 'Succeeded');
    const main = status.containerStatuses[0]!;
    assert.equal(main.restartCount, 1);
    assert.equal(main.state.terminated?.reason, 'Completed');
    assert.equal(main.lastState.terminated?.reason, 'Error');
    assert.equal(main.lastState.terminated?.exitCode, 1);
    assert.deepEqual(starts, [0, 2000]);
    assert.deepEqual(
      status.conditions.find((c) => c.type === 'Ready'),
      { type: 'Ready', status: 'False', reason: 'PodCompleted', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:04Z' },
    );
  });

  test('Never: Failed, restartCount 0, terminated Error with exit code 1', () => {
    const { status, starts } = simulate('Never');
    assert.equal(status.phase, 'Failed');
    const main = status.containerStatuses[0]!;
    assert.equal(main.restartCount, 0);
    assert.equal(main.state.terminated?.reason, 'Error');
    assert.equal(main.state.terminated?.exitCode, 1);
    assert.deepEqual(main.lastState, {});
    assert.deepEqual(starts, [0]);
    assert.equal(status.conditions.find((c) => c.type === 'ContainersReady')?.reason, 'PodFailed');
  });
});
