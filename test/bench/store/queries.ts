// Reads of the big store, as the UI and the CLI make them, against the same reads of the bare
// table (same rows, plain indexes, raw rows instead of API objects).
import type { Figure } from '../lib/figure';
import { sampleInTurns, since } from '../lib/suite';
import { bareQueries } from './bare-table';
import type { History } from './history';
import { podUid } from './workload';

/** Mean milliseconds of `query` over `inputs`; throws when a result has the wrong length. */
function meanMs<T>(inputs: T[], expected: number, query: (input: T) => unknown[]): number {
  const started = performance.now();
  for (const input of inputs) {
    const rows = query(input).length;
    if (rows !== expected) throw new Error(`query returned ${rows} rows, expected ${expected}`);
  }
  return since(started) / inputs.length;
}

function figure(name: string, subject: number[], baseline: number[], note: string, target?: Figure['target']): Figure {
  return {
    group: 'store',
    name,
    unit: 'ms',
    subject: { label: 'Store.listEvents', samples: subject },
    baseline: { label: 'bare indexed SELECT', samples: baseline },
    ...(target ? { target } : {}),
    note,
  };
}

const POD_LIMIT = 200;
const PODS_PER_SAMPLE = 40;
/** The Events screen's first page and its later ones (FIRST_PAGE, LATER_PAGE in event-feed.svelte.ts). */
const FIRST_PAGE = 1_000;
const LATER_PAGE = 10_000;

export async function queryFigures(history: History, runs: number): Promise<Figure[]> {
  const { store } = history;
  const bare = bareQueries(history.bare);
  const total = history.events.toLocaleString('en-US');

  // A different set of pods for every sample, spread over the whole history (7919 is prime).
  const podsOf = (index: number) =>
    Array.from({ length: PODS_PER_SAMPLE }, (_, k) => podUid((((index + 1) * PODS_PER_SAMPLE + k) * 7919) % history.pods));
  const pod = await sampleInTurns(runs, {
    subject: (i) => meanMs(podsOf(i), POD_LIMIT, (uid) => store.listEvents({ podUid: uid, limit: POD_LIMIT })),
    baseline: (i) => meanMs(podsOf(i), POD_LIMIT, (uid) => bare.ofPod(uid, POD_LIMIT)),
  });

  const repeat = Array.from({ length: 10 }, () => FIRST_PAGE);
  const first = await sampleInTurns(runs, {
    subject: () => meanMs(repeat, FIRST_PAGE, (limit) => store.listEvents({ limit })),
    baseline: () => meanMs(repeat, FIRST_PAGE, (limit) => bare.newest(limit)),
  });

  // Older pages at depths spread over the history, as scrolling far down fetches them.
  const cursors = new Map<number, { lastTimestamp: number; id: number }[]>();
  const cursorsOf = (index: number) => {
    if (!cursors.has(index)) cursors.set(index, [0.2, 0.5, 0.8].map((f) => bare.cursorAt(Math.floor(history.events * f) + index * 1_000)!));
    return cursors.get(index)!;
  };
  const older = await sampleInTurns(runs, {
    subject: (i) => meanMs(cursorsOf(i), LATER_PAGE, (before) => store.listEvents({ limit: LATER_PAGE, before })),
    baseline: (i) => meanMs(cursorsOf(i), LATER_PAGE, (before) => bare.older(before, LATER_PAGE)),
  });

  // The Events screen filtered by a reason: one nothing has (a typo in the filter box) walked the
  // whole time index before migration 4 — the bare table, without a reason index, still does.
  const missing = await sampleInTurns(runs, {
    subject: () => meanMs(repeat, 0, (limit) => store.listEvents({ reason: 'FailedMount', limit })),
    baseline: () => meanMs(repeat, 0, (limit) => bare.byReason('FailedMount', limit)),
  });
  const started = Math.min(store.countEvents({ reason: 'Started' }), FIRST_PAGE);
  const byReason = await sampleInTurns(runs, {
    subject: () => meanMs(repeat, started, (limit) => store.listEvents({ reason: 'Started', limit })),
    baseline: () => meanMs(repeat, FIRST_PAGE, (limit) => store.listEvents({ limit })),
  });

  return [
    figure(`Events screen filtered by a reason no event has, ${total} events`, missing.subject, missing.baseline,
      `listEvents({reason: 'FailedMount', limit: ${FIRST_PAGE}}); the bare table has no reason index, as the store before migration 4`, { kind: 'abs-max', value: 20 }),
    {
      ...figure(`Events screen filtered by reason Started, first page`, byReason.subject, byReason.baseline,
        `listEvents({reason: 'Started', limit: ${FIRST_PAGE}}) against the unfiltered first page`, { kind: 'ratio-max', value: 1.5 }),
      baseline: { label: 'Store.listEvents unfiltered', samples: byReason.baseline },
    },
    figure(`latest ${POD_LIMIT} events of one pod, ${total} events`, pod.subject, pod.baseline,
      `listEvents({podUid, limit: ${POD_LIMIT}}); mean of ${PODS_PER_SAMPLE} different pods per sample`, { kind: 'abs-max', value: 5 }),
    figure(`Events screen first page (newest ${FIRST_PAGE.toLocaleString('en-US')} of all)`, first.subject, first.baseline,
      `listEvents({limit: ${FIRST_PAGE}}) over ${total} events`),
    figure(`Events screen older page (${LATER_PAGE.toLocaleString('en-US')}, keyset)`, older.subject, older.baseline,
      `listEvents({limit: ${LATER_PAGE}, before}) at 20 %, 50 % and 80 % of ${total} events`),
  ];
}
