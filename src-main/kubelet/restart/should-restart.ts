// Whether a container that is not running should be (re)started: the kubelet's
// ShouldContainerBeRestarted (pkg/kubelet/container/helpers.go).
import type { PodRestartPolicy } from '../../model';
import { effectiveExitCode, effectiveState } from '../status/observed';
import type { ContainerKind, ObservedContainer } from '../status/observed';

/** The last instance's outcome, as far as the restart policy cares. */
export interface LastRun {
  state: ObservedContainer['state'];
  exitCode?: number;
}

/** The outcome of an instance as the kubelet sees it (a failed start counts as an exit). */
export function lastRunOf(instance: ObservedContainer | undefined): LastRun | undefined {
  return instance && { state: effectiveState(instance), exitCode: effectiveExitCode(instance) };
}

/**
 * ShouldContainerBeRestarted:
 * - never ran (no instance) → start it;
 * - running → no;
 * - created but never started (the engine failed to start it) → start again;
 * - sidecars (restartable init containers) → always restarted;
 * - a deleted pod restarts nothing;
 * - otherwise the pod's restartPolicy: Never → no, OnFailure → only after a non-zero exit, Always → yes.
 *
 * Init containers use the same rule through computeInitContainerActions: restarted on failure
 * unless the policy is Never (then the pod fails); a successful one is never run again.
 */
export function shouldRestart(
  restartPolicy: PodRestartPolicy,
  last: LastRun | undefined,
  kind: ContainerKind = 'app',
  podDeleting = false,
): boolean {
  if (podDeleting) return false;
  if (!last) return true;
  if (last.state === 'running') return false;
  if (last.state === 'created') return true;
  if (kind === 'sidecar') return true;
  const exitCode = last.exitCode ?? 0;
  if (kind === 'init') return exitCode !== 0 && restartPolicy !== 'Never';
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

/** shouldRestartOnFailure in kuberuntime_manager.go: any policy but Never retries a failure. */
export function restartsOnFailure(restartPolicy: PodRestartPolicy): boolean {
  return restartPolicy !== 'Never';
}
