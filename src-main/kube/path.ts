// Field paths, printed the way the Kubernetes API prints them:
// `spec.containers[0].ports[1].name`, map entries as `metadata.labels[app]`.

/** A map key (as opposed to a schema field): printed in brackets. */
export interface MapKey {
  key: string;
}

export type Segment = string | number | MapKey;
export type Path = readonly Segment[];

export function mapKey(key: string): MapKey {
  return { key };
}

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string') out += out === '' ? seg : `.${seg}`;
    else out += `[${seg.key}]`;
  }
  return out;
}

/** A lookup key for the position index: fields and map keys are both map entries in YAML. */
export function pathKey(path: Path): string {
  return path.map((seg) => (typeof seg === 'object' ? seg.key : String(seg))).join('\u0000');
}
