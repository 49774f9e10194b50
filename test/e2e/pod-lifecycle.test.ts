// A pod's whole life in the UI, on a real core that runs pods on Docker: pasted in Import and
// applied, Running in Pods, its detail (containers, lifecycle timeline, events as kubectl
// describe prints them), deleted with a grace period through the dialog while the shutdown is
// shown live; and a crash-looping pod with its back-off and restarts.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dockerPodEnv, eventually, openApp, type AppHarness } from './app-harness';

const sleeperYaml = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: life-sleeper',
  '  labels:',
  '    app: lifecycle',
  'spec:',
  '  terminationGracePeriodSeconds: 20',
  '  containers:',
  '    - name: main',
  '      image: local/busybox:1',
  '      command: ["sh", "-c", "sleep 3600"]',
  '',
].join('\n');

/** Two containers in another namespace: a fuller list and detail for the screenshots. */
const webYaml = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: life-web',
  '  namespace: shop',
  'spec:',
  '  terminationGracePeriodSeconds: 1',
  '  containers:',
  '    - name: app',
  '      image: local/busybox:1',
  '      command: ["sh", "-c", "sleep 3600"]',
  '    - name: sidecar',
  '      image: local/busybox:1',
  '      command: ["sh", "-c", "sleep 3600"]',
  '',
].join('\n');

const crasherYaml = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: life-crasher',
  'spec:',
  '  containers:',
  '    - name: main',
  '      image: local/busybox:1',
  '      command: ["sh", "-c", "exit 1"]',
  '',
].join('\n');

