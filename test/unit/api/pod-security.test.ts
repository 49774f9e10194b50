// The Pod Security gate of the core: validate warns, apply refuses a privileged pod and changes
// nothing, `allowPrivileged` admits it and keeps a Warning event saying so.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Core } from '../../../src-main/api/core';
import { dispatch } from '../../../src-main/api/dispatch';
import type { ApiError } from '../../../src-main/api/errors';
import type { PodChange } from '../../../src-main/api/results';
import { formatDiagnostic } from '../../../src-main/kube';
import { openTestCore, rejection as refusal, rootPod, type TestCore } from './support';

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: token
stringData:
  token: hunter2
---
`;

const REFUSAL =
  'pods "rooted" is forbidden: violates PodSecurity "baseline:latest": privileged (container "shell" must not set securityContext.privileged=true), hostPath volumes (volume "host")';

let opened: TestCore;
let core: Core;
let changes: PodChange[];

beforeEach(async () => {
  opened = await openTestCore();
  core = opened.core;
  changes = [];
  core.api.subscribe('pods', {}, (change) => changes.push(change));
});
afterEach(() => opened.remove());

describe('Pod Security in the core', () => {
  test('validate reports the violations as warnings at their fields, and the file stays valid', async () => {
    const result = await core.api.validate({ fileName: 'root.yaml', text: rootPod() });
    assert.equal(result.ok, true);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings.map(formatDiagnostic), [
      'root.yaml:10:19: warning: spec.containers[0].securityContext.privileged: violates PodSecurity "baseline:latest": privileged (container "shell" must not set securityContext.privileged=true)',
      `root.yaml:16:13: warning: spec.volumes[0].hostPath.path: violates PodSecurity "baseline:latest": hostPath volumes (volume "host" mounts the host's root filesystem, "/")`,
    ]);
    assert.deepEqual(result.warnings[1]!.podSecurity, {
      pod: 'rooted',
      control: 'hostPath volumes',
      detail: `volume "host" mounts the host's root filesystem, "/"`,
    });
  });

  test('apply refuses a privileged pod with PodSecurityViolation and changes nothing: no object, no event, no notification', async () => {
    const error = await refusal(core.api.apply({ fileName: 'root.yaml', text: secret + rootPod() }));
    assert.equal(error.code, 'PodSecurityViolation');
    assert.equal(error.message, REFUSAL);
    assert.deepEqual(
      error.diagnostics?.map((d) => `${d.severity} ${d.line}:${d.column} ${d.path} ${d.podSecurity?.control}`),
      ['error 17:19 spec.containers[0].securityContext.privileged privileged', 'error 23:13 spec.volumes[0].hostPath.path hostPath volumes'],
    );
    assert.deepEqual(await core.api.listPods({}), []);
    assert.equal(core.store.getObject('Secret', 'default', 'token'), undefined, 'all or nothing: the Secret of the same file is not stored');
    assert.deepEqual(await core.api.listEvents({}), []);
    assert.deepEqual(changes, []);
  });

  test('allowPrivileged: false is no confirmation', async () => {
    const error = await refusal(core.api.apply({ fileName: 'root.yaml', text: rootPod(), allowPrivileged: false }));
    assert.equal(error.code, 'PodSecurityViolation');
  });

  test('allowPrivileged admits it, warns, and records a Warning event before Scheduled', async () => {
    const result = await core.api.apply({ fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    assert.deepEqual(result.applied, [{ kind: 'Pod', namespace: 'default', name: 'rooted', action: 'created' }]);
    assert.deepEqual(
      result.warnings.map((w) => w.podSecurity?.control),
      ['privileged', 'hostPath volumes'],
    );
    const pod = await core.api.getPod({ namespace: 'default', name: 'rooted' });
    assert.equal((pod.spec.containers as { securityContext: { privileged: boolean } }[])[0]!.securityContext.privileged, true);

    const events = (await core.api.listEvents({ podName: 'rooted' })).sort((a, b) => a.id - b.id);
    assert.deepEqual(
      events.map((e) => [e.type, e.reason, e.source.component]),
      [
        ['Warning', 'PodSecurityViolation', 'pod-security-admission'],
        ['Normal', 'Scheduled', 'default-scheduler'],
      ],
    );
    assert.equal(
      events[0]!.message,
      'Admitted on explicit confirmation (allow privileged), although it violates PodSecurity "baseline:latest": privileged (container "shell" must not set securityContext.privileged=true), hostPath volumes (volume "host")',
    );
    assert.equal(events[0]!.involvedObject.uid, pod.metadata.uid);
  });

  test('re-applying an admitted pod as it was needs no new confirmation and records nothing new', async () => {
    await core.api.apply({ fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    const again = await core.api.apply({ fileName: 'root.yaml', text: rootPod() });
    assert.equal(again.applied[0]!.action, 'unchanged');
    assert.equal(again.warnings.length, 2, 'the violations are still shown as warnings');
    const labelled = await core.api.apply({ fileName: 'root.yaml', text: rootPod('\n  labels: {team: infra}') });
    assert.equal(labelled.applied[0]!.action, 'configured');
    assert.equal((await core.api.listEvents({ reason: 'PodSecurityViolation' })).length, 1);
  });

  test('an annotation that adds a violation to an admitted pod needs a new confirmation', async () => {
    await core.api.apply({ fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    const unconfined = rootPod('\n  annotations: {container.apparmor.security.beta.kubernetes.io/shell: unconfined}');
    const error = await refusal(core.api.apply({ fileName: 'root.yaml', text: unconfined }));
    assert.equal(error.code, 'PodSecurityViolation');
    assert.match(error.message, /^pods "rooted" is forbidden: violates PodSecurity "baseline:latest": forbidden AppArmor profile \(container\.apparmor\.security\.beta\.kubernetes\.io\/shell="unconfined"\), privileged/);
    const pod = await core.api.getPod({ namespace: 'default', name: 'rooted' });
    assert.equal(pod.metadata.annotations, undefined, 'the refused change was not stored');

    const admitted = await core.api.apply({ fileName: 'root.yaml', text: unconfined, allowPrivileged: true });
    assert.equal(admitted.applied[0]!.action, 'configured');
    assert.equal((await core.api.listEvents({ reason: 'PodSecurityViolation' }))[0]!.count, 1);
    assert.equal((await core.api.listEvents({ reason: 'PodSecurityViolation' })).length, 2);
  });

  test('a pod within baseline needs no confirmation and gets no Pod Security event', async () => {
    const tidy = rootPod().replace('privileged: true', 'privileged: false').replace(/ {2}volumes:[\s\S]*$/, '').replace(/ {4}volumeMounts:\n.*\n/, '');
    const result = await core.api.apply({ fileName: 'tidy.yaml', text: tidy });
    assert.equal(result.applied[0]!.action, 'created');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual((await core.api.listEvents({})).map((e) => e.reason), ['Scheduled']);
  });

  test('every door checks the payload: allowPrivileged must be a boolean, and only apply takes it', async () => {
    await assert.rejects(
      dispatch(core.api, 'apply', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: 'yes' }),
      (e: ApiError) => e.code === 'BadRequest' && /allowPrivileged/.test(e.message),
    );
    await assert.rejects(
      dispatch(core.api, 'validate', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: true }),
      (e: ApiError) => e.code === 'BadRequest',
    );
    await assert.rejects(dispatch(core.api, 'apply', { fileName: 'root.yaml', text: rootPod() }), (e: ApiError) => e.code === 'PodSecurityViolation');
    const ok = (await dispatch(core.api, 'apply', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: true })) as { applied: unknown[] };
    assert.equal(ok.applied.length, 1);
  });
});
