// Driving the Events screen for the UI figures: open it, load pages, scroll it frame by frame.
import type { AppHarness } from '../../e2e/app-harness';
import { clickUntilShown, frameIntervals } from './page-timing';

const ROW = '[role="table"][aria-label="Events"] [role="row"][data-event-id]';
const VIEWPORT = '[role="rowgroup"][aria-label="Event rows"]';
/** EventsTable's ROW_HEIGHT. */
export const ROW_HEIGHT = 34;

async function nextFrames(app: AppHarness, count: number): Promise<void> {
  await app.page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, count);
}

/** Leaves the Events screen, then times going back to it until its first rows are painted. */
export async function timeToFirstRows(app: AppHarness): Promise<number> {
  await app.go('Pods');
  await nextFrames(app, 5);
  return clickUntilShown(app.page, 'Events', ROW);
}

/** Events the screen holds (its list is one fixed-height row per event). */
export function loadedEvents(app: AppHarness): Promise<number> {
  return app.page.evaluate(({ selector, row }) => Math.round(document.querySelector(selector)!.scrollHeight / row), { selector: VIEWPORT, row: ROW_HEIGHT });
}

/** Scrolls to the end of what is loaded until the screen has fetched at least `count` events. */
export async function loadEvents(app: AppHarness, count: number): Promise<void> {
  await app.page.waitForFunction(
    ({ selector, height }) => {
      const viewport = document.querySelector(selector)!;
      viewport.scrollTop = viewport.scrollHeight;
      return viewport.scrollHeight >= height;
    },
    { selector: VIEWPORT, height: count * ROW_HEIGHT },
    { polling: 250, timeout: 60_000 },
  );
}

/** Frame intervals while scrolling `frames` frames from row `fromRow`, `stepRows` rows per frame. */
export async function scrollFrames(app: AppHarness, fromRow: number, frames: number, stepRows: number): Promise<number[]> {
  await app.page.evaluate(({ selector, top }) => (document.querySelector(selector)!.scrollTop = top), { selector: VIEWPORT, top: fromRow * ROW_HEIGHT });
  await nextFrames(app, 10);
  return frameIntervals(app.page, VIEWPORT, frames, stepRows * ROW_HEIGHT);
}

/** Frame intervals of the screen sitting still. */
export function idleFrames(app: AppHarness, frames: number): Promise<number[]> {
  return frameIntervals(app.page, VIEWPORT, frames, 0);
}
