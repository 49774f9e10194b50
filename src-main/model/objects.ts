// The other kinds Berth imports besides Pod, and the union of all of them.
import type { IntOrString, ObjectMeta, Protocol, Quantity } from './meta';
import type { Pod } from './pod';

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  type: string;
  /** Base64 values; `stringData` has been merged in, as the API server does. */
  data?: Record<string, string>;
  immutable?: boolean;
}

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
  /** Base64 values. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: IntOrString;
  protocol: Protocol;
  nodePort?: number;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  clusterIP?: string;
  externalName?: string;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: ServiceSpec;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface RuntimeClass {
  apiVersion: 'node.k8s.io/v1';
  kind: 'RuntimeClass';
  /** Cluster-scoped: no namespace. */
  metadata: ObjectMeta;
  handler: string;
  overhead?: { podFixed?: Record<string, Quantity> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}

export type KubeObject = Pod | Secret | ConfigMap | Service | RuntimeClass;
export type KubeKind = KubeObject['kind'];
