// What the build ships to the sandboxed side: the preload may require only `electron`, and the
// renderer bundle carries no Node built-ins. (The e2e suite builds first.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const out = new URL('../../out/', import.meta.url);

test('the preload requires electron and nothing else, and pulls in no schema library', () => {
  const preload = readFileSync(new URL('preload/index.cjs', out), 'utf8');
  const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.deepEqual(required, ['electron']);
  assert.ok(!/\bimport\s*\(|^\s*import\s/m.test(preload), 'no ESM imports in a CJS preload');
  assert.ok(!preload.includes('zod'), 'the preload bundles only the method names');
});

test('the renderer bundle has no Node built-ins or process access', () => {
  const assets = new URL('renderer/assets/', out);
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  assert.ok(scripts.length > 0);
  for (const name of scripts) {
    const code = readFileSync(new URL(name, assets), 'utf8');
    assert.ok(!/\brequire\(/.test(code), `${name} calls require()`);
    assert.ok(!/["']node:[a-z_/]+["']/.test(code), `${name} imports a node: module`);
    assert.ok(!/\bprocess\.(env|versions|platform|cwd)/.test(code), `${name} touches process`);
  }
});

test('the built page has no inline script or style', () => {
  const html = readFileSync(new URL('renderer/index.html', out), 'utf8');
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'inline <script>');
  assert.ok(!/<style\b/.test(html), 'inline <style>');
  assert.ok(!/\sstyle="/.test(html), 'style attribute');
});
