import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { devCsp, formatCsp, formatMetaCsp, productionCsp, withCspHeader } from '../../../src-main/shell/csp';

describe('renderer Content-Security-Policy', () => {
  test('production policy is the strict one, nothing inline, nothing remote', () => {
    assert.equal(
      formatCsp(productionCsp),
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    for (const sources of Object.values(productionCsp)) {
      assert.ok(!sources.some((s) => s.includes('unsafe') || s === '*' || s.startsWith('http')), sources.join(' '));
    }
  });

  test("the <meta> form leaves out what browsers ignore there (frame-ancestors)", () => {
    const meta = formatMetaCsp(productionCsp);
    assert.ok(!meta.includes('frame-ancestors'));
    assert.ok(meta.startsWith("default-src 'none'; script-src 'self'; style-src 'self'"));
  });

  test("index.html states exactly the production policy", () => {
    const html = readFileSync(new URL('../../../src-renderer/index.html', import.meta.url), 'utf8');
    const stated = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.equal(stated, formatMetaCsp(productionCsp));
  });

  test('the dev policy loosens only styles and the hot-reload socket', () => {
    const changed = Object.keys(devCsp).filter((name) => devCsp[name]!.join(' ') !== productionCsp[name]!.join(' '));
    assert.deepEqual(changed.sort(), ['connect-src', 'style-src']);
    assert.ok(!devCsp['script-src']!.some((s) => s.includes('unsafe')));
  });

  test('the header replaces any policy the response carried, whatever its case', () => {
    const headers = withCspHeader(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      "default-src 'none'",
    );
    assert.deepEqual(headers, { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
    assert.deepEqual(withCspHeader(undefined, 'x'), { 'Content-Security-Policy': ['x'] });
  });
});
