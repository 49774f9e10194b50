// Bytes per event on disk: Berth's database file against the bare table of the same rows.
import type { Figure } from '../lib/figure';
import type { History } from './history';

export function diskFigure(history: History): Figure {
  const sample = history.store.listEvents({ limit: 1_000 });
  const json = sample.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0) / sample.length;
  return {
    group: 'store',
    name: `bytes per event on disk, ${history.events.toLocaleString('en-US')} events`,
    unit: 'bytes',
    // Sizes are exact: one sample each.
    subject: { label: 'berth.db after checkpoint', samples: [history.bytes.store / history.events] },
    baseline: { label: 'bare table, no index', samples: [history.bytes.bare / history.events] },
    note: `the same event as API JSON: ${Math.round(json)} bytes; Berth adds its aggregation key, change-feed seq and 5 indexes`,
  };
}
