// The shapes of the non-Pod kinds Berth imports.
import type { ConfigMap, RuntimeClass, Secret, Service, ServicePort, ServiceSpec, Toleration } from '../../model';
import { any, base64, bool, dict, ignore, int, intOrString, list, obj, quantity, str, stringMap } from './dsl';
import { metadataSpec } from './metadata';
import { statusIgnored } from './pod';

// `stringData` is write-only input: the defaulter merges it into `data`.
export const secretShape = obj<Secret & { stringData?: Record<string, string> }>({
  apiVersion: str,
  kind: str,
  metadata: metadataSpec,
  type: str,
  data: dict(base64),
  stringData: stringMap,
  immutable: bool,
});

export const configMapShape = obj<ConfigMap>({
  apiVersion: str,
  kind: str,
  metadata: metadataSpec,
  data: stringMap,
  binaryData: dict(base64),
  immutable: bool,
});

const serviceSpec = obj<ServiceSpec>(
  {
    selector: stringMap,
    ports: list(
      obj<ServicePort>({
        name: str,
        port: int,
        targetPort: intOrString,
        protocol: str,
        nodePort: int,
        appProtocol: str,
      }),
    ),
    type: str,
    clusterIP: str,
    externalName: str,
  },
  {
    ignored: {
      ...ignore(
        'externalIPs',
        'loadBalancerIP',
        'loadBalancerSourceRanges',
        'loadBalancerClass',
        'externalTrafficPolicy',
        'healthCheckNodePort',
        'publishNotReadyAddresses',
        'sessionAffinityConfig',
        'allocateLoadBalancerNodePorts',
        'trafficDistribution',
      ),
      // What the API server fills in on every Service.
      clusterIPs: {},
      sessionAffinity: { quiet: ['None'] },
      ipFamilies: {},
      ipFamilyPolicy: { quiet: ['SingleStack'] },
      internalTrafficPolicy: { quiet: ['Cluster'] },
    },
  },
);

export const serviceShape = obj<Service>(
  { apiVersion: str, kind: str, metadata: metadataSpec, spec: serviceSpec },
  { ignored: statusIgnored },
);

export const runtimeClassShape = obj<RuntimeClass>({
  apiVersion: str,
  kind: str,
  metadata: metadataSpec,
  handler: str,
  overhead: obj<NonNullable<RuntimeClass['overhead']>>({ podFixed: dict(quantity) }),
  scheduling: obj<NonNullable<RuntimeClass['scheduling']>>({
    nodeSelector: stringMap,
    tolerations: list(
      obj<Toleration>({ key: str, operator: str, value: str, effect: str, tolerationSeconds: int }),
    ),
  }),
});

/** `kind: List`, as `kubectl get -o yaml` prints several objects; items are checked one by one. */
// Its own metadata (`resourceVersion: ""` in kubectl output) describes nothing to apply.
export const listShape = obj<{ apiVersion: string; kind: string; items: unknown[]; metadata?: unknown }>({
  apiVersion: str,
  kind: str,
  items: list(any),
  metadata: any,
});

