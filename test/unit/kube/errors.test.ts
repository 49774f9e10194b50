// Every class of error, as the user sees it: file:line:column: field path: message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importManifests } from '../../../src-main/kube';
import { errorsFor, errorsOf, podWith, warningsOf } from './support';

describe('diagnostic position and wording', () => {
  test('a named hook port that the container does not declare, at the port value', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    ports:',
      '    - {name: http, containerPort: 80}',
      '    lifecycle:',
      '      postStart:',
      '        httpGet: {path: /warm-up, port:',
      '          web}', // line 14, column 11
    ].join('\n');
    const result = importManifests(yaml, 'pod.yaml');
    assert.equal(result.ok, false);
    assert.deepEqual(result.objects, []);
    assert.deepEqual(errorsOf(result), [
      'pod.yaml:14:11: spec.containers[0].lifecycle.postStart.httpGet.port: port "web" is not a declared container port',
    ]);
  });

  test('the same port named as declared is accepted', () => {
    assert.deepEqual(errorsFor(podWith('    ports: [{name: web, containerPort: 80}]\n    lifecycle: {postStart: {httpGet: {port: web}}}')), []);
  });
});

describe('documents and kinds', () => {
  test('missing apiVersion, unsupported kind, wrong apiVersion, non-map document; empty documents skipped', () => {
    const yaml = 'kind: Pod\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n---\napiVersion: apps/v1\nkind: Pod\n---\n- a\n---\n# only a comment\n';
    assert.deepEqual(errorsFor(yaml), [
      'pod.yaml:1:1: apiVersion: required field is missing',
      'pod.yaml:4:7: kind: kind "Deployment" is not supported: Berth imports Pod, Secret, ConfigMap and Service (apiVersion v1), RuntimeClass (apiVersion node.k8s.io/v1) and List',
      'pod.yaml:7:13: apiVersion: apiVersion "apps/v1" is not supported for kind Pod: use "v1"',
      'pod.yaml:10:1: expected a Kubernetes object (a map with apiVersion and kind), got list',
    ]);
  });

  test('a List is imported item by item, with item paths', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: List',
      'metadata: {resourceVersion: ""}',
      'items:',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata: {name: a}',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: b}',
      '  spec: {containers: [{name: c}]}',
    ].join('\n');
    assert.deepEqual(errorsFor(yaml), ['pod.yaml:11:23: items[1].spec.containers[0].image: required field is missing']);
    const ok = importManifests(yaml.replace('[{name: c}]', '[{name: c, image: busybox}]'), 'list.yaml');
    assert.deepEqual(ok.objects.map((o) => `${o.kind}/${o.metadata.name}`), ['ConfigMap/a', 'Pod/b']);
  });

  test('an empty file imports nothing, successfully', () => {
    const { ok, errors, warnings, objects } = importManifests('# nothing here\n', 'empty.yaml');
    assert.deepEqual({ ok, errors, warnings, objects }, { ok: true, errors: [], warnings: [], objects: [] });
  });

  test('YAML syntax errors carry the parser position', () => {
    assert.deepEqual(errorsFor('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n'), [
      'pod.yaml:5:3: YAML syntax error: map keys must be unique ("name" appears twice)',
    ]);
    assert.deepEqual(errorsFor('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\nspec: {}\n'), [
      'pod.yaml:5:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});

describe('names', () => {
  test('object, namespace, label, container and port names; duplicates; all reported at once', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: Web_1
  namespace: My-NS
  labels:
    -bad-: ok
    app: "has space"
spec:
  initContainers:
  - name: app
    image: busybox
  containers:
  - name: app
    image: nginx
    ports:
    - name: http--x
      containerPort: 80
    - name: web
      containerPort: 81
    - name: web
      containerPort: 82
---
apiVersion: v1
kind: Service
metadata: {name: 1svc}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: default}
`;
    // The texts are the API server's: validation.RegexError appends "(e.g. 'a',  or 'b', regex used for
    // validation is '…')" (k8s.io/apimachinery/pkg/util/validation/validation.go).
    assert.deepEqual(errorsFor(yaml), [
      `pod.yaml:4:9: metadata.name: invalid value "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `pod.yaml:5:14: metadata.namespace: invalid value "My-NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      `pod.yaml:7:5: metadata.labels[-bad-]: invalid value "-bad-": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `pod.yaml:8:10: metadata.labels[app]: invalid value "has space": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      'pod.yaml:11:11: spec.initContainers[0].name: duplicate value "app"',
      `pod.yaml:17:13: spec.containers[0].ports[0].name: invalid value "http--x": must not contain consecutive hyphens ('--')`,
      'pod.yaml:21:13: spec.containers[0].ports[2].name: duplicate value "web"',
      `pod.yaml:26:18: metadata.name: invalid value "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      'pod.yaml:36:18: metadata.name: duplicate ConfigMap "default/cfg": it is defined more than once in this file',
    ]);
  });

  test('a port name needs a letter and at most 15 characters', () => {
    assert.deepEqual(errorsFor(podWith('    ports: [{name: "8080", containerPort: 80}, {name: a-very-long-port-name, containerPort: 81}]')), [
      'pod.yaml:9:20: spec.containers[0].ports[0].name: invalid value "8080": must contain at least one letter (a-z)',
      'pod.yaml:9:55: spec.containers[0].ports[1].name: invalid value "a-very-long-port-name": must be no more than 15 characters',
    ]);
  });
});

describe('containers and pod spec', () => {
  test('policies, ports, images, sidecar rules and host port clashes', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Sometimes
  terminationGracePeriodSeconds: -1
  initContainers:
  - name: init
    image: busybox
    restartPolicy: Never
    readinessProbe: {exec: {command: [check]}}
  containers:
  - name: a
    image: ""
    imagePullPolicy: Sometimes
    restartPolicy: Always
    terminationMessagePolicy: Stderr
    ports:
    - containerPort: 0
      hostPort: 70000
      protocol: HTTP
    - {containerPort: 8080, hostPort: 8080}
  - name: b
    image: nginx
    ports:
    - {containerPort: 80, hostPort: 8080}
`;
    assert.deepEqual(errorsFor(yaml), [
      'pod.yaml:5:18: spec.restartPolicy: unsupported value "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'pod.yaml:6:34: spec.terminationGracePeriodSeconds: invalid value -1: must be greater than or equal to 0',
      'pod.yaml:10:20: spec.initContainers[0].restartPolicy: unsupported value "Never": supported values: "Always"',
      'pod.yaml:11:21: spec.initContainers[0].readinessProbe: may not be set for init containers without restartPolicy: Always',
      'pod.yaml:14:12: spec.containers[0].image: required field is missing',
      'pod.yaml:15:22: spec.containers[0].imagePullPolicy: unsupported value "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      'pod.yaml:16:20: spec.containers[0].restartPolicy: may only be set on init containers (restartPolicy: Always makes a sidecar)',
      'pod.yaml:17:31: spec.containers[0].terminationMessagePolicy: unsupported value "Stderr": supported values: "File", "FallbackToLogsOnError"',
      'pod.yaml:19:22: spec.containers[0].ports[0].containerPort: invalid value 0: must be between 1 and 65535, inclusive',
      'pod.yaml:20:17: spec.containers[0].ports[0].hostPort: invalid value 70000: must be between 0 and 65535, inclusive',
      'pod.yaml:21:17: spec.containers[0].ports[0].protocol: unsupported value "HTTP": supported values: "TCP", "UDP", "SCTP"',
      'pod.yaml:26:37: spec.containers[1].ports[0].hostPort: duplicate value "8080/TCP"',
    ]);
  });

  test('a pod needs a container; a sidecar init container may have probes and hooks', () => {
    assert.deepEqual(errorsFor('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n'), [
      'pod.yaml:4:7: spec.containers: must have at least one container',
    ]);
    const sidecar = podWith('', '  initContainers:\n  - name: proxy\n    image: envoy:v1\n    restartPolicy: Always\n    readinessProbe: {tcpSocket: {port: 9901}}');
    const result = importManifests(sidecar, 'pod.yaml');
    assert.deepEqual(errorsOf(result), []);
    assert.equal(result.objects[0]?.kind === 'Pod' && result.objects[0].spec.initContainers?.[0]?.restartPolicy, 'Always');
  });
});

describe('env and resources', () => {
  test('names, valueFrom sources, field paths, resources and quantities', () => {
    const yaml = podWith(`    env:
    - name: A=B
      value: x
    - name: TWO
      valueFrom:
        fieldRef: {fieldPath: metadata.name}
        secretKeyRef: {name: s, key: k}
    - name: BADFIELD
      valueFrom:
        fieldRef: {fieldPath: spec.containers}
    - name: RES
      valueFrom:
        resourceFieldRef: {resource: limits.gpu}
    - name: NOSRC
      valueFrom: {}
    - name: LABEL
      valueFrom:
        fieldRef: {fieldPath: "metadata.labels['app']"}
    resources:
      limits: {memory: 1GB, cpu: 100m}
      requests: {cpu: "1"}`);
    assert.deepEqual(errorsFor(yaml), [
      `pod.yaml:10:13: spec.containers[0].env[0].name: invalid value "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'pod.yaml:15:23: spec.containers[0].env[1].valueFrom.secretKeyRef: may not have more than one field specified at a time',
      `pod.yaml:18:31: spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: unsupported value "spec.containers": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.podIP", "status.podIPs", "status.hostIP", "status.hostIPs", "metadata.labels['<KEY>']", "metadata.annotations['<KEY>']"`,
      'pod.yaml:21:38: spec.containers[0].env[3].valueFrom.resourceFieldRef.resource: unsupported value "limits.gpu": supported values: "limits.cpu", "limits.memory", "limits.ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage"',
      'pod.yaml:23:18: spec.containers[0].env[4].valueFrom: must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      'pod.yaml:28:24: spec.containers[0].resources.limits[memory]: invalid quantity "1GB": expected a number with an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) or exponent, e.g. 100m, 1Gi, 0.5, 1e3',
      'pod.yaml:29:23: spec.containers[0].resources.requests[cpu]: invalid value "1": must be less than or equal to cpu limit of 100m',
    ]);
  });

  test('quantities in every Kubernetes spelling are accepted', () => {
    const yaml = podWith('    resources:\n      limits: {cpu: 1e3, memory: 1Gi, ephemeral-storage: 0.5, example.com/dongle: 2}\n      requests: {cpu: 100m, memory: "128974848"}');
    assert.deepEqual(errorsFor(yaml), []);
  });
});

describe('volumes and mounts', () => {
  test('undeclared and duplicate mounts, relative paths, sources, items and modes', () => {
    const yaml = podWith(
      `    volumeMounts:
    - {name: missing, mountPath: /data}
    - {name: cfg, mountPath: data}
    - {name: cfg, mountPath: /etc/x}
    - {name: cfg, mountPath: /etc/x, subPath: ../up}`,
      `  volumes:
  - name: cfg
    configMap:
      name: cfg
      items: [{key: a, path: ../a, mode: 01000}]
  - name: two
    emptyDir: {}
    hostPath: {path: /tmp}
  - name: net
    nfs: {server: x, path: /}
  - name: cfg`,
    );
    assert.deepEqual(errorsFor(yaml), [
      `pod.yaml:10:30: spec.volumes[0].configMap.items[0].path: invalid value "../a": must not contain '..'`,
      'pod.yaml:10:42: spec.volumes[0].configMap.items[0].mode: invalid value 512: must be a number between 0 and 0777 (octal), both inclusive',
      'pod.yaml:13:5: spec.volumes[1].hostPath: may not specify more than 1 volume type',
      'pod.yaml:15:5: spec.volumes[2].nfs: volume type "nfs" is not supported by Berth (supported: emptyDir, hostPath, configMap, secret, downwardAPI, persistentVolumeClaim)',
      'pod.yaml:16:11: spec.volumes[3].name: duplicate value "cfg"',
      'pod.yaml:21:14: spec.containers[0].volumeMounts[0].name: volume "missing" is not declared in spec.volumes',
      'pod.yaml:22:30: spec.containers[0].volumeMounts[1].mountPath: invalid value "data": must be an absolute path',
      'pod.yaml:24:30: spec.containers[0].volumeMounts[3].mountPath: must be unique: "/etc/x" is mounted twice',
      `pod.yaml:24:47: spec.containers[0].volumeMounts[3].subPath: invalid value "../up": must not contain '..'`,
    ]);
  });

  test('a volume with no source defaults to emptyDir', () => {
    const result = importManifests(podWith('    volumeMounts: [{name: scratch, mountPath: /scratch}]', '  volumes:\n  - name: scratch'), 'pod.yaml');
    const pod = result.objects[0];
    assert.deepEqual(pod?.kind === 'Pod' && pod.spec.volumes, [{ name: 'scratch', emptyDir: {} }]);
  });
});

describe('lifecycle hooks and probes', () => {
  test('handler types, exec commands, schemes, headers, stop signals, probe fields', () => {
    const yaml = podWith(`    ports: [{name: http, containerPort: 80}]
    lifecycle:
      postStart: {}
      preStop:
        exec: {command: []}
        httpGet: {port: http, scheme: FTP, httpHeaders: [{name: "X Y", value: z}]}
      stopSignal: SIGFOO
    livenessProbe:
      grpc: {port: 70000}
      successThreshold: 2
      periodSeconds: -5
    startupProbe:
      tcpSocket: {port: metrics}`);
    assert.deepEqual(errorsFor(yaml), [
      'pod.yaml:11:18: spec.containers[0].lifecycle.postStart: must specify exactly one handler type (one of: exec, httpGet, tcpSocket, sleep)',
      'pod.yaml:13:25: spec.containers[0].lifecycle.preStop.exec.command: required field is missing',
      'pod.yaml:14:18: spec.containers[0].lifecycle.preStop.httpGet: may not specify more than one handler type (exec and httpGet are set)',
      'pod.yaml:14:39: spec.containers[0].lifecycle.preStop.httpGet.scheme: unsupported value "FTP": supported values: "HTTP", "HTTPS"',
      `pod.yaml:14:65: spec.containers[0].lifecycle.preStop.httpGet.httpHeaders[0].name: invalid value "X Y": a valid HTTP header must consist of alphanumeric characters or '-'`,
      'pod.yaml:15:19: spec.containers[0].lifecycle.stopSignal: invalid value "SIGFOO": must be a signal name such as SIGTERM, SIGINT, SIGQUIT, SIGKILL, SIGHUP, SIGUSR1 or SIGRTMIN+1',
      'pod.yaml:17:20: spec.containers[0].livenessProbe.grpc.port: invalid value 70000: must be between 1 and 65535, inclusive',
      'pod.yaml:18:25: spec.containers[0].livenessProbe.successThreshold: invalid value 2: must be 1 for livenessProbe',
      'pod.yaml:19:22: spec.containers[0].livenessProbe.periodSeconds: invalid value -5: must be greater than or equal to 0',
      'pod.yaml:21:25: spec.containers[0].startupProbe.tcpSocket.port: port "metrics" is not a declared container port',
    ]);
  });

  test('a preStop sleep must fit in the grace period, defaulted to 30 seconds', () => {
    assert.deepEqual(errorsFor(podWith('    lifecycle: {preStop: {sleep: {seconds: 31}}}')), [
      'pod.yaml:9:44: spec.containers[0].lifecycle.preStop.sleep.seconds: invalid value 31: must be between 0 and terminationGracePeriodSeconds (30), inclusive',
    ]);
    assert.deepEqual(errorsFor(podWith('    lifecycle: {preStop: {sleep: {seconds: 31}}}', '  terminationGracePeriodSeconds: 60')), []);
  });

  test('real-time stop signals as Kubernetes spells them are accepted', () => {
    assert.deepEqual(errorsFor(podWith('    lifecycle: {stopSignal: SIGRTMIN+3}')), []);
    assert.deepEqual(errorsFor(podWith('    lifecycle: {stopSignal: SIGRTMAX-2}')), []);
  });
});

describe('wrong types', () => {
  test('each wrong node is reported with the expected type, once', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: [web]
  labels: app
spec:
  terminationGracePeriodSeconds: "30"
  enableServiceLinks: yes please
  containers:
    name: app
    image: nginx
`;
    assert.deepEqual(errorsFor(yaml), [
      'pod.yaml:4:9: metadata.name: expected string, got list',
      'pod.yaml:5:11: metadata.labels: expected map, got string',
      'pod.yaml:7:34: spec.terminationGracePeriodSeconds: expected integer, got string',
      'pod.yaml:8:23: spec.enableServiceLinks: expected boolean, got string',
      'pod.yaml:10:5: spec.containers: expected list, got map',
    ]);
  });

  test('inside a container', () => {
    const yaml = podWith(`    ports:
    - containerPort: "80"
    - containerPort: 80.5
    env: {name: A}
    command: sleep 10
    stdin: 1
    args: [1, true]
    lifecycle: {preStop: {exec: {command: [echo, 8080]}}}`);
    assert.deepEqual(errorsFor(yaml), [
      'pod.yaml:10:22: spec.containers[0].ports[0].containerPort: expected integer, got string',
      'pod.yaml:11:22: spec.containers[0].ports[1].containerPort: expected integer, got number',
      'pod.yaml:12:10: spec.containers[0].env: expected list, got map',
      'pod.yaml:13:14: spec.containers[0].command: expected list, got string',
      'pod.yaml:14:12: spec.containers[0].stdin: expected boolean, got integer',
      'pod.yaml:15:12: spec.containers[0].args[0]: expected string, got integer',
      'pod.yaml:15:15: spec.containers[0].args[1]: expected string, got boolean',
      'pod.yaml:16:50: spec.containers[0].lifecycle.preStop.exec.command[1]: expected string, got integer',
    ]);
  });
});

describe('Secrets, ConfigMaps, Services, RuntimeClasses', () => {
  test('base64, required keys of typed Secrets, JSON docker config', () => {
    const yaml = `apiVersion: v1
kind: Secret
metadata: {name: s1}
data:
  key: "not base64!"
---
apiVersion: v1
kind: Secret
metadata: {name: s2}
type: kubernetes.io/dockerconfigjson
data: {}
---
apiVersion: v1
kind: Secret
metadata: {name: s3}
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: "{not json"
---
apiVersion: v1
kind: Secret
metadata: {name: s4}
type: kubernetes.io/dockercfg
data: {.dockercfg: e30=}
`;
    assert.deepEqual(errorsFor(yaml, 'secrets.yaml'), [
      'secrets.yaml:5:8: data[key]: invalid base64 data',
      'secrets.yaml:11:7: data: a kubernetes.io/dockerconfigjson Secret needs the key ".dockerconfigjson" in data or stringData',
      `secrets.yaml:18:22: stringData[.dockerconfigjson]: invalid .dockerconfigjson: the value is not JSON (Expected property name or '}' in JSON at position 1)`,
    ]);
  });

  test('a Secret type or key named like an Object.prototype member is just an unknown type (found by the fuzzer)', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const yaml = `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: ${type}\nstringData: {toString: a, constructor: b}\n`;
      assert.deepEqual(errorsFor(yaml, 'secret.yaml'), [], type);
    }
  });

  test('ConfigMap keys, Service ports, RuntimeClass handler', () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {"bad key": x, ok: z}
binaryData: {ok: eQ==}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec:
  type: Magic
  ports:
  - {port: 80, targetPort: 0x10000}
  - {name: b, port: 80}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: rc}
`;
    assert.deepEqual(errorsFor(yaml, 'objects.yaml'), [
      `objects.yaml:4:8: data[bad key]: invalid value "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
      'objects.yaml:5:14: binaryData[ok]: duplicate of key "ok" in data',
      'objects.yaml:11:9: spec.type: unsupported value "Magic": supported values: "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"',
      'objects.yaml:13:5: spec.ports[0].name: required field is missing',
      'objects.yaml:13:28: spec.ports[0].targetPort: invalid value 65536: must be between 1 and 65535, inclusive',
      'objects.yaml:14:21: spec.ports[1].port: duplicate value "80/TCP"',
      'objects.yaml:16:1: handler: required field is missing', // the document: handler is missing,
    ]);
  });
});

describe('warnings', () => {
  test('ignored and unknown fields are warned about at their key, never silently dropped', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: exported
  namespace: default
  creationTimestamp: "2024-05-01T10:00:00Z"
  resourceVersion: "12345"
  uid: 0b6a3f1e-0000-0000-0000-000000000000
spec:
  dnsPolicy: ClusterFirst
  schedulerName: default-scheduler
  hostNetwork: true
  tolerations:
  - {key: node.kubernetes.io/not-ready, operator: Exists}
  containers:
  - name: app
    image: nginx
    foo: 1
    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
status:
  phase: Running
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: rc, namespace: default}
handler: runc
`;
    const result = importManifests(yaml, 'pod.yaml');
    assert.equal(result.ok, true);
    assert.deepEqual(warningsOf(result), [
      'pod.yaml:6:3: warning: metadata.creationTimestamp: creationTimestamp, resourceVersion, uid are set by a cluster and ignored on import',
      'pod.yaml:12:3: warning: spec.hostNetwork: field is not supported by Berth and is ignored',
      'pod.yaml:13:3: warning: spec.tolerations: field is not supported by Berth and is ignored',
      'pod.yaml:18:5: warning: spec.containers[0].foo: unknown field "foo"',
      'pod.yaml:19:5: warning: spec.containers[0].resizePolicy: field is not supported by Berth and is ignored',
      'pod.yaml:20:1: warning: status: field is not supported by Berth and is ignored (status is reported by Berth, not read from the manifest)',
      'pod.yaml:25:22: warning: metadata.namespace: RuntimeClass is cluster-scoped: the namespace is ignored',
    ]);
    const [pod, rc] = result.objects;
    assert.equal(pod?.metadata.uid, undefined);
    assert.equal(rc?.metadata.namespace, undefined);
  });

  test('kubectl --dry-run output (creationTimestamp: null, empty status) is not worth a warning', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  name: a\nspec:\n  containers:\n  - image: nginx\n    name: a\n    resources: {}\n  dnsPolicy: ClusterFirst\nstatus: {}\n';
    const result = importManifests(yaml, 'pod.yaml');
    assert.deepEqual([...errorsOf(result), ...warningsOf(result)], []);
  });
});
