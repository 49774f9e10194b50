// The pod phase: a port of getPhase (pkg/kubelet/kubelet_pods.go), with the ContainerRestartRules
// gate's per-container rules reduced to the pod's restartPolicy (Berth has no per-container rules,
// and with none the gated and ungated branches agree).
import type { ContainerStatus, PodPhase, PodSpec } from '../../model';

export interface PhaseOptions {
  /** The pod worker has decided the pod is terminal (deleted or done): stopped containers won't restart. */
  podIsTerminal?: boolean;
  /**
   * A regular container of the current sandbox has been created (HasAnyActiveRegularContainerStarted):
   * a restarting sidecar then no longer puts the pod back into Pending.
   */
  podHasInitialized?: boolean;
}

/** getPhase(pod, allStatuses, podIsTerminal, podHasInitialized). `statuses` holds init and app container statuses. */
export function podPhase(spec: PodSpec, statuses: readonly ContainerStatus[], options: PhaseOptions = {}): PodPhase {
  const find = (name: string) => statuses.find((s) => s.name === name);
  const initContainers = spec.initContainers ?? [];
  let pendingRestartableInitContainers = 0;
  let pendingRegularInitContainers = 0;
  let failedInitialization = 0;

  // Regular init containers.
  for (const container of initContainers) {
    if (container.restartPolicy === 'Always') continue;
    const status = find(container.name);
    if (!status) {
      pendingRegularInitContainers++;
    } else if (status.state.running) {
      pendingRegularInitContainers++;
    } else if (status.state.terminated) {
      if (status.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (status.state.waiting) {
      const last = status.lastState.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else {
        pendingRegularInitContainers++;
      }
    } else {
      pendingRegularInitContainers++;
    }
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  // Sidecars: a terminated one does not count; one not yet started keeps the pod initialising.
  for (const container of initContainers) {
    if (container.restartPolicy !== 'Always') continue;
    const status = find(container.name);
    if (!status) {
      unknown++;
    } else if (status.state.running) {
      if (!status.started) pendingRestartableInitContainers++;
      running++;
    } else if (status.state.terminated) {
      // not taken into account
    } else if (status.state.waiting) {
      if (!status.lastState.terminated) {
        pendingRestartableInitContainers++;
        waiting++;
      }
    } else {
      pendingRestartableInitContainers++;
      unknown++;
    }
  }

  for (const container of spec.containers) {
    const status = find(container.name);
    if (!status) {
      unknown++;
    } else if (status.state.running) {
      running++;
    } else if (status.state.terminated) {
      stopped++;
      if (status.state.terminated.exitCode === 0) succeeded++;
    } else if (status.state.waiting) {
      if (status.lastState.terminated) stopped++;
      else waiting++;
    } else {
      unknown++;
    }
  }

  if (failedInitialization > 0 && spec.restartPolicy === 'Never') return 'Failed';

  if (
    pendingRegularInitContainers > 0 ||
    (pendingRestartableInitContainers > 0 && !options.podHasInitialized) ||
    waiting > 0
  ) {
    // One or more containers has not been started.
    return 'Pending';
  }
  if (running > 0 && unknown === 0) {
    // All containers have been started, and at least one is running.
    return 'Running';
  }
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (options.podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    // All containers are terminated.
    if (spec.restartPolicy === 'Always') return 'Running'; // all are restarting
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running'; // OnFailure: at least one failed and is restarting
  }
  return 'Pending';
}
