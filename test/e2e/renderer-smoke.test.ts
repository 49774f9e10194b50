// The built renderer in Chromium, talking to a real core through the test bridge (the shipped
// preload + the main process's IPC host): it renders, shows the engine, checks YAML as you
// type, applies a pod and lists it live. Screenshots go to test-results/screenshots/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCore, type Core } from '../../src-main/api/core';
import { installBridge, type Bridge } from '../support/bridge';
import { serveStatic, type StaticServer } from '../support/static-server';
import { makeTempDir } from '../support/temp';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

const invalidPod = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: smoke-broken',
  'spec:',
  '  restartPolicy: Sometimes',
  '  containers:',
  '    - name: web',
  '      image: nginx:1.27',
  '',
].join('\n');
const invalidLine = 6;

const validPod = (name: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    '    app: smoke',
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: nginx:1.27',
    '      ports:',
    '        - containerPort: 80',
    '',
  ].join('\n');

describe('renderer smoke (Chromium + real core)', () => {
  let dataDir: ReturnType<typeof makeTempDir>;
  let core: Core;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let bridge: Bridge;
  const pageErrors: string[] = [];

  async function shot(name: string) {
    await page.screenshot({ path: `${screenshotDir}${name}.png` });
  }

  async function go(screen: 'Pods' | 'Events' | 'Import' | 'Engine') {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: screen }).waitFor();
  }

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    dataDir = makeTempDir('berth-e2e-');
    core = await openCore({ dataDir: dataDir.path, engine: 'auto' });
    server = await serveStatic(rendererDir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    // Any inline style or script the strict CSP blocks shows up here.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    bridge = await installBridge(page, { api: core.api, appUrl: server.url });
    await page.goto(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await core?.close();
    dataDir?.remove();
  });

  test('the app renders, empty, and says what to do next', async () => {
    await page.getByRole('heading', { level: 1, name: 'Pods' }).waitFor();
    await page.getByText('No pods yet — import a Pod YAML').waitFor();
    await shot('01-pods-empty');
  });

  test('the Engine screen shows the connected engine or why not', async () => {
    const status = await core.api.engineStatus({});
    await go('Engine');
    const card = page.locator('section.card');
    await card.waitFor();
    if (status.connected) {
      await card.getByText('Connected', { exact: true }).waitFor();
      if (status.version) await card.getByText(status.version, { exact: true }).first().waitFor();
    } else {
      await card.getByText('Not connected', { exact: true }).waitFor();
      assert.ok(status.error, 'a disconnected engine says why');
      await card.getByText(status.error, { exact: true }).waitFor();
    }
    await shot('02-engine');
  });

  test('invalid YAML is reported as you type, at the right line', async () => {
    const expected = await core.api.validate({ fileName: 'pasted.yaml', text: invalidPod });
    assert.equal(expected.ok, false);
    const first = expected.errors[0]!;
    assert.equal(first.line, invalidLine, `the core reports line ${first.line}: ${first.message}`);

    await go('Import');
    await page.getByRole('textbox', { name: 'Pod YAML' }).fill(invalidPod);
    const marked = page.locator(`.line[data-line="${invalidLine}"][data-mark="error"]`);
    await marked.waitFor();
    assert.equal(await page.locator('.line[data-mark="error"]').count(), new Set(expected.errors.map((e) => e.line)).size);
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.getByText(`pasted.yaml:${first.line}:${first.column} ${first.path}: ${first.message}`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Apply' }).isDisabled(), true);

    // Selecting the problem puts the caret on its line.
    await problems.getByRole('button').first().click();
    const caretLine = await page
      .getByRole('textbox', { name: 'Pod YAML' })
      .evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length);
    assert.equal(caretLine, invalidLine);
    await shot('03-import-invalid');
  });

  test('a valid pod applies and shows up in Pods, Pending', async () => {
    await page.getByRole('textbox', { name: 'Pod YAML' }).fill(validPod('smoke-web'));
    await page.getByText(/^Valid — 1 object/).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.applied').getByText('created').waitFor();
    await shot('04-import-applied');

    await page.getByRole('button', { name: 'Show pods' }).click();
    const row = page.locator('tr[data-pod="default/smoke-web"]');
    await row.waitFor();
    // Columns: select, name, namespace, ready, status…
    assert.equal(await row.locator('td').nth(4).innerText(), 'Pending');
    assert.equal(await row.locator('td').nth(2).innerText(), 'default');
  });

  test('the pod list is live: a pod applied elsewhere appears without a reload', async () => {
    await core.api.apply({ fileName: 'cli.yaml', text: validPod('smoke-db') });
    await page.locator('tr[data-pod="default/smoke-db"]').waitFor();
    await shot('05-pods');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('06-pods-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('the Events screen lists what the scheduler said', async () => {
    await go('Events');
    const eventRows = page.getByRole('table', { name: 'Events' }).locator('[role="row"][data-event-id]');
    await eventRows.first().waitFor();
    const rows = await eventRows.allInnerTexts();
    assert.ok(rows.some((row) => row.includes('pod/smoke-web')), rows.join('\n'));
    await shot('07-events');
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(bridge.warnings, []);
  });
});
