// Container ports, and the port a handler or probe targets.
import { isIP } from 'node:net';
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import type { ContainerPort, IntOrString } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, checkRange, each, Uniques } from './check';
import { portName } from './names';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** Validates a container's ports; `hostPorts` is shared by the whole pod. */
export function validatePorts(
  ports: readonly (Draft<ContainerPort> | undefined)[] | undefined,
  path: Path,
  r: Reporter,
  hostPorts: Uniques,
): void {
  const names = new Uniques();
  each(ports, (port, i) => {
    const at = (field: string): Path => [...path, i, field];
    checkFormat(r, at('name'), port.name, portName, false);
    names.check(r, at('name'), port.name);
    if (port.containerPort === undefined) r.missing(at('containerPort'));
    checkRange(r, at('containerPort'), port.containerPort, 1, 65535);
    checkRange(r, at('hostPort'), port.hostPort, 0, 65535);
    checkEnum(r, at('protocol'), port.protocol, PROTOCOLS);
    if (port.hostIP !== undefined && isIP(port.hostIP) === 0) {
      r.error(at('hostIP'), problems.invalid(port.hostIP, 'must be a valid IP address'));
    }
    // Two containers cannot bind the same host port: Kubernetes refuses it, Docker would too.
    if (port.hostPort) {
      const key = `${port.hostPort}/${port.protocol ?? 'TCP'}`;
      hostPorts.check(r, at('hostPort'), `${key}/${port.hostIP ?? ''}`, key);
    }
  });
}

/** The names of a container's ports, for handlers that refer to a port by name. */
export function declaredPortNames(ports: readonly (Draft<ContainerPort> | undefined)[] | undefined): Set<string> {
  const names = new Set<string>();
  each(ports, (port) => {
    if (port.name) names.add(port.name);
  });
  return names;
}

/** A handler's port: a number 1–65535, or the name of a port the container declares. */
export function validateTargetPort(
  port: IntOrString | undefined,
  path: Path,
  r: Reporter,
  declared: ReadonlySet<string>,
): void {
  if (port === undefined || port === '') {
    r.missing(path);
    return;
  }
  if (typeof port === 'number') {
    checkRange(r, path, port, 1, 65535);
    return;
  }
  const reasons = portName(port);
  for (const reason of reasons) r.error(path, problems.invalid(port, reason));
  if (reasons.length === 0 && !declared.has(port)) r.error(path, `port "${port}" is not a declared container port`);
}
