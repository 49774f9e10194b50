// Pod volumes: unique names, exactly one (supported) source, well-formed items and modes.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';
import { SUPPORTED_VOLUME_SOURCES } from '../schema/pod';
import type { KeyToPath, Volume } from '../../model';
import type { Draft } from '../draft';
import { checkEnum, checkFormat, checkMode, each, Uniques } from './check';
import { validateFieldRef, validateResourceFieldRef, VOLUME_FIELD_PATHS } from './env';
import { configMapKey, dns1123Label, dns1123Subdomain, relativePath } from './names';
import { quantityValue } from './quantity';

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

/** Validates the volumes and returns their names, for volumeMounts to refer to. */
export function validateVolumes(
  volumes: readonly (Draft<Volume> | undefined)[] | undefined,
  path: Path,
  r: Reporter,
  containerNames: ReadonlySet<string>,
): Set<string> {
  const names = new Uniques();
  const declared = new Set<string>();
  each(volumes, (v, i) => {
    const at: Path = [...path, i];
    checkFormat(r, [...at, 'name'], v.name, dns1123Label, true);
    names.check(r, [...at, 'name'], v.name);
    if (v.name) declared.add(v.name);

    const sources = SUPPORTED_VOLUME_SOURCES.filter((s) => v[s] !== undefined);
    for (const extra of sources.slice(1)) r.error([...at, extra], 'may not specify more than 1 volume type', 'key');

    if (v.hostPath) {
      const p = v.hostPath.path;
      if (!p) r.missing([...at, 'hostPath', 'path']);
      else if (!p.startsWith('/')) r.error([...at, 'hostPath', 'path'], problems.invalid(p, 'must be an absolute path'));
      checkEnum(r, [...at, 'hostPath', 'type'], v.hostPath.type, HOST_PATH_TYPES);
    }
    if (v.emptyDir) {
      checkEnum(r, [...at, 'emptyDir', 'medium'], v.emptyDir.medium, ['', 'Memory']);
      const size = v.emptyDir.sizeLimit;
      if (size !== undefined && (quantityValue(size) ?? 0) < 0) {
        r.error([...at, 'emptyDir', 'sizeLimit'], problems.invalid(size, 'must be greater than or equal to 0'));
      }
    }
    if (v.configMap) {
      checkFormat(r, [...at, 'configMap', 'name'], v.configMap.name, dns1123Subdomain, true);
      checkMode(r, [...at, 'configMap', 'defaultMode'], v.configMap.defaultMode);
      validateItems(v.configMap.items, [...at, 'configMap', 'items'], r);
    }
    if (v.secret) {
      checkFormat(r, [...at, 'secret', 'secretName'], v.secret.secretName, dns1123Subdomain, true);
      checkMode(r, [...at, 'secret', 'defaultMode'], v.secret.defaultMode);
      validateItems(v.secret.items, [...at, 'secret', 'items'], r);
    }
    if (v.downwardAPI) {
      const base: Path = [...at, 'downwardAPI'];
      checkMode(r, [...base, 'defaultMode'], v.downwardAPI.defaultMode);
      each(v.downwardAPI.items, (item, j) => {
        const itemPath: Path = [...base, 'items', j];
        checkFormat(r, [...itemPath, 'path'], item.path, relativePath, true);
        checkMode(r, [...itemPath, 'mode'], item.mode);
        const refs = (['fieldRef', 'resourceFieldRef'] as const).filter((f) => item[f] !== undefined);
        if (refs.length !== 1) r.error(itemPath, 'must specify exactly one of: `fieldRef` or `resourceFieldRef`');
        validateFieldRef(item.fieldRef, [...itemPath, 'fieldRef'], r, VOLUME_FIELD_PATHS);
        validateResourceFieldRef(item.resourceFieldRef, [...itemPath, 'resourceFieldRef'], r, containerNames, true);
      });
    }
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
      r.missing([...at, 'persistentVolumeClaim', 'claimName']);
    }
  });
  return declared;
}

function validateItems(items: readonly (Draft<KeyToPath> | undefined)[] | undefined, path: Path, r: Reporter): void {
  const paths = new Uniques();
  each(items, (item, i) => {
    checkFormat(r, [...path, i, 'key'], item.key, configMapKey, true);
    checkFormat(r, [...path, i, 'path'], item.path, relativePath, true);
    paths.check(r, [...path, i, 'path'], item.path);
    checkMode(r, [...path, i, 'mode'], item.mode);
  });
}
