// A Pod: metadata, pod-level spec fields, then each container against the whole pod.
import { gracePeriodSecondsOf } from '../defaults';
import type { Path } from '../path';
import type { Reporter } from '../report';
import type { Pod } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, checkMin, each, Uniques } from './check';
import { validateContainer, type PodContext } from './containers';
import { validateLabels, validateMetadata } from './metadata';
import { dns1123Label, dns1123Subdomain } from './names';
import { validateResourceList } from './resources';
import { validateSecurityContext } from './security';
import { validateVolumes } from './volumes';

export const POD_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

export function validatePod(pod: Draft<Pod>, r: Reporter): void {
  validateMetadata(pod.metadata, r, dns1123Subdomain);
  const spec = pod.spec ?? {};
  const at = (field: string): Path => ['spec', field];

  if (!spec.containers?.length) r.missing(at('containers'), 'must have at least one container');
  checkEnum(r, at('restartPolicy'), spec.restartPolicy, POD_RESTART_POLICIES);
  checkMin(r, at('terminationGracePeriodSeconds'), spec.terminationGracePeriodSeconds, 0);
  checkFormat(r, at('hostname'), spec.hostname, dns1123Label, false);
  checkFormat(r, at('subdomain'), spec.subdomain, dns1123Label, false);
  checkFormat(r, at('nodeName'), spec.nodeName, dns1123Subdomain, false);
  checkFormat(r, at('serviceAccountName'), spec.serviceAccountName, dns1123Subdomain, false);
  checkFormat(r, at('runtimeClassName'), spec.runtimeClassName, dns1123Subdomain, false);
  validateLabels(spec.nodeSelector, at('nodeSelector'), r);
  validateResourceList(spec.overhead, at('overhead'), r);
  validateSecurityContext(spec.securityContext, at('securityContext'), r);
  each(spec.imagePullSecrets, (ref, i) => {
    checkFormat(r, [...at('imagePullSecrets'), i, 'name'], ref.name, dns1123Subdomain, true);
  });

  // Container names are unique across regular and init containers: both share one namespace.
  const names = new Uniques();
  const containerNames = new Set<string>();
  const lists = [
    ['containers', spec.containers],
    ['initContainers', spec.initContainers],
  ] as const;
  for (const [field, list] of lists) {
    each(list, (c, i) => {
      names.check(r, [...at(field), i, 'name'], c.name);
      if (c.name) containerNames.add(c.name);
    });
  }

  const context: PodContext = {
    volumeNames: validateVolumes(spec.volumes, at('volumes'), r, containerNames),
    containerNames,
    gracePeriod: gracePeriodSecondsOf(spec),
    hostPorts: new Uniques(),
  };
  for (const [field, list] of lists) {
    const role = field === 'containers' ? 'container' : 'initContainer';
    each(list, (c, i) => validateContainer(c, [...at(field), i], r, context, role));
  }
}
