import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainWindowOptions, themeBackground } from '../../../src-main/shell/window-options';

test('the window is isolated and sandboxed, with no Node and no webview', () => {
  const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', dark: false });
  const prefs = options.webPreferences!;
  assert.equal(prefs.preload, '/app/out/preload/index.cjs');
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
});

test('it waits for ready-to-show and paints the theme colour first', () => {
  const light = mainWindowOptions({ preloadPath: 'p', dark: false });
  const dark = mainWindowOptions({ preloadPath: 'p', dark: true });
  assert.equal(light.show, false);
  assert.equal(light.backgroundColor, themeBackground.light);
  assert.equal(dark.backgroundColor, themeBackground.dark);
  assert.ok(light.minWidth! <= light.width! && light.minHeight! <= light.height!);
});

test("the background colours are the renderer's own --bg colours", async () => {
  const { readFile } = await import('node:fs/promises');
  const css = await readFile(new URL('../../../src-renderer/src/app.css', import.meta.url), 'utf8');
  const backgrounds = [...css.matchAll(/--bg: (#[0-9a-f]{6});/g)].map((m) => m[1]);
  assert.deepEqual(backgrounds, [themeBackground.light, themeBackground.dark]);
});
