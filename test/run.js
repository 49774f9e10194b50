#!/usr/bin/env node
// Runs the test suites with Node's own test runner (TypeScript through tsx).
//   node test/run.js               the default suites: unit, engine (Docker + Podman), e2e (Chromium),
//                                  kubectl (the real kubectl binaries against `berth serve`)
//   node test/run.js unit engine   only those suites
//   node test/run.js reliability   the reliability suite (`npm run test:reliability`): crashes, engine
//                                  faults, hostile input and load; one file at a time, as they
//                                  kill processes and restart daemons
//   node test/run.js test/unit/kube/import.test.ts   only those files
// The suites that need the renderer or the CLI bundle build first (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = ['unit', 'engine', 'e2e', 'kubectl', 'reliability'];
const defaultSuites = ['unit', 'engine', 'e2e', 'kubectl'];
const needsBuild = new Set(['engine', 'e2e', 'kubectl', 'reliability']);

function testFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFilesUnder(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const args = process.argv.slice(2);
const chosenSuites = args.filter((a) => suites.includes(a));
const chosenFiles = args.filter((a) => !suites.includes(a));
const files = chosenFiles.length
  ? chosenFiles
  : (chosenSuites.length ? chosenSuites : defaultSuites).flatMap((s) => testFilesUnder(join(root, 'test', s)));

if (files.length === 0) {
  console.error('test/run.js: no test files found');
  process.exit(1);
}

const onlyReliability = files.every((f) => relative(join(root, 'test'), f).startsWith('reliability'));
const wantsBuild = files.some((f) => needsBuild.has(relative(join(root, 'test'), f).split(/[\\/]/)[0]));
if (wantsBuild && !process.env.BERTH_SKIP_BUILD) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.BERTH_TEST_CONCURRENCY ?? (onlyReliability ? 1 : 2)}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
