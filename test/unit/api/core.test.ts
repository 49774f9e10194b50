import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { openCore, type Core } from '../../../src-main/api/core';
import { dispatch } from '../../../src-main/api/dispatch';
import { ApiError } from '../../../src-main/api/errors';
import type { PodChange } from '../../../src-main/api/results';
import type { BerthEvent } from '../../../src-main/model';
import { describeLocalNode } from '../../../src-main/kubelet/node';
import { makeTempDir } from '../../support/temp';
import { rejection } from './support';

const node = describeLocalNode('testnode', 'linux', 'x64');

const podYaml = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
  - name: main
    image: local/busybox:1
    command: ["sleep", "3600"]
${extra}`;

let dir: ReturnType<typeof makeTempDir>;
let core: Core;
const clock = 1_700_000_000_000;

beforeEach(async () => {
  dir = makeTempDir();
  core = await openCore({ dataDir: dir.path, engine: 'docker', node, now: () => clock, env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
});
afterEach(async () => {
  await core.close();
  dir.remove();
});

describe('apply', () => {
  test('creates a pod, schedules it on the local node and records the Scheduled event', async () => {
    const result = await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo') });
    assert.deepEqual(result.applied, [{ kind: 'Pod', namespace: 'default', name: 'demo', action: 'created' }]);

    const pods = await core.api.listPods({});
    assert.equal(pods.length, 1);
    assert.equal(pods[0]!.status, 'Pending');
    assert.equal(pods[0]!.ready, '0/1');
    assert.equal(pods[0]!.node, 'testnode');

    const pod = await core.api.getPod({ namespace: 'default', name: 'demo' });
    assert.match(pod.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.equal(pod.metadata.creationTimestamp, new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    assert.equal(pod.spec.nodeName, 'testnode');
    assert.equal(pod.spec.restartPolicy, 'Always');
    assert.equal(pod.spec.terminationGracePeriodSeconds, 30);

    const events = await core.api.listEvents({ podName: 'demo' });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.reason, 'Scheduled');
    assert.equal(events[0]!.message, 'Successfully assigned default/demo to testnode');
    assert.equal(events[0]!.source.component, 'default-scheduler');
  });

  test('applying the same file again is unchanged; new labels are configured; a new spec is refused', async () => {
    await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo') });
    const again = await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo') });
    assert.equal(again.applied[0]!.action, 'unchanged');

    const relabelled = await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo').replace('app: web', 'app: api') });
    assert.equal(relabelled.applied[0]!.action, 'configured');
    assert.deepEqual((await core.api.getPod({ namespace: 'default', name: 'demo' })).metadata.labels, { app: 'api' });

    const changed = podYaml('demo').replace('sleep", "3600', 'sleep", "10');
    const error = await rejection(core.api.apply({ fileName: 'pod.yaml', text: changed }));
    assert.equal(error.code, 'Invalid');
    assert.match(error.diagnostics![0]!.message, /already exists with a different spec/);
    assert.equal(error.diagnostics![0]!.path, 'spec');
    assert.equal(error.diagnostics![0]!.line, 8, 'at the spec of the pod, not at line 1');
  });

  test('an invalid file changes nothing, even when other objects in it are valid', async () => {
    const text = `${podYaml('good')}---\n${podYaml('bad').replace('image: local/busybox:1', 'image: ""')}`;
    const error = await rejection(core.api.apply({ fileName: 'two.yaml', text }));
    assert.equal(error.code, 'Invalid');
    assert.ok(error.diagnostics!.some((d) => d.path === 'spec.containers[0].image' && d.file === 'two.yaml'));
    assert.deepEqual(await core.api.listPods({}), []);
    assert.deepEqual(await core.api.listEvents({}), []);
  });

  test('a pod naming a RuntimeClass that does not exist is refused, as the admission plugin does', async () => {
    const error = await rejection(core.api.apply({ fileName: 'rc.yaml', text: podYaml('demo', '  runtimeClassName: gvisor\n') }));
    assert.match(error.diagnostics![0]!.message, /pod rejected: RuntimeClass "gvisor" not found/);
    // Positioned at the field, like the importer's own errors (line 12 of podYaml's text).
    assert.deepEqual(
      { line: error.diagnostics![0]!.line, column: error.diagnostics![0]!.column, path: error.diagnostics![0]!.path },
      { line: 12, column: 21, path: 'spec.runtimeClassName' },
    );
    assert.deepEqual(await core.api.listPods({}), []);

    const withClass = `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n---\n${podYaml('demo', '  runtimeClassName: gvisor\n')}`;
    const result = await core.api.apply({ fileName: 'rc.yaml', text: withClass });
    assert.deepEqual(
      result.applied.map((a) => `${a.kind}/${a.name} ${a.action}`),
      ['RuntimeClass/gvisor created', 'Pod/demo created'],
    );
  });

  test('a nodeSelector the local node does not match leaves the pod Pending with FailedScheduling', async () => {
    await core.api.apply({ fileName: 'pod.yaml', text: podYaml('picky', '  nodeSelector:\n    disktype: ssd\n') });
    const pod = await core.api.getPod({ namespace: 'default', name: 'picky' });
    assert.equal(pod.spec.nodeName, undefined);
    assert.deepEqual((pod.status.conditions as { reason: string }[])[0]!.reason, 'Unschedulable');
    const [event] = await core.api.listEvents({ podName: 'picky' });
    assert.equal(event!.type, 'Warning');
    assert.equal(event!.reason, 'FailedScheduling');
    assert.match(event!.message, /didn't match Pod's node affinity\/selector/);
  });

  test('Secret data is kept in an owner-only file, never in the database', async () => {
    const password = 'hunter2-very-secret-value';
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: ${password}\n`;
    const result = await core.api.apply({ fileName: 'secret.yaml', text: secret });
    assert.equal(result.applied[0]!.action, 'created');
    await core.close();

    const encoded = Buffer.from(password).toString('base64');
    for (const file of readdirSync(dir.path).filter((f) => f.startsWith('berth.db'))) {
      const bytes = readFileSync(join(dir.path, file));
      assert.equal(bytes.includes(password), false, `${file} holds the password`);
      assert.equal(bytes.includes(encoded), false, `${file} holds the base64 password`);
    }
    const vaultDir = join(dir.path, 'secrets');
    assert.equal(statSync(vaultDir).mode & 0o777, 0o700);
    const [vaultFile] = readdirSync(vaultDir);
    assert.equal(statSync(join(vaultDir, vaultFile!)).mode & 0o777, 0o600);
    assert.match(readFileSync(join(vaultDir, vaultFile!), 'utf8'), new RegExp(encoded));
    core = await openCore({ dataDir: dir.path, engine: 'docker', node });
  });
});

