// Baseline controls on reaching into the host: its namespaces, ports, files, processes (Windows
// HostProcess) and network (probe and lifecycle hosts).
import type { Path } from '../path';
import type { HTTPGetAction, TCPSocketAction } from '../../model';
import {
  containersOf,
  containersText,
  control,
  joinQuote,
  pluralize,
  securityContextsOf,
  settersText,
  sortedSet,
  unique,
  type Finding,
} from './control';

/** check_hostNamespaces.go */
export const hostNamespaces = control<Finding & { field: string }>({
  id: 'hostNamespaces',
  find: (pod) =>
    (['hostNetwork', 'hostPID', 'hostIPC'] as const)
      .filter((field) => pod.spec[field] === true)
      .map((field) => ({ field, path: ['spec', field] })),
  word: (found) => ({ reason: 'host namespaces', detail: sortedSet(found.map((f) => f.field)).join(', ') }),
});

/** check_hostPorts.go */
export const hostPorts = control<Finding & { container: string; port: number }>({
  id: 'hostPorts',
  find: (pod) =>
    containersOf(pod).flatMap(({ container, path }) =>
      (container.ports ?? []).flatMap((port, i) =>
        port.hostPort ? [{ container: container.name, port: port.hostPort, path: [...path, 'ports', i, 'hostPort'] }] : [],
      ),
    ),
  word: (found) => {
    const containers = unique(found.map((f) => f.container));
    const ports = sortedSet(found.map((f) => String(f.port)));
    return {
      reason: 'hostPort',
      detail: `${containersText(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
    };
  },
});

/** `/`, however it is spelled (`//`, `/.`, `/tmp/..`); hostPath paths are absolute (validated). */
export function isHostRoot(path: string): boolean {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return parts.length === 0;
}

/** check_hostPathVolumes.go; a mount of the host's root is called out in its own diagnostic. */
export const hostPathVolumes = control<Finding & { volume: string; hostPath: string }>({
  id: 'hostPathVolumes',
  find: (pod) =>
    (pod.spec.volumes ?? []).flatMap((volume, i) =>
      volume.hostPath ? [{ volume: volume.name, hostPath: volume.hostPath.path, path: ['spec', 'volumes', i, 'hostPath', 'path'] }] : [],
    ),
  word: (found) => ({
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', found.length)} ${joinQuote(found.map((f) => f.volume))}`,
  }),
  note: (f) => (isHostRoot(f.hostPath) ? `mounts the host's root filesystem, "${f.hostPath}"` : undefined),
});

type HostField = HTTPGetAction | TCPSocketAction | undefined;

/** check_hostProbesAndhostLifecycle.go (baseline since Kubernetes 1.34). */
export const hostProbesAndHostLifecycle = control<Finding & { container: string; host: string }>({
  id: 'hostProbesAndHostLifecycle',
  find: (pod) =>
    containersOf(pod).flatMap(({ container, path }) => {
      const handlers: [Path, { httpGet?: HostField; tcpSocket?: HostField } | undefined][] = [
        [['livenessProbe'], container.livenessProbe],
        [['readinessProbe'], container.readinessProbe],
        [['startupProbe'], container.startupProbe],
        [['lifecycle', 'postStart'], container.lifecycle?.postStart],
        [['lifecycle', 'preStop'], container.lifecycle?.preStop],
      ];
      return handlers.flatMap(([at, handler]) =>
        (['httpGet', 'tcpSocket'] as const).flatMap((action) => {
          const host = handler?.[action]?.host;
          return host ? [{ container: container.name, host, path: [...path, ...at, action, 'host'] }] : [];
        }),
      );
    }),
  word: (found) => {
    const containers = sortedSet(found.map((f) => f.container));
    const hosts = sortedSet(found.map((f) => f.host));
    return {
      reason: 'probe or lifecycle host',
      detail: `${containersText(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.length)} ${joinQuote(hosts)}`,
    };
  },
});

/** check_windowsHostProcess.go */
export const windowsHostProcess = control<Finding & { setter: string | null }>({
  id: 'windowsHostProcess',
  find: (pod) =>
    securityContextsOf(pod).flatMap(({ setter, context, path }) =>
      context?.windowsOptions?.hostProcess === true ? [{ setter, path: [...path, 'windowsOptions', 'hostProcess'] }] : [],
    ),
  word: (found) => ({
    reason: 'hostProcess',
    detail: `${settersText(found.map((f) => f.setter))} must not set securityContext.windowsOptions.hostProcess=true`,
  }),
});
