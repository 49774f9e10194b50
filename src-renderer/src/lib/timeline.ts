// A container's lifecycle as a time bar: spans (creating, running, stopping, back-off, hook runs)
// and the instants between them (created, started, postStart, preStop, stop signal, SIGKILL,
// exited). Built from what the API has: the container status (state and lastState times, whole
// seconds), the events about the container (millisecond times; aggregated ones give their first
// and last occurrence), the hook runs, and the container stops (the termination timeline the
// core writes as it happens: preStop, the signal, SIGKILL, the exit — milliseconds).
// Pure: a function of its inputs and `now`.
import type { BerthEvent, ContainerStatus, ContainerStop, HookRun } from '../../../src-main/model';
import { parseTime } from './containers';
import { eventContainer } from './events';
import { sigkillDeadline, stopReasonLabel } from './shutdown';
import { hookRunOutcome, type HookRunOutcome } from '../../../src-shared/hook-outcome';

export type TimelineTone = 'ok' | 'bad' | 'progress' | 'neutral' | 'warn';

export type StepKind =
  | 'pulled'
  | 'created'
  | 'started'
  | 'postStart'
  | 'preStop'
  | 'stopping'
  | 'stop-signal'
  | 'sigkill'
  | 'sigkill-due'
  | 'exited'
  | 'backoff'
  | 'failed'
  | 'other';

/** An instant on the bar. */
export interface TimelineStep {
  kind: StepKind;
  at: number;
  label: string;
  detail?: string;
  tone: TimelineTone;
}

export type SpanKind = 'creating' | 'running' | 'stopping' | 'exited' | 'backoff' | 'hook';

/** A stretch of time on the bar; hook runs draw in their own lane above the container's state. */
export interface TimelineSpan {
  kind: SpanKind;
  lane: 'state' | 'hook';
  from: number;
  to: number;
  /** Still going: `to` is now. */
  open: boolean;
  label: string;
  tone: TimelineTone;
}

export interface Timeline {
  from: number;
  to: number;
  spans: TimelineSpan[];
  /** In time order. */
  steps: TimelineStep[];
}

export interface TimelineInput {
  container: string;
  status: ContainerStatus | undefined;
  /** The pod's events (those about other containers are ignored). */
  events: readonly BerthEvent[];
  hookRuns: readonly HookRun[];
  /** The pod's container stops (those of other containers are ignored). */
  stops: readonly ContainerStop[];
  podCreatedAt: number;
  now: number;
}

const stepKinds: Record<string, { kind: StepKind; label: string }> = {
  Pulling: { kind: 'pulled', label: 'Pulling image' },
  Pulled: { kind: 'pulled', label: 'Image ready' },
  Created: { kind: 'created', label: 'Created' },
  Started: { kind: 'started', label: 'Started' },
  // The kubelet's Killing event comes before preStop; the signal itself comes from the stop row.
  Killing: { kind: 'stopping', label: 'Stopping' },
  BackOff: { kind: 'backoff', label: 'Back-off' },
  Failed: { kind: 'failed', label: 'Failed' },
  FailedPostStartHook: { kind: 'postStart', label: 'postStart failed' },
  FailedPreStopHook: { kind: 'preStop', label: 'preStop failed' },
};

/**
 * Status times are whole seconds; an event in the same second carries the milliseconds.
 * Returns the event time that falls in that second, or the second itself.
 */
export function refineSeconds(iso: string | undefined, candidates: readonly number[]): number | null {
  const seconds = parseTime(iso);
  if (seconds === null) return null;
  return candidates.find((t) => t >= seconds && t < seconds + 1000) ?? seconds;
}

