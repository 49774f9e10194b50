// Small builders for the environment tests.
import type { ConfigMap, Container, Pod, Secret, Service, ServicePort } from '../../../src-main/model';

export function makeContainer(overrides: Partial<Container> = {}): Container {
  return {
    name: 'app',
    image: 'busybox:1.36',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...overrides,
  };
}

export function makePod(containers: Container[], spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', uid: 'uid-123', ...meta },
    spec: { containers, restartPolicy: 'Always', terminationGracePeriodSeconds: 30, enableServiceLinks: true, ...spec },
  };
}

export function makeService(
  name: string,
  ports: Partial<ServicePort>[],
  spec: Partial<Service['spec']> = {},
  namespace = 'shop',
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: {
      type: 'ClusterIP',
      ports: ports.map((p) => ({ port: 80, targetPort: p.port ?? 80, protocol: 'TCP', ...p })),
      ...spec,
    },
  };
}

export function makeConfigMap(name: string, data: Record<string, string>, namespace = 'shop'): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

/** A Secret from plain values (stored base64, as the importer stores them). */
export function makeSecret(name: string, plain: Record<string, string>, namespace = 'shop'): Secret {
  const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data };
}
