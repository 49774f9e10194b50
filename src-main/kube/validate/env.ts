// Environment variables: names, value/valueFrom, and the downward API field references.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import type { EnvFromSource, EnvVar, KeySelector, ObjectFieldSelector, ResourceFieldSelector } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, each } from './check';
import { configMapKey, dns1123Subdomain, envVarName, qualifiedName } from './names';
import { quantityValue } from './quantity';

/** Pod fields an env var may read (validFieldPathExpressionsEnv + subscripted labels/annotations). */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.podIP',
  'status.podIPs',
  'status.hostIP',
  'status.hostIPs',
];
/** Pod fields a downwardAPI volume file may hold. */
export const VOLUME_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.labels',
  'metadata.annotations',
];
const RESOURCES = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];

export function validateEnv(
  env: readonly (Draft<EnvVar> | undefined)[] | undefined,
  path: Path,
  r: Reporter,
  containerNames: ReadonlySet<string>,
): void {
  each(env, (v, i) => {
    const at: Path = [...path, i];
    checkFormat(r, [...at, 'name'], v.name, envVarName, true);
    const from = v.valueFrom;
    if (!from) return;
    const fromPath: Path = [...at, 'valueFrom'];
    if (v.value) r.error(fromPath, 'may not be specified when `value` is not empty');
    const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter(
      (s) => from[s] !== undefined,
    );
    if (sources.length === 0) {
      r.error(fromPath, 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    }
    for (const extra of sources.slice(1)) {
      r.error([...fromPath, extra], 'may not have more than one field specified at a time');
    }
    validateFieldRef(from.fieldRef, [...fromPath, 'fieldRef'], r, ENV_FIELD_PATHS);
    validateResourceFieldRef(from.resourceFieldRef, [...fromPath, 'resourceFieldRef'], r, containerNames, false);
    validateKeySelector(from.configMapKeyRef, [...fromPath, 'configMapKeyRef'], r);
    validateKeySelector(from.secretKeyRef, [...fromPath, 'secretKeyRef'], r);
  });
}

export function validateEnvFrom(
  envFrom: readonly (Draft<EnvFromSource> | undefined)[] | undefined,
  path: Path,
  r: Reporter,
): void {
  each(envFrom, (source, i) => {
    const at: Path = [...path, i];
    checkFormat(r, [...at, 'prefix'], source.prefix, envVarName, false);
    const refs = (['configMapRef', 'secretRef'] as const).filter((s) => source[s] !== undefined);
    if (refs.length === 0) r.error(at, 'must specify one of: `configMapRef` or `secretRef`');
    for (const extra of refs.slice(1)) r.error([...at, extra], 'may not have more than one field specified at a time');
    for (const ref of refs) checkFormat(r, [...at, ref, 'name'], source[ref]?.name, dns1123Subdomain, true);
  });
}

const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/;

export function validateFieldRef(
  ref: Draft<ObjectFieldSelector> | undefined,
  path: Path,
  r: Reporter,
  allowed: readonly string[],
): void {
  if (!ref) return;
  checkEnum(r, [...path, 'apiVersion'], ref.apiVersion, ['v1']);
  const fieldPath = ref.fieldPath;
  if (!fieldPath) {
    r.missing([...path, 'fieldPath']);
    return;
  }
  const subscript = SUBSCRIPTED.exec(fieldPath);
  if (subscript) {
    for (const reason of qualifiedName(subscript[2] ?? '')) {
      r.error([...path, 'fieldPath'], problems.invalid(fieldPath, reason));
    }
    return;
  }
  if (!allowed.includes(fieldPath)) {
    r.error(
      [...path, 'fieldPath'],
      problems.notSupported(fieldPath, [...allowed, "metadata.labels['<KEY>']", "metadata.annotations['<KEY>']"]),
    );
  }
}

export function validateResourceFieldRef(
  ref: Draft<ResourceFieldSelector> | undefined,
  path: Path,
  r: Reporter,
  containerNames: ReadonlySet<string>,
  containerRequired: boolean,
): void {
  if (!ref) return;
  if (!ref.resource) r.missing([...path, 'resource']);
  else checkEnum(r, [...path, 'resource'], ref.resource, RESOURCES);
  if (ref.containerName) {
    if (!containerNames.has(ref.containerName)) {
      r.error([...path, 'containerName'], `container "${ref.containerName}" is not a container of this pod`);
    }
  } else if (containerRequired) {
    r.missing([...path, 'containerName']);
  }
  if (ref.divisor !== undefined && !((quantityValue(ref.divisor) ?? 0) > 0)) {
    r.error([...path, 'divisor'], problems.invalid(ref.divisor, 'must be a positive quantity'));
  }
}

function validateKeySelector(ref: Draft<KeySelector> | undefined, path: Path, r: Reporter): void {
  if (!ref) return;
  checkFormat(r, [...path, 'name'], ref.name, dns1123Subdomain, true);
  checkFormat(r, [...path, 'key'], ref.key, configMapKey, true);
}
