// The Pod Security Standards "baseline" level, latest version: every control, run in the order
// the API server runs them, so the refusal reads as `kubectl apply` would print it. Pure.
import type { Path } from '../path';
import type { Pod } from '../../model';
import type { AnyControl } from './control';
import { hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle, windowsHostProcess } from './host';
import { capabilities, privileged, procMount, sysctls } from './privilege';
import { appArmorProfile, seccompProfile, seLinuxOptions } from './profiles';

export const POD_SECURITY_POLICY = 'baseline:latest';

/**
 * Upstream registers the checks file by file (check_*.go in name order), then runs the ones that
 * overlap with "restricted" (capabilities, hostPath volumes, seccomp) after the others.
 */
const BASELINE: readonly AnyControl[] = [
  appArmorProfile,
  hostNamespaces,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  sysctls,
  windowsHostProcess,
  capabilities,
  hostPathVolumes,
  seccompProfile,
];

export interface PodSecurityViolation {
  /** The control, as the API server names it: `privileged`, `hostPath volumes`, `non-default capabilities`. */
  control: string;
  /** What breaks it, naming the container, volume or pod: `container "app" must not set securityContext.privileged=true`. */
  detail: string;
  /** The offending field, from the Pod object down. */
  path: Path;
}

export interface PodSecurityVerdict {
  /** The API server's text after `violates PodSecurity "baseline:latest": `; '' when the pod is allowed. */
  summary: string;
  /** One per offending field, in the order of the controls. */
  violations: PodSecurityViolation[];
}

export function checkPodSecurity(pod: Pod): PodSecurityVerdict {
  const parts: string[] = [];
  const violations: PodSecurityViolation[] = [];
  for (const c of BASELINE) {
    const result = c.evaluate(pod);
    if (!result) continue;
    parts.push(result.all.detail ? `${result.all.reason} (${result.all.detail})` : result.all.reason);
    for (const { path, wording } of result.each) violations.push({ control: wording.reason, detail: wording.detail, path });
  }
  return { summary: parts.join(', '), violations };
}

/** The refusal as the API server words it. */
export function podSecurityRefusal(podName: string, verdict: PodSecurityVerdict): string {
  return `pods "${podName}" is forbidden: violates PodSecurity "${POD_SECURITY_POLICY}": ${verdict.summary}`;
}
