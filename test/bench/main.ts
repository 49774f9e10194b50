// `npm run bench`: measures every suite in test/bench/suites/ (each `*.bench.ts` exports a
// BenchSuite as default), prints one table and writes bench-results/*.json.
//   npm run bench                                  everything, 5 runs, Docker and Podman
//   npm run bench -- --only store,ui               some groups
//   npm run bench -- --runs 7 --engines docker     more samples, one engine
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EngineKind } from '../../src-main/engine/endpoint';
import { connectTestEngine } from '../support/engines';
import { judge, type Judged } from './lib/figure';
import { formatTable, writeRecord } from './lib/report';
import type { BenchSuite } from './lib/suite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suitesDir = fileURLToPath(new URL('./suites', import.meta.url));
const order = ['store', 'ui', 'hooks', 'start', 'stop', 'reads', 'memory', 'cpu'];

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    engines: { type: 'string', default: process.env.BERTH_TEST_ENGINES ?? 'docker,podman' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got ${values.runs}`);
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wantedEngines = values.engines.split(',').filter(Boolean) as EngineKind[];

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function answeringEngines(): Promise<EngineKind[]> {
  const up: EngineKind[] = [];
  for (const kind of wantedEngines) {
    try {
      await connectTestEngine(kind);
      up.push(kind);
    } catch (error) {
      log(`${kind}: not answering, its figures are skipped (${(error as Error).message})`);
    }
  }
  return up;
}

async function loadSuites(): Promise<BenchSuite[]> {
  const files = readdirSync(suitesDir).filter((f) => f.endsWith('.bench.ts'));
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(suitesDir, file)).href)) as { default: BenchSuite };
    suites.push(module.default);
  }
  return suites
    .filter((s) => !only || only.has(s.group))
    .sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

const startedAt = new Date().toISOString();
const suites = await loadSuites();
const engines = suites.some((s) => s.needsEngine) ? await answeringEngines() : [];
const figures: Judged[] = [];
const failed: string[] = [];
for (const suite of suites) {
  if (suite.needsEngine && engines.length === 0) {
    log(`${suite.group}: skipped, no engine answers`);
    continue;
  }
  log(`${suite.group}: measuring (${runs} runs${suite.needsEngine ? ` on ${engines.join(', ')}` : ''})`);
  try {
    const measured = await suite.run({ runs, engines, log: (m) => log(`${suite.group}: ${m}`) });
    figures.push(...measured.map(judge));
  } catch (error) {
    // One suite's failure must not cost the others' figures: it is reported, and the run fails.
    failed.push(`${suite.group}: ${(error as Error).stack ?? String(error)}`);
    log(`${suite.group}: FAILED — ${(error as Error).message}`);
  }
}

const path = writeRecord(root, {
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  runs,
  figures,
  failed,
});
process.stdout.write(`${formatTable(figures)}\n\nwritten to ${path}\n`);
const missed = figures.filter((f) => f.met === false);
if (missed.length) process.stdout.write(`${missed.length} target(s) missed: see docs/BENCHMARKS.md for what remains and why\n`);
if (failed.length) process.stdout.write(`\n${failed.length} suite(s) failed:\n${failed.join('\n')}\n`);
// Suites leave sockets to engines open; the figures are written, so end here.
process.exit(failed.length ? 1 : 0);
