// The Pod Security "baseline" check, control by control: what is flagged (with upstream's
// wording, at the offending field's line) and what baseline allows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPodSecurity, formatDiagnostic, importManifests, podSecurityFindings, podSecurityRefusal } from '../../../src-main/kube';
import { errorsFor, podWith, warningsOf } from './support';

/** Imports `yaml` (it must be valid) and returns what the user is shown about its pods' security. */
function security(yaml: string): { summary: string; lines: string[] } {
  const result = importManifests(yaml, 'pod.yaml');
  assert.deepEqual(result.errors, [], 'the test YAML is valid');
  const findings = podSecurityFindings(result, 'pod.yaml', 'warning');
  return {
    summary: findings.map((f) => podSecurityRefusal(f.name, f.verdict)).join('; '),
    lines: findings.flatMap((f) => f.diagnostics.map(formatDiagnostic)),
  };
}

const VIOLATES = 'violates PodSecurity "baseline:latest"';

/** A pod whose single container's securityContext gets `lines` (indented 6). */
const withContainerContext = (...lines: string[]) => podWith(['    securityContext:', ...lines.map((l) => `      ${l}`)].join('\n'));
/** A pod with a pod-level securityContext of `lines` (indented 4). */
const withPodContext = (...lines: string[]) => podWith('', ['  securityContext:', ...lines.map((l) => `    ${l}`)].join('\n'));

describe('Pod Security baseline: privileged containers', () => {
  test('privileged: true is named per container, init containers first as upstream visits them', () => {
    const yaml = podWith(
      ['    securityContext:', '      privileged: true'].join('\n'),
      ['  initContainers:', '  - name: setup', '    image: busybox:1.36', '    securityContext: {privileged: true}'].join('\n'),
    );
    const { summary, lines } = security(yaml);
    assert.equal(summary, `pods "web" is forbidden: ${VIOLATES}: privileged (containers "setup", "app" must not set securityContext.privileged=true)`);
    assert.deepEqual(lines, [
      `pod.yaml:9:35: warning: spec.initContainers[0].securityContext.privileged: ${VIOLATES}: privileged (container "setup" must not set securityContext.privileged=true)`,
      `pod.yaml:14:19: warning: spec.containers[0].securityContext.privileged: ${VIOLATES}: privileged (container "app" must not set securityContext.privileged=true)`,
    ]);
  });

  test('privileged: false and no security context are fine', () => {
    assert.deepEqual(security(withContainerContext('privileged: false')).lines, []);
    assert.deepEqual(security(podWith('')).lines, []);
  });
});

describe('Pod Security baseline: capabilities', () => {
  test('each added capability beyond the default set is flagged at its entry; the summary lists them sorted', () => {
    const { summary, lines } = security(withContainerContext('capabilities:', '  add: [NET_BIND_SERVICE, SYS_ADMIN, CHOWN, NET_RAW]'));
    assert.match(summary, /non-default capabilities \(container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext\.capabilities\.add\)$/);
    assert.deepEqual(lines, [
      `pod.yaml:11:33: warning: spec.containers[0].securityContext.capabilities.add[1]: ${VIOLATES}: non-default capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)`,
      `pod.yaml:11:51: warning: spec.containers[0].securityContext.capabilities.add[3]: ${VIOLATES}: non-default capabilities (container "app" must not include "NET_RAW" in securityContext.capabilities.add)`,
    ]);
  });

  test('the runtime default capabilities may be added, and any may be dropped', () => {
    const defaults = 'AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';
    assert.deepEqual(security(withContainerContext('capabilities:', `  add: [${defaults}]`, '  drop: [ALL]')).lines, []);
  });
});

