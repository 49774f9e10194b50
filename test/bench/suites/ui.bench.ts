// UI figures (issue #7, 5): the Events screen in Chromium over a real core whose store holds
// 100 000 events — time to first rows, and frame times while scrolling through them.
import type { Figure } from '../lib/figure';
import { median } from '../lib/figure';
import { frameStats } from '../lib/frames';
import { sample, sampleInTurns, type BenchSuite } from '../lib/suite';
import { idleFrames, loadEvents, loadedEvents, ROW_HEIGHT, scrollFrames, timeToFirstRows } from '../ui/events-screen';
import { openApp } from '../../e2e/app-harness';
import { seedSyntheticEvents } from '../../support/synthetic-events';

const TOTAL = 100_000;
const SMALL = 100;
/** Two seconds of frames at 60 Hz. */
const FRAMES = 120;
/** About a screenful per frame: faster than a wheel fling, so most rows are new every frame. */
const STEP_ROWS = 20;
/** Loaded before scrolling (first page + one older page), more than FRAMES × STEP_ROWS. */
const LOADED = 11_000;
/** The screen fetches the next page this many rows before the end of what it holds (VirtualList's endThreshold). */
const LOAD_AHEAD = 300;
/** Frame time of a 60 Hz display: a p95 within 1.5 of it means ≥ 95 % of frames were on time. */
const TARGET_P95_MS = 25;

const count = (n: number) => n.toLocaleString('en-US');

function uiFigure(name: string, unit: Figure['unit'], subject: Figure['subject'], baseline: Figure['baseline'], note: string, target?: Figure['target']): Figure {
  return { group: 'ui', name, unit, subject, baseline, note, ...(target ? { target } : {}) };
}

const suite: BenchSuite = {
  group: 'ui',
  needsEngine: false,
  async run({ runs, log }) {
    const app = await openApp({}, 'berth-bench-ui-');
    try {
      const base = Date.now() - TOTAL * 10;
      seedSyntheticEvents(app.core.store, 1, SMALL, base);
      const small = await sample(runs, () => timeToFirstRows(app));
      seedSyntheticEvents(app.core.store, SMALL + 1, TOTAL, base);
      const large = await sample(runs, () => timeToFirstRows(app));
      log('first rows measured');

      // Within loaded rows: the virtual list's own work, every frame.
      await loadEvents(app, LOADED);
      const frames = await sampleInTurns(runs, { subject: () => scrollFrames(app, 0, FRAMES, STEP_ROWS), baseline: () => idleFrames(app, FRAMES) });
      const frameMs = median(frames.baseline.flat());
      const scrolled = frames.subject.map((intervals) => frameStats(intervals, frameMs));
      const still = frames.baseline.map((intervals) => frameStats(intervals, frameMs));
      log('scrolling measured');

      // Across the end of what is loaded: the next page is fetched, arrives and is appended.
      const crossing = await sample(runs, async () => {
        const loaded = await loadedEvents(app);
        const intervals = await scrollFrames(app, loaded - 2 * LOAD_AHEAD, 2 * FRAMES, STEP_ROWS);
        if ((await loadedEvents(app)) <= loaded) throw new Error(`no older page arrived within ${2 * FRAMES} frames`);
        return Math.max(...intervals);
      });
      if (app.pageErrors.length) throw new Error(`the page reported errors: ${app.pageErrors.join('; ')}`);

      const how = `${FRAMES} frames per sample, ${STEP_ROWS} rows (${STEP_ROWS * ROW_HEIGHT} px) a frame; display frame ${frameMs.toFixed(1)} ms (median idle interval)`;
      const idle = (samples: number[]) => ({ label: 'idle, same page', samples });
      return [
        uiFigure(`Events screen: first rows, ${count(TOTAL)} events`, 'ms', { label: `${count(TOTAL)} events`, samples: large }, { label: `${SMALL} events`, samples: small },
          'sidebar click until the frame showing the first rows (first page: 1 000 events)'),
        uiFigure('Events screen: scroll frame p95', 'ms', { label: 'scrolling', samples: scrolled.map((s) => s.p95) }, idle(still.map((s) => s.p95)),
          `within ${count(LOADED)} loaded events; ${how}; p50 ${median(scrolled.map((s) => s.p50)).toFixed(1)} ms`, { kind: 'abs-max', value: TARGET_P95_MS }),
        uiFigure('Events screen: scroll dropped frames', '%', { label: 'scrolling', samples: scrolled.map((s) => s.droppedPercent) }, idle(still.map((s) => s.droppedPercent)),
          `display refreshes without a new frame, within ${count(LOADED)} loaded events; ${how}`),
        uiFigure('Events screen: longest frame as an older page arrives', 'ms', { label: 'scrolling across a page load', samples: crossing }, idle(frames.baseline.map((intervals) => Math.max(...intervals))),
          `scrolling on past the end of what is loaded: 10 000 older events are fetched, arrive and are appended; ${how}`),
      ];
    } finally {
      await app.close();
    }
  },
};

export default suite;
