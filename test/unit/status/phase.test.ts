// Cases ported from kubelet_pods_test.go (TestPodPhaseWithRestartAlways*, …Never*, …OnFailure*).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContainerStatus, PodPhase, PodRestartPolicy } from '../../../src-main/model';
import { podPhase } from '../../../src-main/kubelet/status/phase';
import type { PhaseOptions } from '../../../src-main/kubelet/status/phase';
import { container, podSpec, sidecar } from './fixtures';

const base = (name: string): ContainerStatus => ({
  name,
  state: {},
  lastState: {},
  ready: false,
  started: false,
  restartCount: 0,
  image: 'busybox',
  imageID: '',
});
const runningState = (name: string): ContainerStatus => ({ ...base(name), state: { running: { startedAt: '' } } });
const startedState = (name: string): ContainerStatus => ({ ...runningState(name), started: true });
const succeededState = (name: string): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode: 0 } } });
const stoppedState = succeededState; // Terminated{} has exit code 0 upstream
const failedState = (name: string): ContainerStatus => ({ ...base(name), state: { terminated: { exitCode: -1 } } });
const waitingState = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: { reason: 'PodInitializing' } } });
const waitingStateWithLastTermination = (name: string): ContainerStatus => ({
  ...waitingState(name),
  lastState: { terminated: { exitCode: 0 } },
});
const waitingStateWithNonZeroTermination = (name: string): ContainerStatus => ({
  ...waitingState(name),
  lastState: { terminated: { exitCode: -1 } },
});

type Case = [name: string, statuses: ContainerStatus[], expected: PodPhase, options?: PhaseOptions];

/**
 * Like generatePodStatus, podHasInitialized is true once an app container has a status (upstream
 * derives it from the runtime with HasAnyActiveRegularContainerStarted).
 */
function table(policy: PodRestartPolicy, spec: ReturnType<typeof podSpec>, cases: Case[]): void {
  const appNames = new Set(spec.containers.map((c) => c.name));
  for (const [name, statuses, expected, options] of cases) {
    test(`${policy}: ${name} → ${expected}`, () => {
      const podHasInitialized = statuses.some((s) => appNames.has(s.name));
      assert.equal(podPhase(spec, statuses, { podHasInitialized, ...options }), expected);
    });
  }
}

const A = 'containerA';
const B = 'containerB';
const X = 'containerX';
const Y = 'containerY';
const terminal: PhaseOptions = { podIsTerminal: true };

