// Everything an apply would refuse, found before anything is written (bad input changes
// nothing): the RuntimeClass admission, a pod being deleted or re-applied with another spec, and
// the update rules of ConfigMaps and Secrets. Reads the store; writes nothing.
import type { ImportResult } from '../kube';
import { namespaceOf } from '../kube/defaults';
import type { Diagnostic, KubeObject, PodRecord } from '../model';
import type { Store } from '../store';
import { admitRuntimeClass } from './admission';
import { objectUpdateDenials } from './object-updates';
import type { ClusterObjects } from '../kubelet/host';
import { specAsApplied } from './pod-object';
import type { ObjectRef } from './results';

type PodObjectInput = Extract<KubeObject, { kind: 'Pod' }>;

export function refOf(object: KubeObject): ObjectRef {
  const metadata = object.metadata;
  return { kind: object.kind, namespace: object.kind === 'RuntimeClass' ? '' : namespaceOf(metadata), name: metadata.name };
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A RuntimeClass's nodeSelector, from the same file or the store; null when there is no such class. */
export function runtimeClassNodeSelector(store: Store, name: string | undefined, imported: readonly KubeObject[]): Record<string, string> | null {
  if (!name) return {};
  const fromImport = imported.find((o) => o.kind === 'RuntimeClass' && o.metadata.name === name);
  const manifest = (fromImport ?? store.getObject('RuntimeClass', '', name)?.manifest) as { scheduling?: { nodeSelector?: Record<string, string> } } | undefined;
  if (!manifest) return null;
  return manifest.scheduling?.nodeSelector ?? {};
}

function podSpecUnchanged(existing: PodRecord, pod: PodObjectInput): boolean {
  const incoming = pod.spec;
  return sameJson(specAsApplied(existing.manifest.spec, incoming.nodeName !== undefined), incoming);
}

/** A Secret's data may be written as stringData (merged into data on import): point there. */
function secretDataWrittenAs(result: ImportResult, index: number, path: string[]): string[] {
  if (path[0] !== 'data' || result.objects[index]?.kind !== 'Secret') return path;
  const root = result.locate(index, []);
  const data = result.locate(index, ['data']);
  return data.line === root.line && data.column === root.column ? ['stringData'] : path;
}

export function applyRefusals(result: ImportResult, fileName: string, stored: { store: Store; cluster: ClusterObjects }): Diagnostic[] {
  const { store, cluster } = stored;
  const errors: Diagnostic[] = [];
  const objects = result.objects;
  objects.forEach((object, index) => {
    // Positioned at the field the refusal is about, as the importer positions its own errors.
    const refuse = (path: string[], message: string) =>
      errors.push({ severity: 'error', file: fileName, ...result.locate(index, path), path: path.join('.'), message });
    if (object.kind === 'ConfigMap' || object.kind === 'Secret') {
      const { namespace, name } = refOf(object);
      const previous = object.kind === 'Secret' ? cluster.secret(namespace, name) : cluster.configMap(namespace, name);
      for (const denial of previous ? objectUpdateDenials(previous, object) : []) refuse(secretDataWrittenAs(result, index, denial.path), denial.message);
    }
    if (object.kind !== 'Pod') return;
    const spec = object.spec;
    const ref = refOf(object);
    const denied = admitRuntimeClass({ namespace: ref.namespace, name: ref.name, ...spec }, (name) => {
      const nodeSelector = runtimeClassNodeSelector(store, name, objects);
      return nodeSelector === null ? null : { name, nodeSelector };
    });
    if (denied) refuse(denied.path, denied.message);
    const existing = store.getPod(ref.namespace, ref.name);
    if (existing && existing.deletionTimestamp !== null) {
      refuse(['metadata', 'name'], `pods "${ref.name}" is being deleted; apply again once it is gone`);
    } else if (existing && !podSpecUnchanged(existing, object)) {
      refuse(
        ['spec'],
        `pods "${ref.name}" already exists with a different spec: a pod's spec cannot be changed once created; delete it first (berth delete pod ${ref.name} -n ${ref.namespace})`,
      );
    }
  });
  return errors;
}
