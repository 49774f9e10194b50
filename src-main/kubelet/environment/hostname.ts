// The pod's hostname and domain, as `GeneratePodHostNameAndDomain` in
// pkg/kubelet/kubelet_pods.go builds them (the HostnameOverride alpha feature aside).
import type { Pod } from '../../model';
import { namespaceOf } from '../../kube/defaults';

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** A hostname is capped at 63 characters (64 bytes in the kernel, with the terminating NUL). */
const HOSTNAME_MAX_LENGTH = 63;

export interface PodHostname {
  /** The short host name: `spec.hostname`, else the pod name; at most 63 characters. */
  hostname: string;
  /** `<subdomain>.<namespace>.svc.<clusterDomain>` when `spec.subdomain` is set, else ''. */
  domain: string;
}

export function podHostnameAndDomain(
  pod: Pick<Pod, 'metadata' | 'spec'>,
  clusterDomain: string = DEFAULT_CLUSTER_DOMAIN,
): PodHostname {
  // spec.hostname and spec.subdomain were validated as DNS labels on import.
  const hostname = truncatePodHostname(pod.spec.hostname || pod.metadata.name);
  const namespace = namespaceOf(pod.metadata);
  const domain = pod.spec.subdomain ? `${pod.spec.subdomain}.${namespace}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

/**
 * `truncatePodHostnameIfNeeded`: a pod name may be a 253-character DNS subdomain, a host name
 * may not. Cut at 63 and drop the trailing `-` and `.` a host name may not end with. (The
 * kubelet errors when nothing is left, which a valid pod name cannot cause.)
 */
export function truncatePodHostname(hostname: string): string {
  if (hostname.length <= HOSTNAME_MAX_LENGTH) return hostname;
  return hostname.slice(0, HOSTNAME_MAX_LENGTH).replace(/[-.]+$/, '');
}
