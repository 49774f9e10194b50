// Frame statistics of requestAnimationFrame intervals. Pure, so it is tested without a browser.
import { percentile } from './figure';

export interface FrameStats {
  p50: number;
  p95: number;
  /** Display refreshes missed, as a percentage of the refreshes the interval spanned. */
  droppedPercent: number;
}

/**
 * `frameMs` is the display's refresh period. A rAF interval spans a whole number of refreshes;
 * each beyond the first is a frame the page did not produce in time.
 */
export function frameStats(intervals: number[], frameMs: number): FrameStats {
  let refreshes = 0;
  let missed = 0;
  for (const interval of intervals) {
    const spanned = Math.max(1, Math.round(interval / frameMs));
    refreshes += spanned;
    missed += spanned - 1;
  }
  return {
    p50: percentile(intervals, 50),
    p95: percentile(intervals, 95),
    droppedPercent: refreshes ? (missed / refreshes) * 100 : Number.NaN,
  };
}