describe('Pod Security baseline: host namespaces, ports and paths', () => {
  test('hostNetwork, hostPID and hostIPC are each flagged; false is fine', () => {
    const { summary, lines } = security(podWith('', '  hostIPC: true\n  hostNetwork: true\n  hostPID: false'));
    assert.match(summary, /: host namespaces \(hostIPC, hostNetwork\)$/);
    assert.deepEqual(lines, [
      `pod.yaml:6:12: warning: spec.hostIPC: ${VIOLATES}: host namespaces (hostIPC)`,
      `pod.yaml:7:16: warning: spec.hostNetwork: ${VIOLATES}: host namespaces (hostNetwork)`,
    ]);
  });

  test('Berth ignores the host namespace fields, and still says so', () => {
    const result = importManifests(podWith('', '  hostNetwork: true'), 'pod.yaml');
    assert.deepEqual(warningsOf(result), ['pod.yaml:6:3: warning: spec.hostNetwork: field is not supported by Berth and is ignored']);
  });

  test('a hostPath of / is called out as the host root filesystem; any other hostPath is still a violation', () => {
    const yaml = podWith(
      '',
      ['  volumes:', '  - name: root', '    hostPath: {path: /}', '  - name: logs', '    hostPath: {path: /var/log, type: Directory}', '  - name: cache', '    emptyDir: {}'].join('\n'),
    );
    const { summary, lines } = security(yaml);
    assert.equal(summary, `pods "web" is forbidden: ${VIOLATES}: hostPath volumes (volumes "root", "logs")`);
    assert.deepEqual(lines, [
      `pod.yaml:8:22: warning: spec.volumes[0].hostPath.path: ${VIOLATES}: hostPath volumes (volume "root" mounts the host's root filesystem, "/")`,
      `pod.yaml:10:22: warning: spec.volumes[1].hostPath.path: ${VIOLATES}: hostPath volumes (volume "logs")`,
    ]);
  });

  test('the root filesystem however it is spelled', () => {
    for (const path of ['//', '/.', '/tmp/..', '/../..']) {
      const yaml = podWith('', `  volumes:\n  - name: root\n    hostPath: {path: ${path}}`);
      assert.match(security(yaml).lines.join('\n'), /mounts the host's root filesystem/, path);
    }
    const tmp = podWith('', '  volumes:\n  - name: tmp\n    hostPath: {path: /tmp/x/..}');
    assert.doesNotMatch(security(tmp).lines.join('\n'), /root filesystem/);
  });

  test('host ports are flagged per port; container ports alone are fine', () => {
    const yaml = podWith(['    ports:', '    - {containerPort: 80, hostPort: 8080}', '    - {containerPort: 443, hostPort: 10443}', '    - {containerPort: 9090}'].join('\n'));
    const { summary, lines } = security(yaml);
    assert.match(summary, /: hostPort \(container "app" uses hostPorts 10443, 8080\)$/);
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^pod\.yaml:10:37: warning: spec\.containers\[0\]\.ports\[0\]\.hostPort: .*hostPort \(container "app" uses hostPort 8080\)$/);
  });

  test('probes and lifecycle handlers must not name a host (baseline since 1.34)', () => {
    const yaml = podWith(
      [
        '    readinessProbe:',
        '      httpGet: {host: 169.254.169.254, port: 80}',
        '    lifecycle:',
        '      preStop:',
        '        httpGet: {host: 127.0.0.1, port: 8080, path: /quit}',
        '      postStart:',
        '        httpGet: {port: 8080, path: /ready}',
      ].join('\n'),
    );
    const { summary, lines } = security(yaml);
    assert.match(summary, /: probe or lifecycle host \(container "app" uses probe or lifecycle hosts "127\.0\.0\.1", "169\.254\.169\.254"\)$/);
    assert.deepEqual(
      lines.map((l) => l.split(': warning: ')[1]!.split(':')[0]),
      ['spec.containers[0].readinessProbe.httpGet.host', 'spec.containers[0].lifecycle.preStop.httpGet.host'],
    );
  });

  test('Windows HostProcess, on the pod and on a container', () => {
    const pod = podWith(['    securityContext:', '      windowsOptions: {hostProcess: true}'].join('\n'), '  securityContext:\n    windowsOptions: {hostProcess: true}');
    assert.match(security(pod).summary, /: hostProcess \(pod and container "app" must not set securityContext\.windowsOptions\.hostProcess=true\)$/);
    assert.deepEqual(security(withContainerContext('windowsOptions: {hostProcess: false, runAsUserName: app}')).lines, []);
  });
});

