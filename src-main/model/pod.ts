// The Pod object, as validated and defaulted (see meta.ts for what that means).
import type { Container, SecurityProfile, SELinuxOptions, Sysctl, WindowsSecurityContextOptions } from './container';
import type { LocalObjectReference, ObjectMeta, Quantity } from './meta';
import type { Volume } from './volume';

export interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  fsGroup?: number;
  supplementalGroups?: number[];
  // ---- kept, not applied (see SecurityContext)
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  seccompProfile?: SecurityProfile;
  appArmorProfile?: SecurityProfile;
  sysctls?: Sysctl[];
}

export type PodRestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  restartPolicy: PodRestartPolicy;
  terminationGracePeriodSeconds: number;
  hostname?: string;
  subdomain?: string;
  nodeSelector?: Record<string, string>;
  nodeName?: string;
  serviceAccountName?: string;
  runtimeClassName?: string;
  enableServiceLinks: boolean;
  imagePullSecrets?: LocalObjectReference[];
  securityContext?: PodSecurityContext;
  overhead?: Record<string, Quantity>;
  // ---- kept, not applied: Berth gives every pod its own namespaces (see SecurityContext)
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
}
