// Small builders for pod specs and observed containers, shared by the status and restart tests.
import type { Container, PodRestartPolicy, PodSpec } from '../../../src-main/model';
import type { ObservedContainer } from '../../../src-main/kubelet/status/observed';

export function container(name: string, extra: Partial<Container> = {}): Container {
  return {
    name,
    image: 'busybox:1.36',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...extra,
  };
}

export function sidecar(name: string, extra: Partial<Container> = {}): Container {
  return container(name, { restartPolicy: 'Always', ...extra });
}

export function podSpec(
  restartPolicy: PodRestartPolicy,
  containers: Container[],
  initContainers?: Container[],
): PodSpec {
  return {
    containers,
    ...(initContainers ? { initContainers } : {}),
    restartPolicy,
    terminationGracePeriodSeconds: 30,
    enableServiceLinks: true,
  };
}

export const T0 = Date.parse('2024-01-01T00:00:00Z');

/** An instance that is running since `startedAt`. */
export function running(name: string, attempt = 0, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    name,
    kind: 'app',
    attempt,
    engineId: `${name}-${attempt}`,
    state: 'running',
    createdAt: T0 + attempt * 1000,
    startedAt: T0 + attempt * 1000,
    ...extra,
  };
}

/** An instance that exited with `exitCode`. */
export function exited(
  name: string,
  attempt: number,
  exitCode: number,
  extra: Partial<ObservedContainer> = {},
): ObservedContainer {
  return {
    ...running(name, attempt),
    state: 'exited',
    exitCode,
    finishedAt: T0 + attempt * 1000 + 500,
    ...extra,
  };
}