/** Whether a hook run succeeded: no error, exit code 0, or an HTTP status below 400. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(Math.round(ms), 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function eventSteps(events: readonly BerthEvent[]): TimelineStep[] {
  return events.flatMap((event) => {
    const known = stepKinds[event.reason];
    const kind = known?.kind ?? 'other';
    const tone: TimelineTone = event.type === 'Warning' ? 'bad' : kind === 'started' ? 'ok' : 'neutral';
    const base = { kind, label: known?.label ?? event.reason, detail: event.message, tone };
    if (event.count <= 1 || event.lastTimestamp === event.firstTimestamp) return [{ ...base, at: event.firstTimestamp }];
    return [
      { ...base, at: event.firstTimestamp, label: `${base.label} (1 of ${event.count})` },
      { ...base, at: event.lastTimestamp, label: `${base.label} (${event.count} of ${event.count})` },
    ];
  });
}

const HOOK_TIMELINE_TONES: Readonly<Record<HookRunOutcome, TimelineTone>> = { ok: 'ok', failed: 'bad', running: 'progress', interrupted: 'warn' };

function hookSpansAndSteps(runs: readonly HookRun[], now: number): { spans: TimelineSpan[]; steps: TimelineStep[] } {
  const spans: TimelineSpan[] = [];
  const steps: TimelineStep[] = [];
  for (const run of runs) {
    const outcome = hookRunOutcome(run);
    const name = run.hook === 'PostStart' ? 'postStart' : 'preStop';
    const tone: TimelineTone = HOOK_TIMELINE_TONES[outcome];
    const to = run.finishedAt ?? now;
    const result = run.error ?? (run.httpStatus !== null ? `HTTP ${run.httpStatus}` : run.exitCode !== null ? `exit code ${run.exitCode}` : '');
    const attempt = run.attempt > 1 ? ` (attempt ${run.attempt})` : '';
    spans.push({ kind: 'hook', lane: 'hook', from: run.startedAt, to, open: run.finishedAt === null, label: `${name} ${run.handler}${attempt}: ${outcome}`, tone });
    steps.push({
      kind: name,
      at: run.startedAt,
      label: `${name} ${outcome === 'running' ? 'running' : outcome}${attempt}`,
      detail: [run.handler, outcome === 'running' ? '' : formatDuration(to - run.startedAt), result].filter(Boolean).join(' · '),
      tone,
    });
  }
  return { spans, steps };
}

const secondsText = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** The status' whole-second exit time, refined by a stop's exit (Berth's clock, just after the engine's). */
function refineExit(seconds: number, exits: readonly number[]): number {
  return exits.find((t) => t >= seconds - 500 && t < seconds + 1500) ?? seconds;
}

/**
 * What the stop rows add: preStop (when no hook run shows it), the stop signal, SIGKILL — sent, or
 * due while the stop goes on — and exits the container status no longer holds.
 */
function stopSpansAndSteps(
  stops: readonly ContainerStop[],
  runs: readonly HookRun[],
  statusExits: readonly number[],
  now: number,
): { spans: TimelineSpan[]; steps: TimelineStep[] } {
  const spans: TimelineSpan[] = [];
  const steps: TimelineStep[] = [];
  for (const stop of stops) {
    const why = stopReasonLabel(stop.reason);
    const grace = `grace period ${secondsText(stop.gracePeriodMs)}`;
    if (stop.preStopStartedAt !== null) {
      const shown = runs.some((r) => r.hook === 'PreStop' && Math.abs(r.startedAt - stop.preStopStartedAt!) < 1000);
      if (!shown) {
        const open = stop.preStopFinishedAt === null;
        const to = stop.preStopFinishedAt ?? now;
        spans.push({ kind: 'hook', lane: 'hook', from: stop.preStopStartedAt, to, open, label: open ? 'preStop running' : 'preStop', tone: open ? 'progress' : 'neutral' });
        steps.push({ kind: 'preStop', at: stop.preStopStartedAt, label: open ? 'preStop running' : 'preStop', detail: formatDuration(to - stop.preStopStartedAt), tone: open ? 'progress' : 'neutral' });
      }
    }
    if (stop.signalAt !== null) {
      steps.push({ kind: 'stop-signal', at: stop.signalAt, label: `${stop.signal ?? 'Stop signal'} sent`, detail: `${why} · ${grace}`, tone: 'neutral' });
    }
    if (stop.killAt !== null) {
      steps.push({ kind: 'sigkill', at: stop.killAt, label: 'SIGKILL', detail: `${grace} ran out`, tone: 'bad' });
    } else if (stop.exitedAt === null) {
      const due = sigkillDeadline(stop, now);
      if (due) steps.push({ kind: 'sigkill-due', at: due.at, label: due.provisional ? 'SIGKILL due (at the earliest)' : 'SIGKILL due', detail: `${why} · ${grace}`, tone: 'warn' });
    }
    if (stop.exitedAt !== null && !statusExits.some((t) => Math.abs(t - stop.exitedAt!) < 1500)) {
      const killed = stop.killAt !== null;
      steps.push({
        kind: 'exited',
        at: stop.exitedAt,
        label: killed ? 'Killed' : `Exited (code ${stop.exitCode ?? '?'})`,
        detail: why,
        tone: killed || (stop.exitCode !== null && stop.exitCode !== 0) ? 'bad' : 'neutral',
      });
    }
  }
  return { spans, steps };
}

