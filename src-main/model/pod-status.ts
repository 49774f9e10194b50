// The Kubernetes PodStatus objects Berth produces, with the API's own field names. Times are
// RFC 3339 strings with seconds precision, as the API server serialises metav1.Time (see time.ts).

/** Why an image cannot be had yet (pkg/kubelet/images/types.go). */
export type ImageWaitingReason =
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'ErrImageNeverPull'
  | 'InvalidImageName'
  | 'ImageInspectError';

/**
 * The waiting reasons Berth sets, from the kubelet: not yet created (kubelet_pods.go), image
 * trouble, and the errors of kuberuntime_container.go (config, create, postStart, back-off).
 */
export type ContainerWaitingReason =
  | 'ContainerCreating'
  | 'PodInitializing'
  | ImageWaitingReason
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'PostStartHookError'
  | 'CrashLoopBackOff';

export interface ContainerStateWaiting {
  reason?: ContainerWaitingReason;
  message?: string;
}

export interface ContainerStateRunning {
  startedAt: string;
}

/** What the CRI shims for Docker report for an exited container (see terminatedReason). */
export type ContainerTerminatedReason = 'OOMKilled' | 'ContainerCannotRun' | 'Completed' | 'Error';

export interface ContainerStateTerminated {
  exitCode: number;
  signal?: number;
  reason?: ContainerTerminatedReason;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

/** At most one member is set; `{}` is the empty state (e.g. `lastState` of a container that never restarted). */
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export type PodConditionType = 'PodReadyToStartContainers' | 'Initialized' | 'Ready' | 'ContainersReady' | 'PodScheduled';

export interface PodCondition {
  type: PodConditionType;
  status: 'True' | 'False' | 'Unknown';
  /** null in every condition the kubelet writes; absent from the scheduler's PodScheduled one. */
  lastProbeTime?: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface PodStatus {
  phase: PodPhase;
  conditions: PodCondition[];
  reason?: string;
  message?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses: ContainerStatus[];
  qosClass: QOSClass;
}
