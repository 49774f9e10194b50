// The kinds Berth imports: their apiVersion, shape table and validator.
import type { ObjectSpec } from './schema/dsl';
import { configMapShape, runtimeClassShape, secretShape, serviceShape } from './schema/objects';
import { podSpecShape } from './schema/pod';
import type { Reporter } from './report';
import type { KubeKind, KubeObject } from '../model';
import type { Draft } from './draft';
import { validateConfigMap, validateRuntimeClass, validateSecret, validateService } from './validate/objects';
import { validatePod } from './validate/pod';

export interface KindInfo {
  kind: KubeKind;
  apiVersion: string;
  shape: ObjectSpec;
  /** Cluster-scoped kinds have no namespace. */
  namespaced: boolean;
  validate: (object: Draft<KubeObject>, r: Reporter) => void;
}

// The validators are typed per kind; the import dispatches on `kind`, so the casts hold.
export const KINDS: readonly KindInfo[] = [
  { kind: 'Pod', apiVersion: 'v1', shape: podSpecShape, namespaced: true, validate: (o, r) => validatePod(o as never, r) },
  { kind: 'Secret', apiVersion: 'v1', shape: secretShape, namespaced: true, validate: (o, r) => validateSecret(o as never, r) },
  { kind: 'ConfigMap', apiVersion: 'v1', shape: configMapShape, namespaced: true, validate: (o, r) => validateConfigMap(o as never, r) },
  { kind: 'Service', apiVersion: 'v1', shape: serviceShape, namespaced: true, validate: (o, r) => validateService(o as never, r) },
  {
    kind: 'RuntimeClass',
    apiVersion: 'node.k8s.io/v1',
    shape: runtimeClassShape,
    namespaced: false,
    validate: (o, r) => validateRuntimeClass(o as never, r),
  },
];

export const SUPPORTED_KINDS_TEXT =
  'Berth imports Pod, Secret, ConfigMap and Service (apiVersion v1), RuntimeClass (apiVersion node.k8s.io/v1) and List';
