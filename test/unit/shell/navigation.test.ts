import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isAppUrl } from '../../../src-main/shell/app-url';
import { decideWindowOpen, isAllowedExternalUrl, mayNavigate } from '../../../src-main/shell/navigation';
import { isTrustedSender } from '../../../src-main/shell/sender';

const built = { entryUrl: 'file:///opt/Berth/resources/app/out/renderer/index.html' };
const dev = { entryUrl: 'http://localhost:5173/' };

describe('the app page', () => {
  test('a built app is its own index.html, with any hash or query', () => {
    assert.ok(isAppUrl('file:///opt/Berth/resources/app/out/renderer/index.html', built));
    assert.ok(isAppUrl('file:///opt/Berth/resources/app/out/renderer/index.html#/pods?x=1', built));
  });

  test('other files, other schemes and junk are not the app', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Berth/resources/app/out/renderer/other.html',
      'file://evil-host/opt/Berth/resources/app/out/renderer/index.html',
      'https://example.com/',
      'http://localhost:5173/',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
      '',
    ]) {
      assert.equal(isAppUrl(url, built), false, url);
    }
  });

  test('in dev, the dev server origin is the app and nothing else is', () => {
    assert.ok(isAppUrl('http://localhost:5173/', dev));
    assert.ok(isAppUrl('http://localhost:5173/src/main.ts', dev));
    assert.equal(isAppUrl('http://localhost:5174/', dev), false);
    assert.equal(isAppUrl('http://127.0.0.1:5173/', dev), false);
    assert.equal(isAppUrl('https://localhost:5173/', dev), false);
    assert.equal(isAppUrl('file:///opt/Berth/resources/app/out/renderer/index.html', dev), false);
  });
});

describe('navigation policy', () => {
  test('the window may only navigate to the app page', () => {
    assert.ok(mayNavigate('file:///opt/Berth/resources/app/out/renderer/index.html', built));
    assert.equal(mayNavigate('https://kubernetes.io/docs/', built), false);
    assert.equal(mayNavigate('file:///home/me/evil.html', built), false);
  });

  test('new windows are always denied; only https docs links go to the browser', () => {
    assert.deepEqual(decideWindowOpen('https://kubernetes.io/docs/concepts/'), {
      action: 'deny',
      openExternally: 'https://kubernetes.io/docs/concepts/',
    });
    for (const url of [
      'http://kubernetes.io/',
      'https://kubernetes.io.evil.example/',
      'https://kubernetes.io@evil.example/',
      'https://user:pw@kubernetes.io/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'about:blank',
      '',
    ]) {
      assert.deepEqual(decideWindowOpen(url), { action: 'deny', openExternally: null }, url);
    }
  });

  test('the allow-list can be narrowed', () => {
    assert.ok(isAllowedExternalUrl('https://docs.docker.com/engine/', ['docs.docker.com']));
    assert.equal(isAllowedExternalUrl('https://kubernetes.io/', ['docs.docker.com']), false);
  });
});

describe('IPC sender check', () => {
  test('the app page in the top frame is trusted', () => {
    assert.ok(isTrustedSender({ url: built.entryUrl, isTopFrame: true }, built));
  });

  test('sub-frames, other pages and missing frames are not', () => {
    assert.equal(isTrustedSender({ url: built.entryUrl, isTopFrame: false }, built), false);
    assert.equal(isTrustedSender({ url: 'https://example.com/', isTopFrame: true }, built), false);
    assert.equal(isTrustedSender(null, built), false);
    assert.equal(isTrustedSender(undefined, built), false);
  });
});
