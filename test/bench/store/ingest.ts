// Ingest: occurrences per second that Store.recordEvents aggregates into the big store, against
// plain INSERTs of the same rows into the bare table, in transactions of the same size.
import type { EventInput } from '../../../src-main/model';
import { median, type Figure } from '../lib/figure';
import { sampleInTurns, since } from '../lib/suite';
import { bareWriter } from './bare-table';
import type { History } from './history';
import { ACTIVE_PODS, crashLoopOccurrence } from './workload';

interface IngestCase {
  name: string;
  /** Occurrences per transaction. */
  batch: number;
  /** Occurrences per sample. */
  perSample: number;
  target?: Figure['target'];
  note: string;
}

const CASES: IngestCase[] = [
  {
    name: 'ingest, 100 occurrences per transaction',
    batch: 100,
    perSample: 40_000,
    target: { kind: 'abs-min', value: 50_000 },
    note: 'a burst (e.g. many pods applied at once)',
  },
  {
    name: 'ingest, 1 occurrence per transaction',
    batch: 1,
    perSample: 3_000,
    note: 'as a pod worker records events, one per commit',
  },
];

/** Pods of the ingest stream are numbered from here, apart from the history's. */
const FIRST_POD = 1_000_000;

function batches(first: number, count: number, size: number, base: number): EventInput[][] {
  const all = Array.from({ length: count }, (_, k) => crashLoopOccurrence(first + k, FIRST_POD, base));
  const out: EventInput[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

interface Rate {
  /** Occurrences per second of wall time: the figure. */
  wall: number;
  /** Per second of this process's CPU time: what the rate would be with a core to itself. */
  cpu: number;
}

function rate(count: number, write: () => void): Rate {
  const started = performance.now();
  const cpu = process.cpuUsage();
  write();
  const used = process.cpuUsage(cpu);
  return { wall: count / (since(started) / 1000), cpu: count / ((used.user + used.system) / 1e6) };
}

const perSecond = (rates: Rate[]) => Math.round(median(rates.map((r) => r.cpu))).toLocaleString('en-US');

export async function ingestFigures(history: History, runs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  let next = 0; // occurrences so far: every sample continues the stream (new pods, no replays)
  for (const c of CASES) {
    let work: EventInput[][] = [];
    const rowsBefore = history.store.countEvents();
    let occurrences = 0;
    const write = bareWriter(history.bare);
    const { subject, baseline } = await sampleInTurns<'subject' | 'baseline', Rate>(runs, {
      subject: () => {
        work = batches(next, c.perSample, c.batch, history.end);
        next += c.perSample;
        occurrences += c.perSample;
        return rate(c.perSample, () => work.forEach((b) => history.store.recordEvents(b)));
      },
      baseline: () => rate(c.perSample, () => work.forEach((b) => write(b))),
    });
    const rows = history.store.countEvents() - rowsBefore;
    figures.push({
      group: 'store',
      name: c.name,
      unit: 'events/s',
      higherIsBetter: true,
      subject: { label: 'Store.recordEvents', samples: subject.map((r) => r.wall) },
      baseline: { label: 'bare INSERTs', samples: baseline.map((r) => r.wall) },
      ...(c.target ? { target: c.target } : {}),
      note:
        `${c.note}; into a store of ${history.events.toLocaleString('en-US')} events; ${ACTIVE_PODS} pods in crash loops, ` +
        `${Math.round((1 - rows / occurrences) * 100)} % of occurrences aggregated into an existing event; ` +
        `per second of CPU time: ${perSecond(subject)} (bare ${perSecond(baseline)})`,
    });
  }
  return figures;
}