describe('pod lifecycle (Chromium + real core running pods on Docker)', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp({ engine: 'docker', env: dockerPodEnv, runPods: true }, 'berth-e2e-life-');
    // Applied "elsewhere" (the CLI) right away, so its back-off has begun by the time we look.
    await app.core.api.apply({ fileName: 'crasher.yaml', text: crasherYaml });
    await app.core.api.apply({ fileName: 'web.yaml', text: webYaml });
  });

  after(async () => {
    if (!app) return;
    // Leave no containers behind: delete what is left at once and wait until the core let go.
    const left = await app.core.api.listPods({});
    await Promise.all(left.map((pod) => app.core.api.deletePod({ namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0 }).catch(() => {})));
    await eventually('every pod is gone', async () => (await app.core.api.listPods({})).length === 0, 30_000).catch(() => {});
    await app.close();
  });

  test('a pod pasted in Import goes Running in the Pods list', async () => {
    const { page } = app;
    await app.go('Import');
    await page.getByRole('textbox', { name: 'Pod YAML' }).fill(sleeperYaml);
    await page.getByText(/^Valid — 1 object/).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.applied').getByText('created').waitFor();
    await page.getByRole('button', { name: 'Show pods' }).click();

    const row = page.locator('tr[data-pod="default/life-sleeper"]');
    await row.getByText('Running', { exact: true }).waitFor({ timeout: 30_000 });
    assert.equal(await row.locator('td').nth(3).innerText(), '1/1');
    assert.equal(await row.locator('td').last().innerText(), 'docker');
    await page.locator('tr[data-pod="default/life-crasher"]').waitFor();
    await page.locator('tr[data-pod="shop/life-web"]').getByText('Running', { exact: true }).waitFor({ timeout: 30_000 });
    await app.shot('10-pods-running');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('10-pods-running-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the filter narrows the list and says when nothing matches', async () => {
    const { page } = app;
    const filter = page.getByRole('searchbox');
    await filter.fill('sleeper');
    await eventually('one row', async () => (await page.locator('tbody tr').count()) === 1);
    await filter.fill('shop running');
    await page.locator('tr[data-pod="shop/life-web"]').waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1);
    await filter.fill('no-such-pod');
    await page.getByText('No pods match “no-such-pod”').waitFor();
    await filter.press('Escape');
    await eventually('all rows back', async () => (await page.locator('tbody tr').count()) === 3);
  });

  test("the pod's detail shows its container Running, the timeline and the events", async () => {
    const { page } = app;
    await page.locator('tr[data-pod="default/life-sleeper"] td.name').click();
    await page.getByRole('heading', { level: 1, name: 'life-sleeper' }).waitFor();

    const card = page.getByRole('article', { name: 'Container main' });
    await card.locator('[data-field="state"]').getByText(/^Running/).waitFor();
    assert.equal(await card.locator('[data-field="restarts"]').innerText(), '0');
    await card.getByText('local/busybox:1', { exact: true }).waitFor();

    const timeline = card.getByRole('figure', { name: 'Lifecycle of main' });
    const steps = await timeline.locator('li').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('Created')), steps.join('\n'));
    assert.ok(steps.some((s) => s.includes('Started')), steps.join('\n'));
    assert.ok((await timeline.locator('.span[data-kind="running"]').count()) === 1, 'a running span');

    const events = page.getByRole('table', { name: 'Pod events' });
    for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started']) {
      await events.locator(`tr[data-reason="${reason}"]`).first().waitFor();
    }
    const reasons = await events.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reason')));
    assert.deepEqual(reasons.slice(0, 4), ['Scheduled', 'Pulled', 'Created', 'Started'], 'oldest first, as kubectl describe');
    // Let it run a little, so the screenshot's time bar is mostly "running".
    await page.waitForTimeout(3_000);
    await app.shot('11-pod-detail');

    // The other tabs: arrow keys move along the tab list.
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByText('No hook runs').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByText(/^No output yet/).waitFor(); // `sleep 3600` writes nothing
    assert.equal(await page.getByRole('combobox').inputValue(), 'main');
    await app.shot('12-pod-logs-empty');
    await page.keyboard.press('Home');
  });

  test('delete with grace 5: the dialog shows the shutdown live until the pod is gone', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete pod life-sleeper' });
    await dialog.waitFor();
    const grace = dialog.getByRole('textbox');
    await eventually("the grace field holds the pod's own 20 s", async () => (await grace.inputValue()) === '20');
    await grace.fill('5');
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Delete pod' }).click();

    const progress = dialog.getByRole('region', { name: 'Shutdown of life-sleeper' });
    await progress.getByText('until SIGKILL').waitFor();
    await progress.getByText(/SIGTERM sent to/).waitFor({ timeout: 10_000 });
    // Mid-way through the grace period, for the screenshot (the pod takes 5 s to go anyway).
    await page.waitForTimeout(Math.max(0, started + 2_500 - Date.now()));
    await app.shot('13-delete-progress');
    // busybox's sh ignores SIGTERM: the pod goes only once the grace period is spent (SIGKILL).
    await progress.getByText('Pod removed', { exact: true }).waitFor({ timeout: 20_000 });
    const took = Date.now() - started;
    assert.ok(took >= 4_500, `the pod outlived its grace period of 5 s (gone after ${took} ms)`);
    await progress.getByText(/killed \(SIGKILL\)/).waitFor();
    await dialog.getByText('The pod is gone.').waitFor();
    await app.shot('14-delete-done');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pods' }).waitFor();
    await eventually('the row is gone', async () => (await page.locator('tr[data-pod="default/life-sleeper"]').count()) === 0);
  });

  test('a container that exits 1 crash-loops: BackOff event, restarts, exit code on the timeline', async () => {
    const { page } = app;
    const row = page.locator('tr[data-pod="default/life-crasher"]');
    await row.focus();
    await page.keyboard.press('Enter'); // rows open from the keyboard too
    await page.getByRole('heading', { level: 1, name: 'life-crasher' }).waitFor();

    const card = page.getByRole('article', { name: 'Container main' });
    await card.getByText('CrashLoopBackOff').first().waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Pod events' }).locator('tr[data-reason="BackOff"]').waitFor();
    await eventually('at least one restart', async () => Number(await card.locator('[data-field="restarts"]').innerText()) >= 1);
    await card.locator('[data-field="last-state"]').getByText(/exit code 1/).waitFor();
    const steps = await card.getByRole('figure', { name: 'Lifecycle of main' }).locator('li').allInnerTexts();
    assert.ok(steps.some((s) => s.includes('Exited (code 1)')), steps.join('\n'));
    await app.shot('15-pod-crashloop');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('16-pod-crashloop-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('multi-select delete: Escape closes the dialog, Tab stays inside it, then delete at once', async () => {
    const { page } = app;
    await app.go('Pods');
    await page.getByRole('searchbox').fill('crasher');
    await page.getByRole('checkbox', { name: 'Select all shown pods' }).check();
    await page.getByRole('button', { name: 'Delete 1 selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete pod life-crasher' });
    await dialog.waitFor();
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    assert.equal(await dialog.evaluate((el) => el.contains(document.activeElement)), true, 'focus stays in the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Delete 1 selected' }).click();
    await dialog.getByRole('textbox').fill('0');
    await dialog.getByRole('button', { name: 'Delete pod' }).click();
    await dialog.getByText('The pod is gone.').waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await page.getByText('No pods match “crasher”').waitFor();
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.bridge.warnings, []);
  });
});
