// A page cannot import a privileged pod on its own word: an IPC apply with allowPrivileged goes
// through the main process's own confirmation, which names each violation and defaults to Cancel.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Diagnostic } from '../../../src-main/model';
import { IpcHost, type Peer } from '../../../src-main/ipc/host';
import { asksForPrivileged, NOT_CONFIRMED } from '../../../src-main/ipc/privileged-apply';
import { isConfirmed, privilegedDialog } from '../../../src-main/shell/privileged-dialog';
import { openTestCore, rootPod, type TestCore } from '../api/support';

const plainPod = `apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: app
    image: busybox:1.36
`;

const page: Peer<number> = { key: 7, trusted: true, send: () => {} };

let opened: TestCore;
beforeEach(async () => {
  opened = await openTestCore();
});
afterEach(() => opened.remove());

/** A host whose confirmation answers `answer` and records what it was asked. */
function hostAnswering(answer: boolean | Error) {
  const asked: { page: number; violations: Diagnostic[] }[] = [];
  const host = new IpcHost<number>(opened.core.api, {
    warn: () => {},
    confirmPrivileged: async (key, violations) => {
      asked.push({ page: key, violations });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { host, asked };
}

async function podNames(): Promise<string[]> {
  return (await opened.core.api.listPods({})).map((p) => p.name);
}

describe('privileged apply over IPC', () => {
  test('cancelled in the main dialog: nothing is applied, whatever the page said', async () => {
    const { host, asked } = hostAnswering(false);
    const result = await host.call(page, 'apply', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.code === 'PodSecurityViolation' && result.error.message === NOT_CONFIRMED);
    assert.ok(!result.ok && result.error.diagnostics!.length === 2, 'the refusal still names the violations');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.page, 7);
    assert.deepEqual(asked[0]!.violations.map((v) => v.podSecurity?.control), ['privileged', 'hostPath volumes']);
    assert.deepEqual(await podNames(), []);
  });

  test('a dialog that fails to show is a no', async () => {
    const { host } = hostAnswering(new Error('no display'));
    const result = await host.call(page, 'apply', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    assert.ok(!result.ok && result.error.message === NOT_CONFIRMED);
    assert.deepEqual(await podNames(), []);
  });

  test('confirmed in the main dialog: applied, with the admission kept in the events', async () => {
    const { host, asked } = hostAnswering(true);
    const result = await host.call(page, 'apply', { fileName: 'root.yaml', text: rootPod(), allowPrivileged: true });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(asked.length, 1);
    assert.deepEqual(await podNames(), ['rooted']);
  });

  test('nothing to confirm: applied without asking; without the flag the core refuses as before', async () => {
    const { host, asked } = hostAnswering(false);
    const plain = await host.call(page, 'apply', { fileName: 'plain.yaml', text: plainPod, allowPrivileged: true });
    assert.ok(plain.ok);
    const refused = await host.call(page, 'apply', { fileName: 'root.yaml', text: rootPod() });
    assert.ok(!refused.ok && refused.error.code === 'PodSecurityViolation' && refused.error.message !== NOT_CONFIRMED);
    assert.equal(asked.length, 0);
    assert.deepEqual(await podNames(), ['plain']);
  });

  test('an invalid payload is refused by validation, never shown to the user', async () => {
    const { host, asked } = hostAnswering(true);
    const result = await host.call(page, 'apply', { fileName: 'x.yaml', text: rootPod(), allowPrivileged: true, extra: 1 });
    assert.ok(!result.ok && result.error.code === 'BadRequest');
    assert.equal(asked.length, 0);
  });

  test('only apply with allowPrivileged: true asks', () => {
    assert.equal(asksForPrivileged('apply', { allowPrivileged: true }), true);
    for (const [method, payload] of [
      ['apply', { allowPrivileged: false }],
      ['apply', { allowPrivileged: 'yes' }],
      ['apply', {}],
      ['apply', null],
      ['validate', { allowPrivileged: true }],
    ] as const) {
      assert.equal(asksForPrivileged(method, payload), false, `${method} ${JSON.stringify(payload)}`);
    }
  });
});

describe('the main process dialog', () => {
  const violation = (pod: string, control: string, detail: string, path: string, line: number): Diagnostic => ({
    severity: 'error',
    file: 'root.yaml',
    line,
    column: 7,
    path,
    message: `violates PodSecurity "baseline:latest": ${control}`,
    podSecurity: { pod, control, detail },
  });

  test('names each violation with its field and line; Cancel is the default', () => {
    const dialog = privilegedDialog([
      violation('rooted', 'privileged', 'container "shell" must not set securityContext.privileged=true', 'spec.containers[0].securityContext.privileged', 10),
      violation('rooted', 'hostPath volumes', 'volume "host" mounts the host\'s root filesystem, "/"', 'spec.volumes[0].hostPath.path', 16),
    ]);
    assert.equal(dialog.type, 'warning');
    assert.equal(dialog.message, 'Import privileged pod rooted?');
    assert.match(dialog.detail, /Pod Security "baseline" policy/);
    assert.ok(dialog.detail.includes('• privileged: container "shell" must not set securityContext.privileged=true\n   spec.containers[0].securityContext.privileged (root.yaml, line 10)'));
    assert.ok(dialog.detail.includes('• hostPath volumes: volume "host" mounts the host\'s root filesystem, "/"\n   spec.volumes[0].hostPath.path (root.yaml, line 16)'));
    assert.deepEqual(dialog.buttons, ['Cancel', 'Import privileged pod']);
    assert.equal(dialog.buttons[dialog.defaultId], 'Cancel');
    assert.equal(dialog.buttons[dialog.cancelId], 'Cancel');
  });

  test('several pods: each violation says which pod', () => {
    const dialog = privilegedDialog([
      violation('a', 'privileged', 'container "x" …', 'spec.containers[0].securityContext.privileged', 8),
      violation('b', 'host namespaces', 'hostPID=true', 'spec.hostPID', 30),
    ]);
    assert.equal(dialog.message, 'Import 2 privileged pods?');
    assert.match(dialog.detail, /pod\/a spec\.containers/);
    assert.match(dialog.detail, /pod\/b spec\.hostPID/);
    assert.equal(dialog.buttons[1], 'Import privileged pods');
  });

  test('only the confirm button confirms', () => {
    assert.equal(isConfirmed(1), true);
    for (const response of [0, 2, -1, Number.NaN]) assert.equal(isConfirmed(response), false, String(response));
  });
});
