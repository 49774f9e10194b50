// `npm start`'s prestart: without the network (and with no cached binary or headers) it cannot get
// an Electron build of better-sqlite3, and must say so, why, and how to fix it; exit non-zero.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { makeTempDir } from '../../support/temp';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'scripts', 'prepare-electron-native.mjs');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const tag = `electron-${electronVersion}-${process.platform}-${process.arch}`;
const dir = makeTempDir();
after(() => dir.remove());

/** The environment without npm's config (a nodedir, a cache), caches in a fresh home, downloads pointed at a closed port. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) || k === 'npm_config_node_gyp'));
  const home = join(dir.path, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...env,
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_cache: join(home, '.npm'),
    npm_config_devdir: join(home, 'gyp'),
    npm_config_better_sqlite3_binary_host: 'http://127.0.0.1:9',
    BERTH_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9/headers',
  };
}

test('when neither a download nor a build works, it explains what happened and how to fix it (exit 1)', { timeout: 120_000 }, () => {
  const out = join(dir.path, 'out-fail');
  const run = spawnSync(process.execPath, [script, '--out', out], { env: offlineEnv(), encoding: 'utf8', timeout: 110_000 });
  assert.equal(run.status, 1, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  assert.match(run.stderr, new RegExp(`could not get better-sqlite3 built for Electron ${electronVersion.replace(/\./g, '\\.')} \\(${process.platform}-${process.arch}\\)`));
  assert.match(run.stderr, /node_modules\/better-sqlite3 is built for Node/);
  assert.match(run.stderr, /prebuild-install \(download a prebuilt binary\) failed/);
  assert.match(run.stderr, /node-gyp .* failed/);
  assert.match(run.stderr, /To fix it, either:/);
  assert.match(run.stderr, /connect to the internet and run `npm start` again/);
  assert.match(run.stderr, /BERTH_SQLITE_BINDING/);
  assert.ok(run.stderr.includes(join(out, tag, 'better_sqlite3.node')), 'names where the file belongs');
  assert.equal(existsSync(join(out, tag)), false, 'leaves nothing behind in the output folder');
  assert.equal(existsSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')), true, 'the Node build is untouched');
});

test('an existing Electron build is kept: nothing to do, exit 0', () => {
  const out = join(dir.path, 'out-done');
  mkdirSync(join(out, tag), { recursive: true });
  writeFileSync(join(out, tag, 'better_sqlite3.node'), 'prepared earlier');
  const run = spawnSync(process.execPath, [script, '--out', out], { env: offlineEnv(), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.equal(readFileSync(join(out, tag, 'better_sqlite3.node'), 'utf8'), 'prepared earlier');
});
