// The Import editor in Chromium: YAML highlighting drawn behind the textarea, and files dropped
// onto the window (a real drop event carrying a File) loading into the editor and validating.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { openApp, type AppHarness } from './app-harness';

const invalidPod = [
  '# A pod with one mistake',
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: dropped-web # from a file',
  '  labels: { app: "web", tier: frontend }',
  'spec:',
  '  restartPolicy: Sometimes',
  '  containers:',
  '    - name: web',
  '      image: "nginx:1.27"',
  '      ports:',
  '        - containerPort: 80',
  '      tty: true',
  '      command: ["sh", "-c"]',
  '      args:',
  '        - |',
  '          echo "#not a comment"',
  '          exec nginx -g "daemon off;"',
  '',
].join('\n');
const invalidLine = 8;

const validPod = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: dropped-ok', 'spec:', '  containers:', '    - name: web', '      image: nginx:1.27', ''].join('\n');

describe('import editor: highlighting and drag and drop (Chromium)', () => {
  let app: AppHarness;

  before(async () => {
    app = await openApp({ engine: 'auto' }, 'berth-e2e-import-');
  });

  after(async () => {
    await app?.close();
  });

  const editor = () => app.page.getByRole('textbox', { name: 'Pod YAML' });

  /** Drags a file over `target` and drops it there, as the OS would. */
  async function dropFile(target: Locator, name: string, text: string, type = 'application/yaml') {
    const dataTransfer = await app.page.evaluateHandle(
      ([fileName, fileText, fileType]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([fileText], fileName, { type: fileType }));
        return transfer;
      },
      [name, text, type] as const,
    );
    await target.dispatchEvent('dragenter', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await app.page.locator('.drop-zone').getByText('Drop to import').waitFor();
    await target.dispatchEvent('drop', { dataTransfer });
    await app.page.locator('.drop-zone').waitFor({ state: 'detached' });
    await dataTransfer.dispose();
  }

  test('a dropped YAML file loads with its name and is checked, at the right line', async () => {
    const expected = await app.core.api.validate({ fileName: 'dropped.yaml', text: invalidPod });
    assert.equal(expected.ok, false);
    const first = expected.errors[0]!;
    assert.equal(first.line, invalidLine, `the core reports line ${first.line}: ${first.message}`);

    await app.go('Import');
    await dropFile(editor(), 'dropped.yaml', invalidPod);
    assert.equal(await editor().inputValue(), invalidPod);
    assert.equal(await app.page.locator('#file-name').inputValue(), 'dropped.yaml');
    await app.page.locator(`.line[data-line="${invalidLine}"][data-mark="error"]`).waitFor();
    await app.page
      .getByRole('list', { name: 'Problems' })
      .getByText(`dropped.yaml:${first.line}:${first.column} ${first.path}: ${first.message}`)
      .waitFor();
  });

  test('the text is highlighted behind the textarea, line for line', async () => {
    const { page } = app;
    await page.locator('.lines .tok-key', { hasText: /^apiVersion$/ }).waitFor();
    assert.equal(await page.locator(`.line[data-line="${invalidLine}"] .tok-key`).innerText(), 'restartPolicy');
    assert.equal(await page.locator('.line[data-line="1"] .tok-comment').innerText(), '# A pod with one mistake');
    assert.equal(await page.locator('.line[data-line="5"] .tok-comment').innerText(), '# from a file');
    assert.equal(await page.locator('.line[data-line="11"] .tok-string').innerText(), '"nginx:1.27"');
    assert.equal(await page.locator('.line[data-line="13"] .tok-number').innerText(), '80');
    assert.equal(await page.locator('.line[data-line="14"] .tok-bool').innerText(), 'true');
    assert.equal(await page.locator('.line[data-line="17"] .tok-block').innerText(), '|');
    // The block scalar's body is one string: its # starts no comment.
    assert.equal(await page.locator('.line[data-line="18"] .tok-comment').count(), 0);

    // The layer holds exactly the textarea's text and lines up with it.
    const layout = await editor().evaluate((area: HTMLTextAreaElement) => {
      const style = getComputedStyle(area);
      const box = area.getBoundingClientRect();
      const texts = [...document.querySelectorAll<HTMLElement>('.lines .line .text')];
      const first = texts[0]!.getBoundingClientRect();
      const last = texts[texts.length - 1]!.getBoundingClientRect();
      return {
        text: texts.map((t) => t.textContent).join('\n'),
        value: area.value,
        dx: first.left - (box.left + parseFloat(style.paddingLeft)),
        dy: first.top - (box.top + parseFloat(style.paddingTop)),
        lineHeight: parseFloat(style.lineHeight),
        lastTop: last.top - box.top - parseFloat(style.paddingTop),
        lines: texts.length,
        color: style.color,
      };
    });
    assert.equal(layout.text, layout.value);
    assert.ok(Math.abs(layout.dx) < 0.5, `text starts ${layout.dx}px off the textarea's`);
    assert.ok(Math.abs(layout.dy) < 0.5, `first line is ${layout.dy}px off the textarea's`);
    assert.ok(Math.abs(layout.lastTop - (layout.lines - 1) * layout.lineHeight) < 0.5, 'lines keep the textarea line height');
    assert.equal(layout.color, 'rgba(0, 0, 0, 0)', 'the textarea text is transparent');

    await page.locator('.summary', { hasText: /^1 error$/ }).waitFor();
    await app.shot('60-import-highlighted');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('61-import-highlighted-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Typing still edits, and the layer follows.
    await editor().focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed');
    await page.locator('.line[data-line="20"] .tok-comment', { hasText: '# typed' }).waitFor();
    await page.keyboard.press('Control+Home');
  });

  test('a file dropped on another screen switches to Import and loads', async () => {
    await app.go('Pods');
    await dropFile(app.page.locator('main'), 'ok.yml', validPod);
    await app.page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    assert.equal(await editor().inputValue(), validPod);
    assert.equal(await app.page.locator('#file-name').inputValue(), 'ok.yml');
    await app.page.getByText(/^Valid — 1 object/).waitFor();
  });

  test('other files are refused with a clear message, leaving the editor alone', async () => {
    await dropFile(editor(), 'notes.txt', 'hello', 'text/plain');
    await app.page.getByRole('alert').getByText('notes.txt is not a YAML or JSON file: drop a .yaml, .yml or .json file.').waitFor();
    assert.equal(await editor().inputValue(), validPod);
    assert.equal(await app.page.locator('#file-name').inputValue(), 'ok.yml');

    // The next good file clears the message.
    await dropFile(editor(), 'pod.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } }), 'application/json');
    assert.equal(await app.page.locator('#file-name').inputValue(), 'pod.json');
    assert.equal(await app.page.getByRole('alert').count(), 0);
    await app.page.getByText(/^Valid — 1 object/).waitFor();
  });

  test('no page errors, no CSP violations, no refused IPC', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.bridge.warnings, []);
  });
});
