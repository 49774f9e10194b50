// The profile driver's analysis (test/bench/profile.ts): the engine requests the counting proxy
// timed, named by the step of a pod start or stop they are (network create, sandbox start, …),
// and summed up per step over samples. Pure, so it is unit-tested.
import { median } from './figure';
import type { PassedEvent, TimedRequest } from './counting-proxy';

/** What a container is to a pod: its sandbox (the pause container) or one of its containers. */
export type Role = 'sandbox' | 'container';

/** Berth names sandboxes `…_sandbox_<generation>`, the floor `<pod>-sandbox`. */
export function roleOfName(name: string): Role {
  return /[-_]sandbox(_\d+)?$/.test(name) ? 'sandbox' : 'container';
}

/** The step a request is, e.g. `sandbox start`, `network inspect`, `image inspect`. */
export function stepOf(request: TimedRequest, roles: ReadonlyMap<string, Role>): string {
  const { method, path } = request;
  const roleOf = (id: string | undefined) => (id && roles.get(id)) ?? 'container?';
  if (path === '/containers/create') return `${request.name ? roleOfName(request.name) : 'container?'} create`;
  if (path === '/containers/json') return 'container list';
  if (/^\/networks\/create$/.test(path)) return 'network create';
  if (/^\/networks\/[^/]+$/.test(path)) return `network ${method === 'DELETE' ? 'remove' : 'inspect'}`;
  if (/^\/images\/.+\/json$/.test(path)) return 'image inspect';
  if (path === '/events') return 'event stream';
  const container = /^\/containers\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (container) {
    const action = container[2] ?? (method === 'DELETE' ? 'remove' : method.toLowerCase());
    return `${roleOf(container[1])} ${action === 'json' ? 'inspect' : action}`;
  }
  return `${method} ${path}`;
}

/** One step of a sample: when it began and how long it took, in ms since the sample's zero. */
export interface Step {
  step: string;
  start: number;
  /** Undefined for a request still open at the sample's end (an event stream, a wait). */
  ms?: number;
}

/** A sample's requests as steps, in the order they came; `roles` maps engine ids to what they are. */
export function stepsOf(timeline: readonly TimedRequest[], roles: ReadonlyMap<string, Role>): Step[] {
  return timeline.map((r) => ({ step: stepOf(r, roles), start: r.start, ...(r.end !== undefined ? { ms: r.end - r.start } : {}) }));
}

/** Engine events as steps with no duration (`event die sandbox`), for the same timeline. */
export function eventSteps(events: readonly PassedEvent[], roles: ReadonlyMap<string, Role>): Step[] {
  return events.map((e) => ({ step: `event ${e.action} ${roles.get(e.id) ?? 'container?'}`, start: e.at }));
}

/** Per step over samples: how many each sample had, and medians of its first start, its duration and its summed duration. */
export interface StepSummary {
  step: string;
  /** Median count per sample. */
  count: number;
  /** Median of the step's first start in each sample. */
  firstStart: number;
  /** Median of the step's last end (start + duration) in each sample. */
  lastEnd: number;
  /** Median duration of one request (all samples pooled). */
  medianMs: number;
  /** Median over samples of the summed durations. */
  totalMs: number;
}

/** Summarises steps over samples, in the order each step first began. */
export function summarizeSteps(samples: readonly Step[][]): StepSummary[] {
  const names = [...new Set(samples.flatMap((s) => s.map((x) => x.step)))];
  const summaries = names.map((step): StepSummary => {
    const per = samples.map((s) => s.filter((x) => x.step === step));
    const present = per.filter((p) => p.length > 0);
    const timed = present.flatMap((p) => p.flatMap((x) => (x.ms !== undefined ? [x.ms] : [])));
    return {
      step,
      count: median(per.map((p) => p.length)),
      firstStart: median(present.map((p) => Math.min(...p.map((x) => x.start)))),
      lastEnd: median(present.map((p) => Math.max(...p.map((x) => x.start + (x.ms ?? 0))))),
      medianMs: timed.length ? median(timed) : NaN,
      totalMs: median(present.map((p) => p.reduce((t, x) => t + (x.ms ?? 0), 0))),
    };
  });
  return summaries.sort((a, b) => a.firstStart - b.firstStart);
}

/**
 * Time in [0, end] when no request was open: what the client spent on its own (or waiting for
 * a timer or an event) between the engine's answers. Requests that never ended are left out.
 */
export function idleMs(steps: readonly Step[], end: number): number {
  const spans = steps
    .filter((s) => s.ms !== undefined && s.start < end)
    .map((s) => [s.start, Math.min(end, s.start + s.ms!)] as const)
    .sort((a, b) => a[0] - b[0]);
  let idle = 0;
  let covered = 0;
  for (const [start, stop] of spans) {
    if (start > covered) idle += start - covered;
    covered = Math.max(covered, stop);
  }
  return idle + Math.max(0, end - covered);
}
