// A benchmark figure: Berth's samples against a baseline measured in the same run, and the target
// the issue sets for it. Pure: the runner measures, this decides what the numbers say.

export type Unit = 'ms' | 'ms/pod' | 'events/s' | 'MB' | 'bytes' | '%' | 'requests/pod';

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
 * `strict` makes the bound exclusive (< or >), for targets the issue states as "less than".
 */
export type TargetKind = 'ratio-max' | 'ratio-min' | 'diff-max' | 'abs-max' | 'abs-min';

export interface Target {
  kind: TargetKind;
  value: number;
  strict?: boolean;
}

export interface Figure {
  group: 'start' | 'stop' | 'hooks' | 'store' | 'ui' | 'memory' | 'reads' | 'cpu';
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
    const judged = target.kind.startsWith('ratio') ? ratio : target.kind === 'diff-max' ? difference : subjectMedian;
    met = target.kind.endsWith('-max') ? atMost(judged, target.value, target.strict) : atMost(target.value, judged, target.strict);
    if (Number.isNaN(subjectMedian) || ((target.kind.startsWith('ratio') || target.kind === 'diff-max') && Number.isNaN(baselineMedian))) met = false;
  }
  return { ...figure, subjectMedian, baselineMedian, ratio, difference, met };
}

/** `a ≤ b`, or `a < b` when strict. */
function atMost(a: number, b: number, strict = false): boolean {
  return strict ? a < b : a <= b;
}

export function describeTarget(target: Target, unit: Unit): string {
  const max = target.strict ? '<' : '≤';
  const min = target.strict ? '>' : '≥';
  switch (target.kind) {
    case 'ratio-max':
      return `${max} ${target.value}×`;
    case 'ratio-min':
      return `${min} ${target.value}×`;
    case 'diff-max':
      return `${max} +${target.value} ${unit}`;
    case 'abs-max':
      return `${max} ${target.value} ${unit}`;
    case 'abs-min':
      return `${min} ${target.value} ${unit}`;
  }
}