describe('TestPodPhaseWithRestartAlways', () => {
  table('Always', podSpec('Always', [container(A), container(B)]), [
    ['waiting', [], 'Pending'],
    ['all running', [runningState(A), runningState(B)], 'Running'],
    ['all stopped with restart always', [stoppedState(A), stoppedState(B)], 'Running'],
    ['all succeeded, but the pod is terminal', [succeededState(A), succeededState(B)], 'Succeeded', terminal],
    ['all stopped, but the pod is terminal', [succeededState(A), failedState(B)], 'Failed', terminal],
    ['mixed state #1', [runningState(A), stoppedState(B)], 'Running'],
    ['mixed state #2', [runningState(A)], 'Pending'],
    ['mixed state #3', [runningState(A), waitingState(B)], 'Pending'],
    ['backoff crashloop container', [runningState(A), waitingStateWithLastTermination(B)], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysInitContainers', () => {
  table('Always', podSpec('Always', [container(A), container(B)], [container(X)]), [
    ['empty, waiting', [], 'Pending'],
    ['init container running', [runningState(X)], 'Pending'],
    ['init container terminated non-zero', [failedState(X)], 'Pending'],
    ['init container waiting, terminated zero', [waitingStateWithLastTermination(X)], 'Pending'],
    ['init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], 'Pending'],
    ['init container waiting, not terminated', [waitingState(X)], 'Pending'],
    ['init container succeeded', [succeededState(X), runningState(A), runningState(B)], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysRestartableInitContainers', () => {
  table('Always', podSpec('Always', [container(A), container(B)], [sidecar(X)]), [
    ['empty, waiting', [], 'Pending'],
    ['restartable init container running', [runningState(X)], 'Pending'],
    ['restartable init container stopped', [stoppedState(X)], 'Pending'],
    ['restartable init container waiting, terminated zero', [waitingStateWithLastTermination(X)], 'Pending'],
    ['restartable init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], 'Pending'],
    ['restartable init container waiting, not terminated', [waitingState(X)], 'Pending'],
    ['started, 1/2 regular container running', [startedState(X), runningState(A)], 'Pending'],
    ['started, all regular containers running', [startedState(X), runningState(A), runningState(B)], 'Running'],
    ['running, all regular containers running', [runningState(X), runningState(A), runningState(B)], 'Running'],
    ['stopped, all regular containers running', [stoppedState(X), runningState(A), runningState(B)], 'Running'],
    [
      'backoff crashloop restartable init container, all regular containers running',
      [waitingStateWithLastTermination(X), runningState(A), runningState(B)],
      'Running',
    ],
    [
      'all regular containers succeeded, sidecar failed, pod terminal',
      [failedState(X), succeededState(A), succeededState(B)],
      'Succeeded',
      terminal,
    ],
    [
      'all regular containers succeeded, sidecar succeeded, pod terminal',
      [succeededState(X), succeededState(A), succeededState(B)],
      'Succeeded',
      terminal,
    ],
  ]);
});

describe('TestPodPhaseWithRestartAlwaysAndPodHasRun', () => {
  table('Always', podSpec('Always', [container(A)], [container(X), sidecar(Y)]), [
    ['init, sidecar and regular container all running', [runningState(X), runningState(Y), runningState(A)], 'Pending'],
    ['regular stopped, init and sidecar running', [runningState(X), runningState(Y), stoppedState(A)], 'Pending'],
    ['init succeeded, sidecar running, regular stopped', [succeededState(X), runningState(Y), stoppedState(A)], 'Running'],
    ['init succeeded, sidecar and regular running', [succeededState(X), runningState(Y), runningState(A)], 'Running'],
  ]);
  test('a restarting sidecar keeps an initialised pod out of Pending only with podHasInitialized', () => {
    const spec = podSpec('Always', [container(A)], [sidecar(Y)]);
    const statuses = [runningState(Y), runningState(A)]; // Y restarted, not started yet
    assert.equal(podPhase(spec, statuses), 'Pending');
    assert.equal(podPhase(spec, statuses, { podHasInitialized: true }), 'Running');
  });
});

describe('TestPodPhaseWithRestartNever', () => {
  table('Never', podSpec('Never', [container(A), container(B)]), [
    ['waiting', [], 'Pending'],
    ['all running', [runningState(A), runningState(B)], 'Running'],
    ['all succeeded', [succeededState(A), succeededState(B)], 'Succeeded'],
    ['all failed', [failedState(A), failedState(B)], 'Failed'],
    ['mixed state #1', [runningState(A), succeededState(B)], 'Running'],
    ['mixed state #2', [runningState(A)], 'Pending'],
    ['mixed state #3', [runningState(A), waitingState(B)], 'Pending'],
  ]);
});

describe('TestPodPhaseWithRestartNeverInitContainers', () => {
  table('Never', podSpec('Never', [container(A), container(B)], [container(X)]), [
    ['empty, waiting', [], 'Pending'],
    ['init container running', [runningState(X)], 'Pending'],
    ['init container terminated non-zero', [failedState(X)], 'Failed'],
    ['init container waiting, terminated zero', [waitingStateWithLastTermination(X)], 'Pending'],
    ['init container waiting, terminated non-zero', [waitingStateWithNonZeroTermination(X)], 'Failed'],
    ['init container waiting, not terminated', [waitingState(X)], 'Pending'],
    ['init container succeeded', [succeededState(X), runningState(A), runningState(B)], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartNeverRestartableInitContainers', () => {
  table('Never', podSpec('Never', [container(A), container(B)], [sidecar(X)]), [
    ['restartable init container running', [runningState(X)], 'Pending'],
    // A running sidecar counts as running until the kubelet kills it (computePodActions' KillPod)…
    ['started, all regular containers succeeded', [startedState(X), succeededState(A), succeededState(B)], 'Running'],
    // …and a stopped sidecar does not count at all.
    ['stopped, all regular containers succeeded', [stoppedState(X), succeededState(A), succeededState(B)], 'Succeeded'],
    ['stopped, one regular container failed', [failedState(X), succeededState(A), failedState(B)], 'Failed'],
    ['started, one regular container still running', [startedState(X), runningState(A), succeededState(B)], 'Running'],
  ]);
});

describe('TestPodPhaseWithRestartOnFailure', () => {
  table('OnFailure', podSpec('OnFailure', [container(A), container(B)]), [
    ['waiting', [], 'Pending'],
    ['all running', [runningState(A), runningState(B)], 'Running'],
    ['all succeeded', [succeededState(A), succeededState(B)], 'Succeeded'],
    ['all failed', [failedState(A), failedState(B)], 'Running'],
    ['mixed state #1', [runningState(A), succeededState(B)], 'Running'],
    ['mixed state #2', [runningState(A)], 'Pending'],
    ['mixed state #3', [runningState(A), waitingState(B)], 'Pending'],
    ['backoff crashloop container', [runningState(A), waitingStateWithLastTermination(B)], 'Running'],
    ['failed, but the pod is terminal', [succeededState(A), failedState(B)], 'Failed', terminal],
  ]);
});
