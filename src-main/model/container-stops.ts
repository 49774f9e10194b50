// Container stops and their termination timelines, which the kubelet does not keep.

/**
 * Why a container was stopped: the pod was deleted, its postStart hook failed, a liveness or
 * startup probe failed, the pod completed (its sidecars stop), its sandbox was re-created, or
 * Berth shut down.
 */
export type StopReason = 'Delete' | 'PostStartHookError' | 'LivenessProbe' | 'StartupProbe' | 'PodCompleted' | 'SandboxChanged' | 'Shutdown';

/**
 * One stop of a container, with its termination timeline (epoch ms): when preStop ran, when the
 * stop signal and SIGKILL were sent, when the container exited.
 */
export interface ContainerStop {
  id: number;
  podUid: string;
  namespace: string;
  podName: string;
  container: string;
  containerId: string;
  reason: StopReason;
  gracePeriodMs: number;
  startedAt: number;
  preStopStartedAt: number | null;
  preStopFinishedAt: number | null;
  signal: string | null;
  signalAt: number | null;
  killAt: number | null;
  exitedAt: number | null;
  exitCode: number | null;
}