describe('Pod Security baseline: profiles, /proc and sysctls', () => {
  test('AppArmor: unconfined annotations and Unconfined fields; runtime default and localhost profiles are fine', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    container.apparmor.security.beta.kubernetes.io/app: unconfined',
      '    container.apparmor.security.beta.kubernetes.io/side: runtime/default',
      'spec:',
      '  securityContext:',
      '    appArmorProfile: {type: Unconfined}',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    securityContext:',
      '      appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}',
      '  - name: side',
      '    image: nginx:1.27',
      '    securityContext:',
      '      appArmorProfile: {type: RuntimeDefault}',
    ].join('\n');
    const { summary, lines } = security(yaml);
    assert.equal(
      summary,
      `pods "web" is forbidden: ${VIOLATES}: forbidden AppArmor profiles (container.apparmor.security.beta.kubernetes.io/app="unconfined", pod must not set securityContext.appArmorProfile.type to "Unconfined")`,
    );
    assert.deepEqual(lines, [
      `pod.yaml:6:57: warning: metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: ${VIOLATES}: forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/app="unconfined")`,
      `pod.yaml:10:29: warning: spec.securityContext.appArmorProfile.type: ${VIOLATES}: forbidden AppArmor profile (pod must not set securityContext.appArmorProfile.type to "Unconfined")`,
    ]);
  });

  test('SELinux: a custom type, user or role is flagged; the container types and a level are fine', () => {
    const bad = security(withContainerContext('seLinuxOptions: {type: spc_t, user: system_u, role: sysadm_r}'));
    assert.match(bad.summary, /: seLinuxOptions \(container "app" set forbidden securityContext\.seLinuxOptions: type "spc_t"; user may not be set; role may not be set\)$/);
    assert.equal(bad.lines.length, 3);
    for (const type of ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) {
      assert.deepEqual(security(withContainerContext(`seLinuxOptions: {type: ${type}, level: "s0:c123,c456"}`)).lines, [], type);
    }
    assert.match(security(withPodContext('seLinuxOptions: {user: root}')).summary, /: seLinuxOptions \(pod set forbidden securityContext\.seLinuxOptions: user may not be set\)$/);
  });

  test('seccomp: Unconfined on the pod and a container; RuntimeDefault and Localhost are fine', () => {
    const pod = podWith(['    securityContext:', '      seccompProfile: {type: Unconfined}'].join('\n'), '  securityContext:\n    seccompProfile: {type: Unconfined}');
    assert.match(security(pod).summary, /: seccompProfile \(pod and container "app" must not set securityContext\.seccompProfile\.type to "Unconfined"\)$/);
    assert.deepEqual(security(withPodContext('seccompProfile: {type: RuntimeDefault}')).lines, []);
    assert.deepEqual(security(withContainerContext('seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}')).lines, []);
  });

  test('procMount: Unmasked is flagged, unless the pod has its own user namespace (hostUsers: false)', () => {
    const unmasked = withContainerContext('procMount: Unmasked');
    assert.match(security(unmasked).summary, /: procMount \(container "app" must not set securityContext\.procMount to "Unmasked"\)$/);
    assert.deepEqual(security(unmasked.replace('spec:\n', 'spec:\n  hostUsers: false\n')).lines, []);
    assert.deepEqual(security(withContainerContext('procMount: Default')).lines, []);
  });

  test('sysctls: the safe set is fine, any other is flagged at its name', () => {
    const { summary, lines } = security(
      withPodContext('sysctls:', '- {name: net.ipv4.tcp_syncookies, value: "1"}', '- {name: kernel.msgmax, value: "65536"}', '- {name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}', '- {name: net.core.somaxconn, value: "1024"}'),
    );
    assert.match(summary, /: forbidden sysctls \(kernel\.msgmax, net\.core\.somaxconn\)$/);
    assert.deepEqual(
      lines.map((l) => l.split(': warning: ')[1]!.split(':')[0]),
      ['spec.securityContext.sysctls[1].name', 'spec.securityContext.sysctls[3].name'],
    );
  });
});

