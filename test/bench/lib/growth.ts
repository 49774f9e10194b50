// How start time grows with the number of pods: the least-squares slope of time against pods.
// Pure, so it is unit-tested; the start suite feeds it its N-pods series.

/** Least-squares slope of `ys` against `xs` (same length, at least two distinct xs). */
export function slope(xs: number[], ys: number[]): number {
  if (xs.length !== ys.length || xs.length < 2) return Number.NaN;
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  for (const [i, x] of xs.entries()) {
    covariance += (x - meanX) * (ys[i]! - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

export interface PodCountSeries {
  pods: number;
  /** One sample per run, in run order. */
  samples: number[];
}

/**
 * One slope per run: run i's samples of every pod count, against the pod counts. A figure's
 * median is then taken over runs, as for every other figure.
 */
export function slopePerRun(series: PodCountSeries[]): number[] {
  const runs = Math.min(...series.map((s) => s.samples.length));
  const pods = series.map((s) => s.pods);
  return Array.from({ length: Number.isFinite(runs) ? runs : 0 }, (_, run) => slope(pods, series.map((s) => s.samples[run]!)));
}
