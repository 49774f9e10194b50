// The example manifests shipped with Berth (resources/examples) import cleanly, defaulted
// exactly as the Kubernetes API server would default them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { importManifests } from '../../../src-main/kube';
import type { ConfigMap, Pod, RuntimeClass, Secret, Service } from '../../../src-main/model';
import { errorsOf, warningsOf } from './support';

const examples = new URL('../../../resources/examples/', import.meta.url);
function load(name: string) {
  const result = importManifests(readFileSync(new URL(name, examples)), name);
  assert.deepEqual(errorsOf(result), []);
  assert.deepEqual(warningsOf(result), []);
  assert.equal(result.ok, true);
  return result.objects;
}

describe('example manifests', () => {
  test('lifecycle-events.yaml: the docs pod with postStart and preStop exec hooks', () => {
    const [pod] = load('lifecycle-events.yaml') as [Pod];
    assert.deepEqual(pod, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lifecycle-demo', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'lifecycle-demo-container',
            image: 'nginx',
            lifecycle: {
              postStart: {
                exec: { command: ['/bin/sh', '-c', 'echo Hello from the postStart handler > /usr/share/message'] },
              },
              preStop: {
                exec: { command: ['/bin/sh', '-c', 'nginx -s quit; while killall -0 nginx; do sleep 1; done'] },
              },
            },
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'Always', // no tag means :latest
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        enableServiceLinks: true,
      },
    });
    assert.equal(pod.metadata.uid, undefined, 'the app assigns uids, not the importer');
  });

  test('private-registry.yaml: a dockerconfigjson Secret and a pod pulling with it', () => {
    const [secret, pod] = load('private-registry.yaml') as [Secret, Pod];
    assert.equal(secret.type, 'kubernetes.io/dockerconfigjson');
    assert.equal(secret.metadata.namespace, 'default');
    const config = JSON.parse(Buffer.from(secret.data?.['.dockerconfigjson'] ?? '', 'base64').toString());
    assert.deepEqual(config, { auths: { 'registry.example.com': { auth: 'dXNlcjpwYXNz' } } });
    assert.deepEqual(pod.spec.imagePullSecrets, [{ name: 'regcred' }]);
    assert.equal(pod.spec.containers[0]?.imagePullPolicy, 'IfNotPresent');
  });

  test('runtime-class.yaml: a cluster-scoped RuntimeClass and a pod naming it', () => {
    const [rc, pod] = load('runtime-class.yaml') as [RuntimeClass, Pod];
    assert.deepEqual(rc, {
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'myclass' },
      handler: 'runc',
      overhead: { podFixed: { memory: '120Mi', cpu: '250m' } },
      scheduling: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
    });
    assert.equal(pod.spec.runtimeClassName, 'myclass');
    assert.deepEqual(pod.spec.containers[0]?.command, ['sh', '-c', 'sleep 3600']);
  });

  test('multi-container.yaml: ports, env, volumes and probes, defaulted', () => {
    const [pod] = load('multi-container.yaml') as [Pod];
    const [nginx, debian] = pod.spec.containers;
    assert.equal(pod.spec.restartPolicy, 'Never');
    assert.equal(pod.spec.terminationGracePeriodSeconds, 45);
    assert.deepEqual(nginx?.ports, [{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
    assert.deepEqual(nginx?.env?.[0], {
      name: 'POD_NAME',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } },
    });
    assert.deepEqual(nginx?.readinessProbe, {
      httpGet: { path: '/index.html', port: 'http', scheme: 'HTTP' },
      initialDelaySeconds: 2,
      periodSeconds: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual(nginx?.livenessProbe, {
      tcpSocket: { port: 80 },
      failureThreshold: 5,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
    });
    assert.equal(nginx?.imagePullPolicy, 'IfNotPresent');
    assert.equal(debian?.imagePullPolicy, 'Always');
    assert.deepEqual(debian?.lifecycle, { preStop: { sleep: { seconds: 5 } }, stopSignal: 'SIGINT' });
    assert.deepEqual(pod.spec.volumes, [
      { name: 'shared-data', emptyDir: {} },
      {
        name: 'podinfo',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }], defaultMode: 0o644 },
      },
    ]);
  });

  test('app-stack.yaml: ConfigMap, Secret, Service and Pod in document order', () => {
    const objects = load('app-stack.yaml');
    assert.deepEqual(
      objects.map((o) => o.kind),
      ['ConfigMap', 'Secret', 'Service', 'Pod'],
    );
    const [cm, secret, svc, pod] = objects as [ConfigMap, Secret, Service, Pod];
    assert.equal(cm.data?.['game.properties'], 'enemy.types=aliens,monsters\nplayer.maximum-lives=5\n');
    // stringData is merged into data, base64-encoded, and the type defaults to Opaque.
    assert.deepEqual(secret.data, { username: 'bXktYXBw', password: Buffer.from('39528$vdg7Jb').toString('base64') });
    assert.equal(secret.type, 'Opaque');
    assert.equal('stringData' in secret, false);
    assert.deepEqual(svc.spec, {
      selector: { 'app.kubernetes.io/name': 'game' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      ],
      type: 'ClusterIP',
    });
    assert.deepEqual(pod.spec.volumes?.[1], { name: 'secret-volume', secret: { secretName: 'test-secret', defaultMode: 0o400 } });
    assert.deepEqual(pod.spec.volumes?.[0]?.configMap?.defaultMode, 0o644);
  });
});