describe('pods and events', () => {
  test('deleting a pod removes it; its events stay', async () => {
    await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo') });
    assert.deepEqual(await core.api.deletePod({ namespace: 'default', name: 'demo' }), { deleted: true });
    assert.deepEqual(await core.api.listPods({}), []);
    assert.equal((await core.api.listEvents({ podName: 'demo' })).length, 1);
    const missing = await rejection(core.api.getPod({ namespace: 'default', name: 'demo' }));
    assert.equal(missing.code, 'NotFound');
  });

  test('subscribers get pod changes and event batches as they happen', async () => {
    const changes: PodChange[] = [];
    const batches: BerthEvent[][] = [];
    const stopPods = core.api.subscribe('pods', {}, (change) => changes.push(change));
    const stopEvents = core.api.subscribe('events', { reason: 'Scheduled' }, (batch) => batches.push(batch));
    await core.api.apply({ fileName: 'pod.yaml', text: podYaml('demo') });
    await core.api.deletePod({ namespace: 'default', name: 'demo' });
    stopPods();
    stopEvents();
    await core.api.apply({ fileName: 'pod.yaml', text: podYaml('later') });
    assert.deepEqual(changes.map((c) => c.type), ['upserted', 'removed']);
    assert.equal(batches.length, 1);
    assert.equal(batches[0]![0]!.involvedObject.name, 'demo');
  });

  test('engine status says why no engine is reachable', async () => {
    const status = await core.api.engineStatus({});
    assert.equal(status.connected, false);
    assert.match(status.error ?? '', /nonexistent\/berth\.sock/);
  });
});

describe('dispatch', () => {
  test('rejects unknown methods and malformed payloads without calling the API', async () => {
    await assert.rejects(dispatch(core.api, 'dropDatabase', {}), /unknown method/);
    await assert.rejects(dispatch(core.api, 'getPod', { namespace: 'default' }), (e: ApiError) => e.code === 'BadRequest' && /name/.test(e.message));
    await assert.rejects(dispatch(core.api, 'apply', { fileName: 'x', text: 5 }), /BadRequest|invalid payload/);
    await assert.rejects(dispatch(core.api, 'listPods', { namespace: 'default', extra: true }), /invalid payload/);
    assert.deepEqual(await core.api.listPods({}), []);
  });
});