/** A run of the container from start to exit (or to now), split where its stop began. */
function runSpans(from: number, to: number, open: boolean, stoppingAt: number | undefined, exitCode: number | null): TimelineSpan[] {
  const ranTone: TimelineTone = exitCode === null || exitCode === 0 ? 'ok' : 'bad';
  const endKind: SpanKind = open ? 'running' : 'exited';
  const label = open ? 'Running' : `Ran, exited ${exitCode === null ? '' : `with code ${exitCode}`}`.trim();
  if (stoppingAt === undefined || stoppingAt < from || stoppingAt > to) {
    return [{ kind: endKind, lane: 'state', from, to, open, label, tone: ranTone }];
  }
  return [
    { kind: endKind, lane: 'state', from, to: stoppingAt, open: false, label: 'Running', tone: 'ok' },
    { kind: 'stopping', lane: 'state', from: stoppingAt, to, open, label: open ? 'Stopping' : 'Stopped', tone: 'warn' },
  ];
}

export function containerTimeline(input: TimelineInput): Timeline {
  const { status, now } = input;
  const events = input.events.filter((event) => eventContainer(event) === input.container);
  const runs = input.hookRuns.filter((run) => run.container === input.container);
  const stops = input.stops.filter((stop) => stop.container === input.container);
  const steps = eventSteps(events);
  const hooks = hookSpansAndSteps(runs, now);
  steps.push(...hooks.steps);
  const spans: TimelineSpan[] = [...hooks.spans];

  const startedTimes = events.filter((e) => e.reason === 'Started').flatMap((e) => [e.firstTimestamp, e.lastTimestamp]);
  // Where a run turns into stopping: the stop rows when there are any, else the Killing events.
  const stopStarts = stops.length ? stops.map((s) => s.startedAt) : events.filter((e) => e.reason === 'Killing').map((e) => e.lastTimestamp);
  const stopStartAfter = (from: number) => stopStarts.filter((t) => t >= from).sort((a, b) => a - b)[0];
  const stopExits = stops.flatMap((s) => (s.exitedAt === null ? [] : [s.exitedAt]));
  const statusExits: number[] = [];

  const runStarts: number[] = [];
  const addRun = (startedAt: string | undefined, finishedAt: string | undefined, exitCode: number | null, reason?: string) => {
    const from = refineSeconds(startedAt, startedTimes);
    if (from === null) return;
    runStarts.push(from);
    const finished = finishedAt === undefined ? null : Math.max(refineExit(parseTime(finishedAt) ?? from, stopExits), from);
    const open = finished === null;
    const stopping = stopStartAfter(from);
    spans.push(...runSpans(from, finished ?? now, open, stopping, exitCode));
    if (finished !== null) {
      statusExits.push(finished);
      steps.push({ kind: 'exited', at: finished, label: `Exited (code ${exitCode ?? '?'})`, detail: reason, tone: exitCode === 0 ? 'neutral' : 'bad' });
    }
  };

  const last = status?.lastState?.terminated;
  if (last) addRun(last.startedAt, last.finishedAt ?? last.startedAt, last.exitCode, last.reason);
  const state = status?.state;
  if (state?.running) addRun(state.running.startedAt, undefined, null);
  else if (state?.terminated) addRun(state.terminated.startedAt, state.terminated.finishedAt ?? state.terminated.startedAt, state.terminated.exitCode, state.terminated.reason);

  // Before the first known run: the pod was being set up (sandbox, image, create).
  const firstRun = Math.min(...runStarts);
  const creatingUntil = Number.isFinite(firstRun) ? firstRun : now;
  if (!last && creatingUntil > input.podCreatedAt) {
    const open = !Number.isFinite(firstRun);
    spans.push({ kind: 'creating', lane: 'state', from: input.podCreatedAt, to: creatingUntil, open, label: open ? (state?.waiting?.reason ?? 'Creating') : 'Creating', tone: 'progress' });
  }
  if (state?.waiting && last) {
    const from = Math.max(parseTime(last.finishedAt) ?? input.podCreatedAt, ...runStarts);
    const backingOff = state.waiting.reason === 'CrashLoopBackOff';
    spans.push({ kind: backingOff ? 'backoff' : 'creating', lane: 'state', from, to: now, open: true, label: state.waiting.reason ?? 'Waiting', tone: backingOff ? 'bad' : 'progress' });
  }

  const fromStops = stopSpansAndSteps(stops, runs, statusExits, now);
  spans.push(...fromStops.spans);
  steps.push(...fromStops.steps);

  steps.sort((a, b) => a.at - b.at);
  const times = [input.podCreatedAt, ...steps.map((s) => s.at), ...spans.flatMap((s) => [s.from, s.to])];
  const anyOpen = spans.some((s) => s.open);
  return { from: Math.min(...times), to: anyOpen ? Math.max(now, ...times) : Math.max(...times), spans, steps };
}

/** Where a time sits on the bar, in percent of its width (clamped). */
export function positionOf(t: number, timeline: Pick<Timeline, 'from' | 'to'>): number {
  const range = timeline.to - timeline.from;
  if (range <= 0) return 0;
  return Math.min(Math.max(((t - timeline.from) / range) * 100, 0), 100);
}
