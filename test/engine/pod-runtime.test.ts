// The pod runtime on real Docker and Podman: pods applied through the core's API run with the
// kubelet's semantics, and the tests check what a user would see — status, events, logs and the
// engine's own inspect. Several are ports of the Kubernetes node e2e tests in
// test/e2e/common/node/runtime.go ("Container Runtime blackbox test").
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ApiError } from '../../src-main/api/errors';
import { LABELS } from '../../src-main/engine/labels';
import { BUSYBOX_IMAGE, testEngineKinds } from '../support/engines';
import { busybox, containerStatus, phaseIs, podHarnessFor, podYaml, statusOf, waitForLog } from '../support/pod-harness';

// (busybox-static 1.35's `wget -T` segfaults: the scripts below never pass a timeout.)

/** A script that serves `text` at http://…:8080/ (and /index.html) with busybox httpd. */
const serveText = (text: string) => `echo -n ${text} > /www/index.html && exec httpd -f -p 8080 -h /www`;

/** `KEY=value` lines of `env` output as a map (later lines win, as the shell would see them). */
function parseEnv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return env;
}

const timings: string[] = [];
/** Runs one step and records how long it took (printed at the end, for the report). */
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

for (const kind of testEngineKinds()) {
  describe(`pod runtime on ${kind}`, () => {
    let suiteStarted = 0;
    before(() => {
      suiteStarted = Date.now();
    });

    test('e2e: a container that exits runs with the expected status for each restart policy', async (t) => {
      const h = await podHarnessFor(t, kind);
      // runtime.go: fails on its first run, succeeds on its second, then runs on; the run count
      // lives in an emptyDir, so it survives the restarts. `$(echo …)` is no variable reference
      // Kubernetes knows: it reaches the shell as written.
      const script = `f=/restart-count/restartCount
count=$(echo 'hello' >> $f ; wc -l $f | awk {'print $1'})
if [ $count -eq 1 ]; then
    exit 1
fi
if [ $count -eq 2 ]; then
    exit 0
fi
while true; do sleep 1; done`;
      const pod = (name: string, policy: string) =>
        podYaml(
          name,
          busybox(name, script, `
    volumeMounts:
    - name: restart-count
      mountPath: /restart-count`),
          { restartPolicy: policy, grace: 1, spec: '\n  volumes:\n  - name: restart-count\n    emptyDir: {}' },
        );
      await h.apply([pod('terminate-cmd-rpa', 'Always'), pod('terminate-cmd-rpof', 'OnFailure'), pod('terminate-cmd-rpn', 'Never')].join('---\n'));

      const [always, onFailure, never] = await timed(`${kind} restart policies`, () =>
        Promise.all([
          h.waitForPod('terminate-cmd-rpa', (p) => containerStatus(p, 'terminate-cmd-rpa').restartCount === 2 && phaseIs('Running')(p) && Boolean(containerStatus(p, 'terminate-cmd-rpa').state.running), 45_000, 'Running with restartCount 2'),
          h.waitForPod('terminate-cmd-rpof', phaseIs('Succeeded'), 30_000, 'Succeeded'),
          h.waitForPod('terminate-cmd-rpn', phaseIs('Failed'), 30_000, 'Failed'),
        ]),
      );

      const a = containerStatus(always, 'terminate-cmd-rpa');
      assert.equal(statusOf(always).phase, 'Running');
      assert.equal(a.restartCount, 2);
      assert.ok(a.state.running, `Always: state ${JSON.stringify(a.state)}`);
      assert.equal(a.lastState.terminated?.exitCode, 0, 'the last run before this one succeeded');
      // The container has no readiness probe: ready once running (e2e: IsReady == true).
      const ready = await h.waitForPod('terminate-cmd-rpa', (p) => containerStatus(p, 'terminate-cmd-rpa').ready, 10_000, 'ready');
      assert.equal(containerStatus(ready, 'terminate-cmd-rpa').ready, true);

      const f = containerStatus(onFailure, 'terminate-cmd-rpof');
      assert.equal(f.restartCount, 1);
      assert.equal(f.ready, false);
      assert.equal(f.state.terminated?.exitCode, 0);
      assert.equal(f.state.terminated?.reason, 'Completed');
      assert.equal(f.lastState.terminated?.exitCode, 1);

      const n = containerStatus(never, 'terminate-cmd-rpn');
      assert.equal(n.restartCount, 0);
      assert.equal(n.ready, false);
      assert.equal(n.state.terminated?.exitCode, 1);
      assert.equal(n.state.terminated?.reason, 'Error');

      // What the engine holds agrees: the Never pod ran one instance, the Always pod three
      // (the newest exited one is kept for `logs --previous`, older ones removed).
      const neverContainers = (await h.engineContainers('terminate-cmd-rpn')).filter((c) => c.labels[LABELS.role] === 'container');
      assert.equal(neverContainers.length, 1);
      const alwaysContainers = (await h.engineContainers('terminate-cmd-rpa')).filter((c) => c.labels[LABELS.role] === 'container');
      assert.deepEqual(alwaysContainers.map((c) => c.labels[LABELS.restartCount]).sort(), ['1', '2']);
    });

    test('e2e: termination messages from the file (root, uid 10000 at a custom path) and FallbackToLogsOnError', async (t) => {
      const h = await podHarnessFor(t, kind);
      const pod = (name: string, script: string, extra = '') => podYaml(name, busybox('main', script, extra), { restartPolicy: 'Never' });
      const cases: { name: string; yaml: string; phase: string; message: string | undefined }[] = [
        { name: 'msg-root', yaml: pod('msg-root', 'echo -n DONE > /dev/termination-log', '\n    securityContext:\n      runAsUser: 0'), phase: 'Succeeded', message: 'DONE' },
        {
          name: 'msg-nonroot',
          yaml: pod('msg-nonroot', 'echo -n DONE > /dev/termination-custom-log', '\n    terminationMessagePath: /dev/termination-custom-log\n    securityContext:\n      runAsUser: 10000'),
          phase: 'Succeeded',
          message: 'DONE',
        },
        { name: 'msg-fallback-fails', yaml: pod('msg-fallback-fails', 'echo -n DONE; false', '\n    terminationMessagePolicy: FallbackToLogsOnError'), phase: 'Failed', message: 'DONE' },
        { name: 'msg-fallback-succeeds', yaml: pod('msg-fallback-succeeds', 'echo -n OK', '\n    terminationMessagePolicy: FallbackToLogsOnError'), phase: 'Succeeded', message: undefined },
        {
          name: 'msg-fallback-file',
          yaml: pod('msg-fallback-file', 'echo -n from-file > /dev/termination-log; echo some log output; exit 1', '\n    terminationMessagePolicy: FallbackToLogsOnError'),
          phase: 'Failed',
          message: 'from-file',
        },
        {
          name: 'msg-fallback-file-ok',
          yaml: pod('msg-fallback-file-ok', 'echo -n OK > /dev/termination-log', '\n    terminationMessagePolicy: FallbackToLogsOnError'),
          phase: 'Succeeded',
          message: 'OK',
        },
      ];
      await h.apply(cases.map((c) => c.yaml).join('---\n'));
      const pods = await timed(`${kind} termination messages`, () =>
        Promise.all(cases.map((c) => h.waitForPod(c.name, (p) => ['Succeeded', 'Failed'].includes(statusOf(p).phase ?? ''), 30_000, 'a final phase'))),
      );
      cases.forEach((c, index) => {
        const pod = pods[index]!;
        assert.equal(statusOf(pod).phase, c.phase, `${c.name}: phase`);
        const terminated = containerStatus(pod, 'main').state.terminated;
        assert.ok(terminated, `${c.name}: not terminated: ${JSON.stringify(pod.status)}`);
        // Kubernetes omits an empty message.
        assert.equal(terminated.message, c.message, `${c.name}: termination message`);
      });
    });

    test('environment: hostname, $(VAR) expansion, envFrom, downward API, resources and service links', async (t) => {
      const h = await podHarnessFor(t, kind);
      const longName = `long-${'x'.repeat(60)}-name-end`; // 73 characters
      const printEnv = busybox('main', 'env; echo "hostname=$(hostname)"');
      await h.apply(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  HOST: cm-host
  PORT: "8080"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  USER: YWRtaW4=
---
apiVersion: v1
kind: Service
metadata:
  name: foo
spec:
  selector:
    app: nothing-selects-this
  ports:
  - name: http
    port: 80
    targetPort: 8080
  - name: admin-port
    port: 9000
`);
      await h.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: env-main
  labels:
    k: label-value
  annotations:
    k: annotation-value
spec:
  hostname: custom-host
  serviceAccountName: builder
  restartPolicy: Never
  containers:
  - name: main
    image: ${BUSYBOX_IMAGE}
    imagePullPolicy: Never
    command: ["sh", "-c", "sleep 3; env; echo \\"hostname=$(hostname)\\"; echo \\"arg0=$0\\"; echo \\"arg1=$1\\"; echo \\"arg2=$2\\"", "$(GREETING)", "$$(GREETING)", "$(MISSING)"]
    resources:
      limits:
        memory: 64Mi
    envFrom:
    - prefix: CM_
      configMapRef:
        name: settings
    - prefix: SEC_
      secretRef:
        name: creds
    env:
    - name: GREETING
      value: hello
    - name: COMPOSED
      value: $(GREETING) world
    - name: ESCAPED
      value: $$(GREETING)
    - name: UNRESOLVED
      value: $(NOT_DEFINED)-x
    - name: FROM_ENVFROM
      value: $(CM_HOST):$(CM_PORT)
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: POD_NAMESPACE
      valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
    - name: POD_UID
      valueFrom: {fieldRef: {fieldPath: metadata.uid}}
    - name: LABEL_K
      valueFrom: {fieldRef: {fieldPath: "metadata.labels['k']"}}
    - name: ANNOTATION_K
      valueFrom: {fieldRef: {fieldPath: "metadata.annotations['k']"}}
    - name: NODE_NAME
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    - name: SA_NAME
      valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: HOST_IP
      valueFrom: {fieldRef: {fieldPath: status.hostIP}}
    - name: MEMORY_LIMIT_MI
      valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
---${podYaml('env-plain', printEnv, { restartPolicy: 'Never' })}---${podYaml(longName, printEnv, { restartPolicy: 'Never', spec: '\n  enableServiceLinks: false' })}`);
      // A Service made after env-main's container was created: not in its environment.
      await h.waitForPod('env-main', phaseIs('Running'), 30_000, 'Running');
      await h.apply(`
apiVersion: v1
kind: Service
metadata:
  name: bar
spec:
  selector:
    app: nothing-selects-this
  ports:
  - port: 81
`);
      assert.equal(statusOf(await h.getPod('env-main')).phase, 'Running', 'bar must be applied while env-main still runs, or the check below proves nothing');
      const [main, plain, long] = await timed(`${kind} environment`, () =>
        Promise.all([h.waitForPod('env-main', phaseIs('Succeeded')), h.waitForPod('env-plain', phaseIs('Succeeded')), h.waitForPod(longName, phaseIs('Succeeded'))]),
      );
      const log = await h.logs('env-main');
      const env = parseEnv(log);
      const expect = (name: string, value: string | undefined) => assert.equal(env.get(name), value, `${name} in:\n${log}`);

      expect('hostname', 'custom-host');
      expect('HOSTNAME', 'custom-host');
      expect('GREETING', 'hello');
      expect('COMPOSED', 'hello world');
      expect('ESCAPED', '$(GREETING)');
      expect('UNRESOLVED', '$(NOT_DEFINED)-x');
      expect('FROM_ENVFROM', 'cm-host:8080');
      expect('arg0', 'hello');
      expect('arg1', '$(GREETING)');
      expect('arg2', '$(MISSING)');
      expect('CM_HOST', 'cm-host');
      expect('CM_PORT', '8080');
      expect('SEC_USER', 'admin');
      expect('POD_NAME', 'env-main');
      expect('POD_NAMESPACE', h.namespace);
      expect('POD_UID', main.metadata.uid);
      expect('LABEL_K', 'label-value');
      expect('ANNOTATION_K', 'annotation-value');
      expect('NODE_NAME', h.core.node.name);
      expect('SA_NAME', 'builder');
      expect('MEMORY_LIMIT_MI', '64');
      const status = statusOf(main);
      assert.match(env.get('POD_IP') ?? '', /^\d+\.\d+\.\d+\.\d+$/, `POD_IP in:\n${log}`);
      assert.equal(env.get('POD_IP'), status.podIP, 'status.podIP is what the container was told');
      assert.match(env.get('HOST_IP') ?? '', /^\d+\.\d+\.\d+\.\d+$/, `HOST_IP in:\n${log}`);
      assert.equal(env.get('HOST_IP'), status.hostIP);
      // Service links of `foo` (made before the pod); Berth has no cluster IPs: the host is the name.
      expect('FOO_SERVICE_HOST', 'foo');
      expect('FOO_SERVICE_PORT', '80');
      expect('FOO_SERVICE_PORT_HTTP', '80');
      expect('FOO_SERVICE_PORT_ADMIN_PORT', '9000');
      expect('FOO_PORT', 'tcp://foo:80');
      expect('FOO_PORT_80_TCP', 'tcp://foo:80');
      expect('FOO_PORT_80_TCP_PROTO', 'tcp');
      expect('FOO_PORT_80_TCP_PORT', '80');
      expect('FOO_PORT_80_TCP_ADDR', 'foo');
      expect('FOO_PORT_9000_TCP', 'tcp://foo:9000');
      assert.deepEqual([...env.keys()].filter((k) => k.startsWith('BAR_')), [], 'a Service made after the container is not in its environment');

      const plainEnv = parseEnv(await h.logs('env-plain'));
      assert.equal(plainEnv.get('hostname'), 'env-plain', 'without spec.hostname the hostname is the pod name');
      assert.equal(plainEnv.get('FOO_SERVICE_HOST'), 'foo');
      assert.equal(statusOf(plain).phase, 'Succeeded');

      const longLog = await h.logs(longName);
      const longEnv = parseEnv(longLog);
      assert.equal(longEnv.get('hostname'), longName.slice(0, 63), 'a pod name over 63 characters is cut to 63 for the hostname');
      assert.equal(longEnv.get('hostname')?.length, 63);
      assert.deepEqual([...longEnv.keys()].filter((k) => k.startsWith('FOO_')), [], `enableServiceLinks: false gives no service variables:\n${longLog}`);
      assert.equal(statusOf(long).phase, 'Succeeded');
    });

    test('two containers of a pod talk over localhost', async (t) => {
      const h = await podHarnessFor(t, kind);
      const web = busybox('web', serveText('hello-from-web'));
      const client = busybox('client', 'until wget -qO- http://localhost:8080/index.html; do sleep 0.3; done; echo; echo fetched; exec sleep 3600');
      await h.apply(podYaml('pair', `${web}${client}`, { grace: 1 }));
      const log = await timed(`${kind} localhost (from apply)`, async () => {
        await h.waitForPod('pair', phaseIs('Running'), 30_000, 'Running');
        return waitForLog(h, 'pair', 'client', /fetched/);
      });
      assert.equal(log, 'hello-from-web\nfetched\n');
    });

    test('a pod reaches another through a Service name', async (t) => {
      const h = await podHarnessFor(t, kind);
      // The Service first (so the backend's sandbox gets its name as a network alias), then B.
      await h.apply(`
apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  selector:
    app: backend
  ports:
  - port: 8080
---${podYaml('backend-pod', busybox('web', serveText('from-backend')), { grace: 1, metadata: '\n  labels:\n    app: backend' })}`);
      await h.waitForPod('backend-pod', phaseIs('Running'), 30_000, 'Running');
      const fetchBackend =
        'for i in $(seq 1 40); do if wget -qO- http://backend:8080/; then echo; echo fetched; exec sleep 3600; fi; sleep 0.5; done; echo gave up; nslookup backend; cat /etc/resolv.conf; exec sleep 3600';
      await h.apply(podYaml('frontend', busybox('client', fetchBackend), { grace: 1 }));
      const log = await timed(`${kind} service name`, () => waitForLog(h, 'frontend', 'client', /fetched|gave up/, 60_000));
      assert.match(log, /^from-backend\nfetched\n$/, `the frontend could not reach http://backend:8080/ on ${kind}:\n${log}`);
    });

    test('init containers run in order; an emptyDir survives an app restart; configMap and secret volumes', async (t) => {
      const h = await podHarnessFor(t, kind);
      await h.apply(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: files
data:
  app.conf: |
    port=8080
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  password: aHVudGVyMg==
---
apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  terminationGracePeriodSeconds: 1
  volumes:
  - name: work
    emptyDir: {}
  - name: cfg
    configMap:
      name: files
      defaultMode: 0640
  - name: creds
    secret:
      secretName: creds
      defaultMode: 0400
  initContainers:${busybox('init-1', 'sleep 1; echo -n init-1 >> /work/order', `
    volumeMounts:
    - {name: work, mountPath: /work}`)}${busybox('init-2', 'echo -n " init-2" >> /work/order', `
    volumeMounts:
    - {name: work, mountPath: /work}`)}
  containers:${busybox(
        'app',
        'echo run >> /work/runs; echo "order=$(cat /work/order)"; echo "runs=$(wc -l < /work/runs)"; echo "cfg=$(cat /etc/cfg/app.conf)"; echo "cfgmode=$(stat -L -c %a /etc/cfg/app.conf)"; echo "secret=$(cat /etc/creds/password)"; echo "secretmode=$(stat -L -c %a /etc/creds/password)"; echo ready; exec sleep 3600',
        `
    volumeMounts:
    - {name: work, mountPath: /work}
    - {name: cfg, mountPath: /etc/cfg}
    - {name: creds, mountPath: /etc/creds}`,
      )}
`);
      const running = await timed(`${kind} init containers`, () => h.waitForPod('init-demo', phaseIs('Running'), 30_000, 'Running'));
      const first = parseEnv(await waitForLog(h, 'init-demo', 'app', /ready/));
      assert.equal(first.get('order'), 'init-1 init-2', 'init-1 finished before init-2 started, both before the app');
      assert.equal(first.get('runs'), '1');
      assert.equal(first.get('cfg'), 'port=8080');
      assert.equal(first.get('cfgmode'), '640');
      assert.equal(first.get('secret'), 'hunter2');
      assert.equal(first.get('secretmode'), '400');
      for (const name of ['init-1', 'init-2']) {
        const s = containerStatus(running, name);
        assert.equal(s.state.terminated?.exitCode, 0, `${name}: ${JSON.stringify(s)}`);
        assert.equal(s.state.terminated?.reason, 'Completed');
      }
      const init1Done = Date.parse(containerStatus(running, 'init-1').state.terminated!.finishedAt!);
      const init2Started = Date.parse(containerStatus(running, 'init-2').state.terminated!.startedAt!);
      assert.ok(init2Started >= init1Done - 1000, `init-2 started (${init2Started}) after init-1 finished (${init1Done})`);

      // Kill the app's process on the engine: the kubelet logic restarts it; the emptyDir stays.
      const app = await h.runningContainer('init-demo', 'app');
      await h.engine.killContainer(app.id, 'SIGKILL');
      const restarted = await timed(`${kind} restart after kill`, () =>
        h.waitForPod('init-demo', (p) => containerStatus(p, 'app').restartCount === 1 && Boolean(containerStatus(p, 'app').state.running), 30_000, 'app restarted once'),
      );
      assert.equal(containerStatus(restarted, 'app').lastState.terminated?.exitCode, 137);
      const second = parseEnv(await waitForLog(h, 'init-demo', 'app', /ready/));
      assert.equal(second.get('runs'), '2', 'the file the first instance wrote is still there');
      assert.equal(second.get('order'), 'init-1 init-2', 'init containers did not run again for a container restart');
      assert.equal(containerStatus(restarted, 'init-1').restartCount, 0);
      const previous = await h.logs('init-demo', 'app', true);
      assert.match(previous, /^run|order=init-1 init-2\nruns=1\n/m, `logs --previous is the killed instance:\n${previous}`);
    });

    test('RuntimeClass: handlers, an unknown class, an unknown handler, and a nodeSelector that does not match', async (t) => {
      const h = await podHarnessFor(t, kind);
      await h.apply(`
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: runc
handler: runc
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: crun
handler: crun
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: bogus
handler: no-such-runtime
`);
      const pod = (name: string, spec: string) => podYaml(name, busybox('main', 'exec sleep 3600'), { grace: 1, spec });
      await h.apply(
        [
          pod('on-runc', '\n  runtimeClassName: runc'),
          pod('on-crun', '\n  runtimeClassName: crun'),
          pod('on-bogus', '\n  runtimeClassName: bogus'),
          pod('elsewhere', '\n  nodeSelector:\n    kubernetes.io/hostname: some-other-node'),
        ].join('---\n'),
      );

      // An unknown RuntimeClass name is refused at apply, and nothing is stored.
      await assert.rejects(h.apply(pod('no-class', '\n  runtimeClassName: missing')), (error: unknown) => {
        assert.ok(error instanceof ApiError, String(error));
        const messages = (error.diagnostics ?? []).map((d) => d.message);
        assert.ok(
          messages.some((m) => m === 'pods "no-class" is forbidden: pod rejected: RuntimeClass "missing" not found'),
          `diagnostics: ${JSON.stringify(messages)}`,
        );
        return true;
      });
      assert.equal((await h.api.listPods({ namespace: h.namespace })).some((p) => p.name === 'no-class'), false);

      const onRunc = await h.waitForPod('on-runc', phaseIs('Running'), 30_000, 'Running');
      const runcApp = await h.runningContainer('on-runc', 'main');
      assert.equal(await h.engine.containerRuntime(runcApp.id), 'runc');
      assert.equal(statusOf(onRunc).phase, 'Running');

      if (kind === 'docker') {
        await h.waitForPod('on-crun', phaseIs('Running'), 30_000, 'Running');
        const crunApp = await h.runningContainer('on-crun', 'main');
        assert.equal(crunApp.raw.HostConfig.Runtime, 'crun', 'the app container runs on crun');
        const sandbox = (await h.engineContainers('on-crun')).find((c) => c.labels[LABELS.role] === 'sandbox')!;
        assert.equal((await h.engine.inspectContainer(sandbox.id)).raw.HostConfig.Runtime, 'crun', 'and so does the sandbox');
        assert.equal(runcApp.raw.HostConfig.Runtime, 'runc');
      } else {
        // Podman's compatible API cannot select a runtime: never reported as honoured.
        const failed = await h.waitForPod('on-crun', phaseIs('Failed'), 30_000, 'Failed');
        assert.equal(statusOf(failed).reason, 'FailedCreatePodSandBox');
        const event = await h.waitForEvent('on-crun', (e) => e.reason === 'FailedCreatePodSandBox');
        assert.equal(event.type, 'Warning');
        assert.match(event.message, /^Failed to create pod sandbox: RuntimeHandler "crun" cannot be selected on Podman/);
        assert.equal((await h.engineContainers('on-crun')).length, 0, 'nothing was created for it');
      }

      const bogus = await h.waitForPod('on-bogus', phaseIs('Failed'), 30_000, 'Failed');
      assert.equal(statusOf(bogus).reason, 'FailedCreatePodSandBox');
      const bogusEvent = await h.waitForEvent('on-bogus', (e) => e.reason === 'FailedCreatePodSandBox');
      assert.equal(bogusEvent.type, 'Warning');
      assert.match(bogusEvent.message, /"no-such-runtime"/, 'the event names the missing runtime');
      assert.equal((await h.engineContainers('on-bogus')).length, 0);

      const scheduling = await h.waitForEvent('elsewhere', (e) => e.reason === 'FailedScheduling');
      assert.equal(scheduling.type, 'Warning');
      assert.match(scheduling.message, /^0\/1 nodes are available: 1 node\(s\) didn't match Pod's node affinity\/selector\./);
      const elsewhere = await h.getPod('elsewhere');
      assert.equal(statusOf(elsewhere).phase, 'Pending');
      const scheduled = statusOf(elsewhere).conditions?.find((c) => c.type === 'PodScheduled');
      assert.deepEqual([scheduled?.status, scheduled?.reason], ['False', 'Unschedulable']);
      assert.equal((await h.engineContainers('elsewhere')).length, 0, 'an unscheduled pod has no containers');
    });

    test('CrashLoopBackOff: first restart at once, then a 10 s back-off with its event', async (t) => {
      const h = await podHarnessFor(t, kind);
      await h.apply(podYaml('crasher', busybox('main', 'echo crashing; exit 1'), { grace: 1 }));
      const pod = await timed(`${kind} crash loop`, () =>
        h.waitForPod('crasher', (p) => containerStatus(p, 'main').state.waiting?.reason === 'CrashLoopBackOff', 30_000, 'CrashLoopBackOff'),
      );
      const main = containerStatus(pod, 'main');
      const fullName = `crasher_${h.namespace}(${pod.metadata.uid})`;
      assert.equal(main.restartCount, 1, 'the first restart was immediate; the back-off holds the second');
      assert.equal(main.state.waiting?.message, `back-off 10s restarting failed container=main pod=${fullName}`);
      assert.equal(main.lastState.terminated?.exitCode, 1);
      assert.equal(main.lastState.terminated?.reason, 'Error');
      assert.equal(main.ready, false);
      assert.equal(statusOf(pod).phase, 'Running', 'a pod in CrashLoopBackOff is still Running (kubectl shows the reason)');
      const event = await h.waitForEvent('crasher', (e) => e.reason === 'BackOff');
      assert.equal(event.type, 'Warning');
      assert.equal(event.message, `Back-off restarting failed container main in pod ${fullName}`);
      assert.equal(event.involvedObject.fieldPath, 'spec.containers{main}');
      const summary = (await h.api.listPods({ namespace: h.namespace })).find((p) => p.name === 'crasher');
      assert.equal(summary?.status, 'CrashLoopBackOff');
    });

    test('delete stops all containers in parallel within the grace period', async (t) => {
      const h = await podHarnessFor(t, kind);
      // Both ignore SIGTERM (the trap), so each needs the full grace period before SIGKILL.
      const stubborn = "trap '' TERM; while true; do sleep 1; done";
      await h.apply(podYaml('stubborn', `${busybox('one', stubborn)}${busybox('two', stubborn)}`, { grace: 3 }));
      await h.waitForPod('stubborn', (p) => statusOf(p).containerStatuses?.every((c) => c.state.running) === true, 30_000, 'both containers running');
      const apps = await Promise.all(['one', 'two'].map((name) => h.runningContainer('stubborn', name)));
      const started = Date.now();
      // When each app container stopped running (the engine's own wait), and when the pod was gone.
      const stopped = apps.map((app) =>
        h.engine.docker
          .getContainer(app.id)
          .wait({ condition: 'not-running' })
          .catch(() => undefined)
          .then(() => (Date.now() - started) / 1000),
      );
      await h.api.deletePod({ namespace: h.namespace, name: 'stubborn' });
      await h.waitForPodGone('stubborn', 30_000);
      const seconds = (Date.now() - started) / 1000;
      const exits = await Promise.all(stopped);
      timings.push(
        `${kind} delete with grace 3 s, two containers ignoring SIGTERM: stopped after ${exits.map((e) => e.toFixed(2)).join(' and ')} s, pod gone after ${seconds.toFixed(2)} s`,
      );
      for (const exit of exits) {
        assert.ok(exit >= 2.5, `a container stopped after ${exit} s: the 3 s grace period was not honoured`);
        assert.ok(exit < 5, `a container stopped after ${exit} s: the containers were not stopped in parallel (one after the other: 3 s and 6 s)`);
      }
      assert.ok(seconds < 8, `gone after ${seconds} s (containers stopped after ${exits.join(', ')} s)`);
      const events = await h.events('stubborn');
      assert.deepEqual(
        events.filter((e) => e.reason === 'Killing').map((e) => e.message).sort(),
        ['Stopping container one', 'Stopping container two'],
      );
      const left = await h.engine.listContainers({ all: true, labels: { [LABELS.instance]: h.instance } });
      assert.deepEqual(left.map((c) => c.name), [], 'the pod\'s containers are gone from the engine');
    });

    test('timings', () => {
      timings.push(`${kind} suite: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
      process.stderr.write(`\n${timings.filter((l) => l.startsWith(kind)).join('\n')}\n`);
    });
  });
}

