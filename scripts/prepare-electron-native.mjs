#!/usr/bin/env node
// `npm start` runs this first (prestart). node_modules/better-sqlite3 is built for Node (the CLI and
// the tests need that), and Electron cannot load a Node build. This puts an Electron build next to
// the bundles, once per Electron version/platform/arch:
//   out/native/electron-<version>-<platform>-<arch>/better_sqlite3.node
// which the app loads through BERTH_SQLITE_BINDING (src-main/index.ts). node_modules is left as is.
// How: on a copy of node_modules/better-sqlite3, prebuild-install downloads the prebuilt Electron
// binary; failing that, node-gyp builds it against Electron's headers.
//   node scripts/prepare-electron-native.mjs [--out DIR] [--force]
// Env: BERTH_ELECTRON_HEADERS_URL (default https://electronjs.org/headers) for node-gyp;
// npm_config_better_sqlite3_binary_host (prebuild-install's own) for a download mirror.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

function argValue(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function fail(lines) {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

/** Like fail(), but lets `finally` blocks run (the temporary copy is removed). */
function report(lines) {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = 1;
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** The last lines of a tool's output: enough to see why it failed. */
function tail(result) {
  if (result.error) return result.error.message;
  const noise = /^gyp ERR! (System|command|cwd|node -v|node-gyp -v|not ok)|^gyp ERR! stack\s+at |^gyp (info|http)|^prebuild-install info/;
  const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter((line) => line && !noise.test(line));
  const text = lines.slice(-6).join('\n    ');
  return `exit ${result.status ?? result.signal}${text ? `:\n    ${text}` : ''}`;
}

const electronDir = packageDir('electron');
if (!electronDir) fail(['prepare-electron-native: the electron package is not installed; run `npm install` first.']);
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const sqliteDir = packageDir('better-sqlite3');
if (!sqliteDir) fail(['prepare-electron-native: better-sqlite3 is not installed; run `npm install` first.']);

const platform = process.platform;
const arch = process.arch;
const tag = `electron-${electronVersion}-${platform}-${arch}`;
const outDir = join(argValue('--out') ?? join(root, 'out', 'native'), tag);
const target = join(outDir, 'better_sqlite3.node');

if (existsSync(target) && !process.argv.includes('--force')) {
  process.exit(0); // already prepared for this Electron
}

console.log(`prepare-electron-native: getting better-sqlite3 built for Electron ${electronVersion} (${platform}-${arch})…`);
const work = mkdtempSync(join(tmpdir(), 'berth-electron-sqlite-'));
const copy = join(work, 'better-sqlite3');
const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
const failures = [];

try {
  // A copy, without node_modules' Node build, so nothing here can touch what the CLI and tests use.
  cpSync(sqliteDir, copy, { recursive: true, filter: (source) => source !== join(sqliteDir, 'build') });
  const run = (command, args) =>
    spawnSync(command, args, { cwd: copy, encoding: 'utf8', timeout: 10 * 60_000 });

  const prebuildDir = packageDir('prebuild-install');
  if (prebuildDir) {
    const result = run(process.execPath, [
      join(prebuildDir, 'bin.js'),
      '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose',
    ]);
    if (result.status !== 0 || !existsSync(built)) failures.push(`prebuild-install (download a prebuilt binary) failed: ${tail(result)}`);
  } else {
    failures.push('prebuild-install is not installed (it comes with better-sqlite3; run `npm install`)');
  }

  if (!existsSync(built)) {
    // npm tells scripts where its own node-gyp is; otherwise one on the PATH.
    const gyp = process.env.npm_config_node_gyp;
    const [command, args] = gyp && existsSync(gyp) ? [process.execPath, [gyp]] : ['node-gyp', []];
    if (command === 'node-gyp') console.log('prepare-electron-native: npm_config_node_gyp is not set (not run by npm?); trying node-gyp from the PATH');
    const headers = process.env.BERTH_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
    const result = run(command, [...args, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${headers}`, '--runtime=electron']);
    if (result.status !== 0 || !existsSync(built)) failures.push(`node-gyp (build from source against Electron's headers at ${headers}) failed: ${tail(result)}`);
  }

  if (!existsSync(built)) {
    report([
      `prepare-electron-native: could not get better-sqlite3 built for Electron ${electronVersion} (${platform}-${arch}).`,
      '',
      'The app needs it: node_modules/better-sqlite3 is built for Node (the CLI and the tests use that build),',
      'and Electron cannot load a Node build, so the app would fail to open its database.',
      '',
      ...failures.map((f) => `  - ${f}`),
      '',
      'To fix it, either:',
      '  - connect to the internet and run `npm start` again (prebuild-install downloads the prebuilt binary from GitHub;',
      '    behind a mirror, set npm_config_better_sqlite3_binary_host), or',
      '  - install a C++ toolchain (Python 3, make and a C++ compiler; Xcode Command Line Tools on macOS, Visual Studio',
      '    Build Tools on Windows) with access to Electron\'s headers (BERTH_ELECTRON_HEADERS_URL), then run `npm start` again, or',
      `  - build better_sqlite3.node for Electron ${electronVersion} yourself and put it at ${target}`,
      '    (or set BERTH_SQLITE_BINDING to its path when starting the app).',
    ]);
  } else {
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, target);
    console.log(`prepare-electron-native: ${target}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
