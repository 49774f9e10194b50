// Events, as the kubelet and the API server record them and `kubectl describe` shows them.

/**
 * The reasons the kubelet records that Berth uses (pkg/kubelet/events/event.go and the places
 * that record them): containers, images, sandbox, volumes, hooks, probes, the node.
 */
export type KubeletEventReason =
  | 'Created'
  | 'Started'
  | 'Failed'
  | 'Killing'
  | 'BackOff'
  | 'Pulled'
  | 'Pulling'
  | 'InspectFailed'
  | 'ErrImageNeverPull'
  | 'FailedToRetrieveImagePullSecret'
  | 'SandboxChanged'
  | 'FailedCreatePodSandBox'
  | 'FailedMount'
  | 'InvalidEnvironmentVariableNames'
  | 'FailedPostStartHook'
  | 'FailedPreStopHook'
  | 'LifecycleHTTPFallback'
  | 'Unhealthy'
  | 'ProbeWarning'
  | 'NodeReady'
  | 'NodeNotReady'
  // Berth's own: a Podman network without DNS, so Service names do not resolve.
  | 'ServiceDNSUnavailable';

/** Every reason Berth records: the kubelet's, the scheduler's, and Pod Security admission's. */
export type EventReason = KubeletEventReason | 'Scheduled' | 'FailedScheduling' | 'PodSecurityViolation';

export type EventType = 'Normal' | 'Warning';

/** What an event is about: a pod, or one container of it (`fieldPath: spec.containers{main}`). */
export interface InvolvedObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  fieldPath?: string;
}

/** One occurrence of an event, as a component reports it. Timestamps are epoch milliseconds. */
export interface EventInput {
  involvedObject: InvolvedObject;
  type: EventType;
  /** What Berth records is an EventReason; the store keeps any reason a component gives. */
  reason: string;
  message: string;
  source: { component: string; host?: string };
  timestamp: number;
}

/** A stored event: occurrences with the same object, type, reason, message and source aggregated. */
export interface BerthEvent {
  id: number;
  involvedObject: InvolvedObject;
  type: EventType;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
  /** The store's version of the last write of this event (its change-feed position). */
  resourceVersion: number;
}

export interface EventQuery {
  namespace?: string;
  podName?: string;
  podUid?: string;
  type?: EventType;
  reason?: string;
  /** Only events whose lastTimestamp is at or after this time. */
  since?: number;
  /** Newest first; at most this many (default 500). */
  limit?: number;
  /**
   * Paging: only events after this one in the list's order (newest lastTimestamp first, then
   * highest id) — pass the last event of the previous page.
   */
  before?: { lastTimestamp: number; id: number };
}
