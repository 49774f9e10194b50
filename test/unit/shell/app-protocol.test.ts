import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  resolveAppPath,
  resolveAppRequest,
} from '../../../src-main/shell/app-protocol';
import { isAppUrl } from '../../../src-main/shell/app-url';
import { decideWindowOpen, mayNavigate } from '../../../src-main/shell/navigation';
import { isTrustedSender } from '../../../src-main/shell/sender';

const root = '/opt/Berth/resources/app.asar/out/renderer';
const app = { entryUrl: APP_ENTRY_URL };

describe('berth://app/ serves the renderer folder and nothing else', () => {
  test('the entry and its assets resolve inside the folder, with their types', () => {
    assert.equal(APP_ENTRY_URL, 'berth://app/index.html');
    assert.deepEqual(resolveAppRequest(APP_ENTRY_URL, root), { file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    assert.deepEqual(resolveAppRequest('berth://app/', root), { file: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    assert.deepEqual(resolveAppRequest('berth://app/assets/index-Csv8E_jc.js?v=1#x', root), {
      file: join(root, 'assets', 'index-Csv8E_jc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    assert.equal(resolveAppRequest('berth://app/assets/app.css', root)?.contentType, 'text/css; charset=utf-8');
    assert.equal(resolveAppRequest('berth://app/assets/my%20icon.svg', root)?.file, join(root, 'assets', 'my icon.svg'));
    assert.equal(resolveAppRequest('berth://app/assets/', root)?.file, join(root, 'assets', 'index.html'));
  });

  test('types by extension, whatever the case; unknown ones are opaque bytes', () => {
    assert.equal(contentTypeFor('a.PNG'), 'image/png');
    assert.equal(contentTypeFor('font.woff2'), 'font/woff2');
    assert.equal(contentTypeFor('x.svg'), 'image/svg+xml');
    assert.equal(contentTypeFor('index.js.map'), 'application/json');
    assert.equal(contentTypeFor('README'), 'application/octet-stream');
    assert.equal(contentTypeFor('evil.exe'), 'application/octet-stream');
  });

  test('no way out of the folder: .., encoded dots and slashes, backslashes, absolute paths', () => {
    for (const url of [
      'berth://app/../../etc/passwd', // the URL parser folds these away: still inside, see below
      'berth://app/%2e%2e/%2e%2e/etc/passwd',
      'berth://app/.%2E/x',
    ]) {
      const found = resolveAppRequest(url, root);
      assert.ok(!found || found.file.startsWith(`${root}/`), `${url} → ${found?.file}`);
    }
    for (const url of [
      'berth://app/..%2f..%2fetc%2fpasswd',
      'berth://app/assets%2f..%2f..%2fsecret',
      'berth://app/..%5c..%5cwindows',
      'berth://app/a\\..\\..\\b',
      'berth://app/%2fetc%2fpasswd',
      'berth://app//etc/passwd',
      'berth://app/C:/Windows/win.ini',
      'berth://app/x%00.html',
      'berth://app/%E0%A4%A', // not decodable
    ]) {
      const found = resolveAppRequest(url, root);
      assert.ok(!found || found.file.startsWith(`${root}/`), `${url} → ${found?.file}`);
    }
    for (const pathname of ['/../etc/passwd', '/assets/../../etc', '/%2e%2e/x', '/..%2fx', '/./index.html', '\\etc', 'etc/passwd', '//etc/passwd', '/%2F%2Fetc', '/a/%2e%2e%2f%2e%2e%2f..']) {
      const file = resolveAppPath(pathname, root);
      assert.ok(file === null || file.startsWith(`${root}/`), `${pathname} → ${file}`);
    }
    assert.equal(resolveAppPath('/../etc/passwd', root), null);
    assert.equal(resolveAppPath('/%2e%2e/x', root), null);
    assert.equal(resolveAppPath('/..%2fx', root), null);
    assert.equal(resolveAppPath('/%5c..%5cx', root), null);
    assert.equal(resolveAppPath('/x%00', root), null);
  });

  test('other schemes, hosts and credentials are not the app', () => {
    for (const url of [
      'file:///opt/Berth/resources/app.asar/out/renderer/index.html',
      'https://app/index.html',
      'berth://evil/index.html',
      'berth://user@app/index.html',
      'berth:index.html',
      'not a url',
      '',
    ]) {
      assert.equal(resolveAppRequest(url, root), null, url);
    }
  });

  test('the scheme is standard and secure, and opens nothing to other origins', () => {
    assert.deepEqual(APP_SCHEME_PRIVILEGES, { standard: true, secure: true, supportFetchAPI: true });
  });
});

describe('the berth://app page in the shell policies', () => {
  test('it is the app page, with any hash or query; other files and hosts are not', () => {
    assert.ok(isAppUrl('berth://app/index.html', app));
    assert.ok(isAppUrl('berth://app/index.html#/pods?x=1', app));
    for (const url of ['berth://app/other.html', 'berth://app/assets/index.js', 'berth://evil/index.html', 'berth://x@app/index.html', 'file:///index.html', 'https://app/index.html']) {
      assert.equal(isAppUrl(url, app), false, url);
    }
  });

  test('navigation, new windows and the IPC sender check follow it', () => {
    assert.ok(mayNavigate('berth://app/index.html#/events', app));
    assert.equal(mayNavigate('berth://app/../index.html.evil', app), false);
    assert.deepEqual(decideWindowOpen('berth://app/index.html'), { action: 'deny', openExternally: null });
    assert.ok(isTrustedSender({ url: 'berth://app/index.html', isTopFrame: true }, app));
    assert.equal(isTrustedSender({ url: 'berth://app/index.html', isTopFrame: false }, app), false);
  });
});
