// ObjectMeta: name, namespace, labels, annotations (ValidateObjectMeta).
import { mapKey, type Path } from '../path';
import { problems, type Reporter } from '../report';
import type { ObjectMeta } from '../../model';
import type { Draft } from '../draft';
import { checkFormat } from './check';
import { dns1123Label, labelValue, qualifiedName } from './names';

/** Kubernetes' limit on all annotations of an object together. */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function validateMetadata(
  meta: Draft<ObjectMeta> | undefined,
  r: Reporter,
  nameFormat: (name: string) => string[],
): void {
  const path: Path = ['metadata'];
  if (!meta) {
    r.missing(path);
    return;
  }
  checkFormat(r, [...path, 'name'], meta.name, nameFormat, true);
  checkFormat(r, [...path, 'namespace'], meta.namespace, dns1123Label, false);
  validateLabels(meta.labels, [...path, 'labels'], r);
  validateAnnotations(meta.annotations, [...path, 'annotations'], r);
}

export function validateLabels(labels: Record<string, string | undefined> | undefined, path: Path, r: Reporter): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const reason of qualifiedName(key)) r.error([...path, mapKey(key)], problems.invalid(key, reason), 'key');
    if (value !== undefined) {
      for (const reason of labelValue(value)) r.error([...path, mapKey(key)], problems.invalid(value, reason));
    }
  }
}

function validateAnnotations(annotations: Record<string, string | undefined> | undefined, path: Path, r: Reporter): void {
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const reason of qualifiedName(key.toLowerCase())) {
      r.error([...path, mapKey(key)], problems.invalid(key, reason), 'key');
    }
    total += key.length + (value?.length ?? 0);
  }
  if (total > MAX_ANNOTATIONS_BYTES) {
    r.error(path, `annotations are too long: must have at most ${MAX_ANNOTATIONS_BYTES} bytes`);
  }
}
