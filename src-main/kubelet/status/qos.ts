// The pod's QoS class: a port of ComputePodQOS / GetPodQOS (pkg/apis/core/v1/helper/qos/qos.go).
import { quantityValue } from '../../kube/validate/quantity';
import type { Container, PodSpec, QOSClass, Quantity } from '../../model';

/** Only cpu and memory decide the class (supportedQoSComputeResources). */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

function positive(quantity: Quantity | undefined): number | null {
  if (quantity === undefined) return null;
  const value = quantityValue(quantity);
  return value !== null && value > 0 ? value : null;
}

/**
 * The container's requests after the API server's defaulting (SetDefaults_Pod): a resource with
 * a limit but no request is requested at its limit. Berth's importer does not default this.
 */
function effectiveRequests(container: Container): Record<string, Quantity> {
  const { limits = {}, requests = {} } = container.resources ?? {};
  return { ...limits, ...requests };
}

function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-12;
}

/**
 * BestEffort: no cpu/memory request or limit anywhere. Guaranteed: every container (init
 * containers included) limits both cpu and memory, and the pod's summed requests equal its summed
 * limits. Otherwise Burstable.
 */
export function podQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;
  for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
    const containerRequests = effectiveRequests(container);
    const containerLimits = container.resources?.limits ?? {};
    const limitsFound = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const request = positive(containerRequests[name]);
      if (request !== null) requests.set(name, (requests.get(name) ?? 0) + request);
      const limit = positive(containerLimits[name]);
      if (limit !== null) {
        limitsFound.add(name);
        limits.set(name, (limits.get(name) ?? 0) + limit);
      }
    }
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || !sameAmount(limit, request)) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