describe('Pod Security baseline: the whole pod', () => {
  test('every control at once, in the order the API server words them', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: evil',
      'spec:',
      '  hostPID: true',
      '  securityContext:',
      '    seccompProfile: {type: Unconfined}',
      '    sysctls: [{name: kernel.sem, value: "1"}]',
      '  containers:',
      '  - name: app',
      '    image: busybox:1.36',
      '    ports: [{containerPort: 22, hostPort: 2222}]',
      '    securityContext:',
      '      privileged: true',
      '      procMount: Unmasked',
      '      capabilities: {add: [SYS_PTRACE]}',
      '      seLinuxOptions: {type: unconfined_t}',
      '      appArmorProfile: {type: Unconfined}',
      '      windowsOptions: {hostProcess: true}',
      '    livenessProbe: {tcpSocket: {host: db.internal, port: 5432}}',
      '  volumes: [{name: root, hostPath: {path: /}}]',
    ].join('\n');
    const result = importManifests(yaml, 'evil.yaml');
    assert.deepEqual(result.errors, []);
    const pod = result.objects[0]!;
    assert.equal(pod.kind, 'Pod');
    const verdict = checkPodSecurity(pod as Extract<typeof pod, { kind: 'Pod' }>);
    assert.equal(
      verdict.summary,
      [
        'forbidden AppArmor profile (container "app" must not set securityContext.appArmorProfile.type to "Unconfined")',
        'host namespaces (hostPID)',
        'hostPort (container "app" uses hostPort 2222)',
        'probe or lifecycle host (container "app" uses probe or lifecycle host "db.internal")',
        'privileged (container "app" must not set securityContext.privileged=true)',
        'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
        'seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "unconfined_t")',
        'forbidden sysctls (kernel.sem)',
        'hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)',
        'non-default capabilities (container "app" must not include "SYS_PTRACE" in securityContext.capabilities.add)',
        'hostPath volumes (volume "root")',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
      ].join(', '),
    );
    assert.equal(verdict.violations.length, 12);
    assert.ok(verdict.violations.every((v) => v.path.length > 1));
  });

  test('a pod that stays within baseline: no violations, and only pods are checked', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: cfg}',
      'data: {hostPath: /}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: tidy',
      '  annotations: {container.apparmor.security.beta.kubernetes.io/app: "localhost/k8s-app"}',
      'spec:',
      '  hostNetwork: false',
      '  hostUsers: false',
      '  securityContext:',
      '    runAsNonRoot: true',
      '    seccompProfile: {type: RuntimeDefault}',
      '    sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "0"}]',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27',
      '    ports: [{containerPort: 80}]',
      '    securityContext:',
      '      allowPrivilegeEscalation: false',
      '      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}',
      '      procMount: Unmasked',
      '    readinessProbe: {httpGet: {port: 80, path: /}}',
      '    volumeMounts: [{name: data, mountPath: /data}]',
      '  volumes: [{name: data, emptyDir: {}}]',
    ].join('\n');
    assert.deepEqual(security(yaml), { summary: '', lines: [] });
  });

  test('an invalid file has no verdict: nothing was imported', () => {
    const result = importManifests(withContainerContext('privileged: yes please'), 'pod.yaml');
    assert.equal(result.ok, false);
    assert.deepEqual(podSecurityFindings(result, 'pod.yaml', 'error'), []);
  });
});

describe('the security fields Berth keeps are validated as the API server does', () => {
  test('wrong types and unknown profile types are errors at their field', () => {
    assert.deepEqual(errorsFor(podWith('', '  hostNetwork: "yes"')), ['pod.yaml:6:16: spec.hostNetwork: expected boolean, got string']);
    assert.deepEqual(errorsFor(withContainerContext('seccompProfile: {type: Bogus}')), [
      'pod.yaml:10:30: spec.containers[0].securityContext.seccompProfile.type: unsupported value "Bogus": supported values: "RuntimeDefault", "Unconfined", "Localhost"',
    ]);
    assert.deepEqual(errorsFor(withContainerContext('procMount: Hidden')), [
      'pod.yaml:10:18: spec.containers[0].securityContext.procMount: unsupported value "Hidden": supported values: "Default", "Unmasked"',
    ]);
  });

  test('localhostProfile exactly when the type is Localhost; a profile needs its type; sysctl names are unique', () => {
    assert.deepEqual(errorsFor(withPodContext('appArmorProfile: {type: Localhost}')), [
      'pod.yaml:7:22: spec.securityContext.appArmorProfile.localhostProfile: must be set when AppArmor type is Localhost',
    ]);
    assert.deepEqual(errorsFor(withPodContext('seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}')), [
      'pod.yaml:7:62: spec.securityContext.seccompProfile.localhostProfile: invalid value "x.json": can only be set when seccomp type is Localhost',
    ]);
    assert.deepEqual(errorsFor(withPodContext('seccompProfile: {localhostProfile: x.json}')).length, 2);
    assert.deepEqual(errorsFor(withPodContext('sysctls: [{name: kernel.sem, value: "1"}, {name: kernel.sem, value: "2"}]')), [
      'pod.yaml:7:54: spec.securityContext.sysctls[1].name: duplicate value "kernel.sem"',
    ]);
  });
});
