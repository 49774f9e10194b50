// The whole PodStatus from Berth's observations: generateAPIPodStatus (pkg/kubelet/kubelet_pods.go)
// without the parts a single local node has no use for (evictions, resize, readiness gates).
import type { PodPhase, PodSpec, PodStatus } from '../../model';
import { rfc3339 } from '../../model';
import { podConditions } from './conditions';
import { containerStatusLists } from './container-status';
import type { ObservedPod } from './observed';
import { podPhase } from './phase';
import { podQOSClass } from './qos';

export interface PodStatusInput {
  spec: PodSpec;
  observed: ObservedPod;
  /** The clock value for new transition times. */
  now: number;
  /** The status Berth last produced for this pod: transition times, terminal phase and reason carry over. */
  previous?: Partial<PodStatus>;
  /** The sandbox exists and its network is set up. */
  sandboxReady: boolean;
  hostIPs?: readonly string[];
  podIPs?: readonly string[];
  /** When the pod worker first acknowledged the pod (epoch ms). */
  startTime?: number;
  /** The pod worker decided the pod is terminal: its stopped containers will not restart. */
  podIsTerminal?: boolean;
  podDeleting?: boolean;
}

function isTerminal(phase: PodPhase | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

export function generatePodStatus(input: PodStatusInput): PodStatus {
  const { spec, observed, previous } = input;
  const lists = containerStatusLists(spec, observed, input.podDeleting, [...(previous?.initContainerStatuses ?? []), ...(previous?.containerStatuses ?? [])]);
  const podHasInitialized = observed.containers.some((c) => c.kind === 'app');
  let phase = podPhase(spec, [...lists.containerStatuses, ...lists.initContainerStatuses], {
    podIsTerminal: input.podIsTerminal,
    podHasInitialized,
  });
  // Pods are not allowed to transition out of terminal phases.
  if (!isTerminal(phase) && isTerminal(previous?.phase)) phase = previous?.phase ?? phase;
  // The reason and message belong to the phase: kept while the phase is unchanged.
  const carried = previous && previous.phase === phase ? previous : undefined;
  const conditions = podConditions({
    spec,
    statuses: [...lists.initContainerStatuses, ...lists.containerStatuses],
    phase,
    sandboxReady: input.sandboxReady,
    previous: previous?.conditions,
    now: input.now,
  });
  const hostIPs = input.hostIPs ?? [];
  const podIPs = input.podIPs ?? [];
  const startTime = input.startTime !== undefined ? rfc3339(input.startTime) : previous?.startTime;
  return {
    phase,
    ...(carried?.reason ? { reason: carried.reason } : {}),
    ...(carried?.message ? { message: carried.message } : {}),
    conditions,
    ...(hostIPs[0] ? { hostIP: hostIPs[0], hostIPs: hostIPs.map((ip) => ({ ip })) } : {}),
    ...(podIPs[0] ? { podIP: podIPs[0], podIPs: podIPs.map((ip) => ({ ip })) } : {}),
    ...(startTime ? { startTime } : {}),
    ...((spec.initContainers ?? []).length > 0 ? { initContainerStatuses: lists.initContainerStatuses } : {}),
    containerStatuses: lists.containerStatuses,
    qosClass: podQOSClass(spec),
  };
}
