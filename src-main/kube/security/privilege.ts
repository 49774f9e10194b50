// Baseline controls on the powers a container gets: privileged mode, capabilities beyond the
// runtime's default set, an unmasked /proc, and sysctls that are not namespaced safely.
import {
  containersOf,
  containersText,
  control,
  joinQuote,
  sortedSet,
  unique,
  type Finding,
} from './control';

/** check_privileged.go */
export const privileged = control<Finding & { container: string }>({
  id: 'privileged',
  find: (pod) =>
    containersOf(pod).flatMap(({ container, path }) =>
      container.securityContext?.privileged === true
        ? [{ container: container.name, path: [...path, 'securityContext', 'privileged'] }]
        : [],
    ),
  word: (found) => ({
    reason: 'privileged',
    detail: `${containersText(unique(found.map((f) => f.container)))} must not set securityContext.privileged=true`,
  }),
});

/** The container runtime's default capabilities: adding these asks for nothing more. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** check_capabilities_baseline.go */
export const capabilities = control<Finding & { container: string; capability: string }>({
  id: 'capabilities_baseline',
  find: (pod) =>
    containersOf(pod).flatMap(({ container, path }) =>
      (container.securityContext?.capabilities?.add ?? []).flatMap((capability, i) =>
        BASELINE_CAPABILITIES.has(capability)
          ? []
          : [{ container: container.name, capability, path: [...path, 'securityContext', 'capabilities', 'add', i] }],
      ),
    ),
  word: (found) => ({
    reason: 'non-default capabilities',
    detail: `${containersText(unique(found.map((f) => f.container)))} must not include ${joinQuote(sortedSet(found.map((f) => f.capability)))} in securityContext.capabilities.add`,
  }),
});

/** check_procMount_baseline.go: any procMount but Default, unless the pod has its own user namespace. */
export const procMount = control<Finding & { container: string; type: string }>({
  id: 'procMount_baseline',
  find: (pod) =>
    pod.spec.hostUsers === false
      ? []
      : containersOf(pod).flatMap(({ container, path }) => {
          const type = container.securityContext?.procMount;
          return type !== undefined && type !== 'Default'
            ? [{ container: container.name, type, path: [...path, 'securityContext', 'procMount'] }]
            : [];
        }),
  word: (found) => ({
    reason: 'procMount',
    detail: `${containersText(unique(found.map((f) => f.container)))} must not set securityContext.procMount to ${joinQuote(sortedSet(found.map((f) => f.type)))}`,
  }),
});

/** The sysctls baseline allows (Kubernetes 1.32's safe set): namespaced and isolated per pod. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** check_sysctls.go */
export const sysctls = control<Finding & { name: string }>({
  id: 'sysctls',
  find: (pod) =>
    (pod.spec.securityContext?.sysctls ?? []).flatMap(({ name }, i) =>
      SAFE_SYSCTLS.has(name) ? [] : [{ name, path: ['spec', 'securityContext', 'sysctls', i, 'name'] }],
    ),
  word: (found) => ({ reason: 'forbidden sysctls', detail: found.map((f) => f.name).join(', ') }),
});
