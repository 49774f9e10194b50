// A benchmark figure: Berth's samples against a baseline measured in the same run, and the target
// the issue sets for it. Pure: the runner measures, this decides what the numbers say.

export type Unit = 'ms' | 'events/s' | 'MB' | 'bytes' | '%';

export interface Series {
  /** What was measured, e.g. "berth apply → Running" or "bare dockerode create+start". */
  label: string;
  samples: number[];
}

/**
 * How a figure is judged:
 * - `ratio-max`: median(subject) / median(baseline) ≤ value (e.g. 1.2× the floor);
 * - `ratio-min`: the same ratio ≥ value (e.g. faster than `podman kube play`: baseline/subject);
 * - `diff-max`: median(subject) − median(baseline) ≤ value, in the figure's unit;
 * - `abs-max` / `abs-min`: median(subject) ≤ / ≥ value, the baseline only for context.
 */
export type TargetKind = 'ratio-max' | 'ratio-min' | 'diff-max' | 'abs-max' | 'abs-min';

export interface Target {
  kind: TargetKind;
  value: number;
}

export interface Figure {
  group: 'start' | 'stop' | 'hooks' | 'store' | 'ui' | 'memory';
  name: string;
  engine?: 'docker' | 'podman';
  unit: Unit;
  /** Higher is better for rates (events/s); lower for times, sizes and memory. */
  higherIsBetter?: boolean;
  subject: Series;
  baseline: Series;
  target?: Target;
  /** What a reader needs to interpret the figure (what remains of a miss, and why). */
  note?: string;
}

export interface Judged extends Figure {
  subjectMedian: number;
  baselineMedian: number;
  /** subject / baseline. */
  ratio: number;
  /** subject − baseline. */
  difference: number;
  /** undefined when the figure has no target. */
  met: boolean | undefined;
}

export function median(samples: number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function judge(figure: Figure): Judged {
  const subjectMedian = median(figure.subject.samples);
  const baselineMedian = median(figure.baseline.samples);
  const ratio = subjectMedian / baselineMedian;
  const difference = subjectMedian - baselineMedian;
  const target = figure.target;
  let met: boolean | undefined;
  if (target) {
    switch (target.kind) {
      case 'ratio-max':
        met = ratio <= target.value;
        break;
      case 'ratio-min':
        met = ratio >= target.value;
        break;
      case 'diff-max':
        met = difference <= target.value;
        break;
      case 'abs-max':
        met = subjectMedian <= target.value;
        break;
      case 'abs-min':
        met = subjectMedian >= target.value;
        break;
    }
    if (Number.isNaN(subjectMedian) || (target.kind.startsWith('ratio') || target.kind === 'diff-max') && Number.isNaN(baselineMedian)) met = false;
  }
  return { ...figure, subjectMedian, baselineMedian, ratio, difference, met };
}

export function describeTarget(target: Target, unit: Unit): string {
  switch (target.kind) {
    case 'ratio-max':
      return `≤ ${target.value}×`;
    case 'ratio-min':
      return `≥ ${target.value}×`;
    case 'diff-max':
      return `≤ +${target.value} ${unit}`;
    case 'abs-max':
      return `≤ ${target.value} ${unit}`;
    case 'abs-min':
      return `≥ ${target.value} ${unit}`;
  }
}
