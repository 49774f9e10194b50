// Prints judged figures as a table and writes them as JSON (bench-results/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeTarget, type Judged } from './figure';

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${number} ${unit}`;
}

export function formatTable(figures: Judged[]): string {
  const header = ['group', 'figure', 'engine', 'berth (median)', 'baseline (median)', 'ratio', 'diff', 'target', 'result', 'n'];
  const rows = figures.map((f) => [
    f.group,
    f.name,
    f.engine ?? '',
    formatValue(f.subjectMedian, f.unit),
    `${formatValue(f.baselineMedian, f.unit)} (${f.baseline.label})`,
    Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}×` : '—',
    Number.isFinite(f.difference) ? `${f.difference >= 0 ? '+' : ''}${formatValue(f.difference, f.unit)}` : '—',
    f.target ? describeTarget(f.target, f.unit) : '',
    f.met === undefined ? '' : f.met ? 'met' : 'MISSED',
    String(f.subject.samples.length),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export interface BenchRecord {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; memoryGiB: number; node: string; platform: string };
  runs: number;
  figures: Judged[];
  /** Suites that threw, with why: their figures are missing. */
  failed: string[];
}

/** Writes the run as bench-results/bench-<time>.json and bench-results/latest.json; returns the first path. */
export function writeRecord(root: string, record: BenchRecord): string {
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  const path = join(dir, `bench-${stamp}.json`);
  const text = `${JSON.stringify(record, null, 2)}\n`;
  writeFileSync(path, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return path;
}
