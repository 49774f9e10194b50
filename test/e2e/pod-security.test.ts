// The Import screen and Pod Security in Chromium: a pasted privileged pod shows its violations
// at their lines while editing; Apply asks first, naming each violation; Cancel (the default, by
// mouse or keyboard) stores nothing; confirming imports it and its history says so.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, type AppHarness } from './app-harness';

const rootPod = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: rooted',
  'spec:',
  '  containers:',
  '    - name: shell',
  '      image: busybox:1.36',
  '      securityContext:',
  '        privileged: true',
  '      volumeMounts:',
  '        - name: host',
  '          mountPath: /host',
  '  volumes:',
  '    - name: host',
  '      hostPath:',
  '        path: /',
  '',
].join('\n');
const PRIVILEGED_LINE = 10;
const HOST_PATH_LINE = 17;

describe('import: Pod Security confirmation (Chromium)', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp({ engine: 'docker', env: { DOCKER_HOST: 'unix:///nonexistent/pod-security.sock' } }, 'berth-e2e-podsec-');
    await app.go('Import');
  });

  after(async () => {
    await app?.close();
  });

  const editor = () => app.page.getByRole('textbox', { name: 'Pod YAML' });
  const dialog = () => app.page.getByRole('dialog', { name: 'Import privileged pod rooted?' });
  const stored = async () => ({
    pods: (await app.core.api.listPods({})).map((p) => p.name),
    events: (await app.core.api.listEvents({})).map((e) => e.reason),
  });

  test('while editing, each violation shows as a warning at its line', async () => {
    const { page } = app;
    await editor().fill(rootPod);
    await page.locator('#file-name').fill('root.yaml');
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems
      .getByText(
        `root.yaml:${PRIVILEGED_LINE}:21 spec.containers[0].securityContext.privileged: violates PodSecurity "baseline:latest": privileged (container "shell" must not set securityContext.privileged=true)`,
      )
      .waitFor();
    await problems
      .getByText(
        `root.yaml:${HOST_PATH_LINE}:15 spec.volumes[0].hostPath.path: violates PodSecurity "baseline:latest": hostPath volumes (volume "host" mounts the host's root filesystem, "/")`,
      )
      .waitFor();
    await page.locator(`.line[data-line="${PRIVILEGED_LINE}"][data-mark="warning"]`).waitFor();
    await page.locator(`.line[data-line="${HOST_PATH_LINE}"][data-mark="warning"]`).waitFor();
    const note = page.getByRole('note');
    await note.waitFor();
    assert.match(
      (await note.innerText()).replace(/\s+/g, ' '),
      /^This YAML breaks the Pod Security baseline policy \(2 violations, listed below\): Apply asks you to confirm before importing it\.$/,
    );
    await page.getByText(/^Valid — 1 object: Pod default\/rooted/).waitFor();
  });

  test('Apply asks first, naming each violation: control, what, field and line; Cancel has the focus and stores nothing', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog().waitFor();
    const items = dialog().getByRole('list', { name: 'Pod Security violations' }).getByRole('listitem');
    assert.equal(await items.count(), 2);
    const texts = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(texts, [
      `privileged container "shell" must not set securityContext.privileged=true spec.containers[0].securityContext.privileged line ${PRIVILEGED_LINE}`,
      `hostPath volumes volume "host" mounts the host's root filesystem, "/" spec.volumes[0].hostPath.path line ${HOST_PATH_LINE}`,
    ]);
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Cancel', 'the safe choice has the focus');
    await app.shot('70-import-pod-security-dialog');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('71-import-pod-security-dialog-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    assert.deepEqual(await stored(), { pods: [], events: [] });
    assert.equal(await page.locator('.applied').count(), 0);
  });

  test('from the keyboard: Ctrl+Enter asks, Enter (on Cancel) and Escape both back out', async () => {
    const { page } = app;
    await editor().focus();
    await page.keyboard.press('Control+Enter');
    await dialog().waitFor();
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'detached' });
    await editor().focus();
    await page.keyboard.press('Control+Enter');
    await dialog().waitFor();
    // Tab stays inside the dialog: Cancel, the import button, Cancel again.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Import privileged pod');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Cancel');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    assert.deepEqual(await stored(), { pods: [], events: [] });
  });

  test('confirming imports the pod; its events say it was admitted on confirmation', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog().getByRole('button', { name: 'Import privileged pod' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.applied').getByText('pod/rooted').waitFor();
    await page.locator('.applied').getByText('created').waitFor();
    const after = await stored();
    assert.deepEqual(after.pods, ['rooted']);
    assert.deepEqual(after.events.sort(), ['PodSecurityViolation', 'Scheduled']);
    const [event] = await app.core.api.listEvents({ reason: 'PodSecurityViolation' });
    assert.equal(event!.type, 'Warning');
    assert.match(event!.message, /^Admitted on explicit confirmation \(allow privileged\), although it violates PodSecurity "baseline:latest": privileged \(container "shell"/);
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.bridge.warnings, []);
  });
});
