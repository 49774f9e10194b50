// Small builders for the volume tests.
import type { ConfigMap, Container, Pod, Secret, Volume } from '../../../src-main/model';

export function makeContainer(overrides: Partial<Container> = {}): Container {
  return {
    name: 'app',
    image: 'local/busybox:1',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...overrides,
  };
}

export function makePod(volumes: Volume[], containers: Container[] = [makeContainer()], meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'shop', uid: 'uid-123', ...meta },
    spec: { containers, volumes, restartPolicy: 'Always', terminationGracePeriodSeconds: 30, enableServiceLinks: true },
  };
}

export function makeConfigMap(name: string, data: Record<string, string>, binaryData?: Record<string, string>): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data, ...(binaryData ? { binaryData } : {}) };
}

/** Values given as plain text are stored base64-encoded, as the API server keeps them. */
export function makeSecret(name: string, plain: Record<string, string | Buffer>): Secret {
  const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, type: 'Opaque', data };
}
