// One container (regular or init): image, policies, and its ports, env, mounts, handlers.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import type { Container, VolumeMount } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, each, type Uniques } from './check';
import { validateEnv, validateEnvFrom } from './env';
import { validateLifecycle, validateProbe, type HandlerContext } from './handlers';
import { dns1123Label, relativePath } from './names';
import { declaredPortNames, validatePorts } from './ports';
import { validateResources } from './resources';
import { validateSecurityContext } from './security';

/** What a container's checks need from the rest of the pod. */
export interface PodContext {
  volumeNames: ReadonlySet<string>;
  containerNames: ReadonlySet<string>;
  gracePeriod: number;
  /** Host ports taken so far in the pod. */
  hostPorts: Uniques;
}

export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export function validateContainer(
  c: Draft<Container>,
  path: Path,
  r: Reporter,
  pod: PodContext,
  role: 'container' | 'initContainer',
): void {
  const at = (field: string): Path => [...path, field];
  checkFormat(r, at('name'), c.name, dns1123Label, true);
  if (!c.image) r.missing(at('image'));
  else if (c.image.trim() !== c.image) r.error(at('image'), 'must not have leading or trailing whitespace');
  checkEnum(r, at('imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES);
  checkEnum(r, at('terminationMessagePolicy'), c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']);
  if (c.terminationMessagePath === '') r.missing(at('terminationMessagePath'));

  const sidecar = role === 'initContainer' && c.restartPolicy === 'Always';
  if (c.restartPolicy !== undefined) {
    if (role === 'container') r.error(at('restartPolicy'), 'may only be set on init containers (restartPolicy: Always makes a sidecar)');
    else checkEnum(r, at('restartPolicy'), c.restartPolicy, ['Always']);
  }
  // Plain init containers run to completion: hooks and probes make no sense there.
  if (role === 'initContainer' && !sidecar) {
    for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      if (c[field] !== undefined) r.error(at(field), 'may not be set for init containers without restartPolicy: Always');
    }
  }

  validatePorts(c.ports, at('ports'), r, pod.hostPorts);
  validateEnv(c.env, at('env'), r, pod.containerNames);
  validateEnvFrom(c.envFrom, at('envFrom'), r);
  validateResources(c.resources, at('resources'), r);
  validateVolumeMounts(c.volumeMounts, at('volumeMounts'), r, pod.volumeNames);
  validateSecurityContext(c.securityContext, at('securityContext'), r);

  const handlers: HandlerContext = { portNames: declaredPortNames(c.ports), gracePeriod: pod.gracePeriod };
  validateLifecycle(c.lifecycle, at('lifecycle'), r, handlers);
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    validateProbe(c[kind], kind, at(kind), r, handlers);
  }
}

function validateVolumeMounts(
  mounts: readonly (Draft<VolumeMount> | undefined)[] | undefined,
  path: Path,
  r: Reporter,
  volumeNames: ReadonlySet<string>,
): void {
  const mountPaths = new Set<string>();
  each(mounts, (m, i) => {
    const at = (field: string): Path => [...path, i, field];
    if (!m.name) r.missing(at('name'));
    else if (!volumeNames.has(m.name)) r.error(at('name'), `volume "${m.name}" is not declared in spec.volumes`);
    if (!m.mountPath) r.missing(at('mountPath'));
    else {
      if (!m.mountPath.startsWith('/')) r.error(at('mountPath'), problems.invalid(m.mountPath, 'must be an absolute path'));
      if (mountPaths.has(m.mountPath)) r.error(at('mountPath'), `must be unique: "${m.mountPath}" is mounted twice`);
      mountPaths.add(m.mountPath);
    }
    checkFormat(r, at('subPath'), m.subPath, relativePath, false);
  });
}
