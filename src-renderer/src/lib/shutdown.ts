// The live view of a pod's deletion, from the container stops the core writes milestone by
// milestone (listContainerStops): preStop running, the stop signal, the countdown to SIGKILL by
// the kubelet's rule, each container's exit or kill, and whether the pod is gone.
// Pure: the dialog feeds it the rows, the clock and what the pods subscription said.
import { terminationSummary, type StopTimeline } from '../../../src-shared/termination-summary';

export { terminationSummary, type StopTimeline };

/** The kubelet always gives a container this long after the stop signal (minimumGracePeriodInSeconds). */
export const MINIMUM_GRACE_MS = 2000;

export interface KillDeadline {
  /** Epoch ms SIGKILL is (or was) due. */
  at: number;
  /** Not settled yet: preStop is still running, or the stop has not reached the signal. */
  provisional: boolean;
}

/**
 * When SIGKILL comes, by the kubelet's killContainer: preStop gets the whole grace period; the
 * stop signal then gets what is left of it, but at least 2 s. So with preStop:
 * max(preStop start + grace, preStop end + 2 s); without: signal + max(grace, 2 s).
 * A SIGKILL already sent is its own answer; a container that exited without one has none (null).
 */
export function sigkillDeadline(stop: StopTimeline, now: number): KillDeadline | null {
  if (stop.killAt !== null) return { at: stop.killAt, provisional: false };
  if (stop.exitedAt !== null) return null;
  const grace = stop.gracePeriodMs;
  if (stop.preStopStartedAt !== null) {
    const budgetEnd = stop.preStopStartedAt + grace;
    // Still running: the earliest SIGKILL can come (exact once preStop ends).
    if (stop.preStopFinishedAt === null) return { at: Math.max(budgetEnd, now + MINIMUM_GRACE_MS), provisional: true };
    const signalAt = stop.signalAt ?? stop.preStopFinishedAt;
    const left = grace - (stop.preStopFinishedAt - stop.preStopStartedAt);
    return { at: signalAt + Math.max(left, MINIMUM_GRACE_MS), provisional: stop.signalAt === null };
  }
  const signalAt = stop.signalAt ?? Math.max(stop.startedAt, now);
  return { at: signalAt + Math.max(grace, MINIMUM_GRACE_MS), provisional: stop.signalAt === null };
}

/** Why a container was stopped, in words (the row's `reason`). */
export function stopReasonLabel(reason: string): string {
  const labels: Record<string, string> = {
    Delete: 'pod deleted',
    PostStartHookError: 'postStart hook failed',
    LivenessProbe: 'liveness probe failed',
    StartupProbe: 'startup probe failed',
    PodCompleted: 'pod completed',
    SandboxChanged: 'sandbox changed',
    Shutdown: 'Berth shut down',
  };
  return labels[reason] ?? reason;
}

/**
 * How a stop went, as `berth describe` says it (terminationSummary); while it goes on, where it
 * is (the shared summary would print the start time).
 */
export function stopSummary(stop: StopTimeline): string {
  if (stop.exitedAt !== null) return terminationSummary(stop);
  if (stop.killAt !== null) return 'SIGKILL sent';
  if (stop.signalAt !== null) return `stopping: ${stop.signal ?? 'stop signal'} sent`;
  if (stop.preStopStartedAt !== null && stop.preStopFinishedAt === null) return 'stopping: preStop running';
  return 'stopping';
}

/** The stops of one container, newest last (the API's order is oldest first across containers). */
export function stopsOf<S extends StopTimeline & { container: string; id: number }>(stops: readonly S[], container: string): S[] {
  return stops.filter((s) => s.container === container).sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
}

export interface ContainerShutdownInput {
  name: string;
  /** This deletion's stop of the container, once the core began it. */
  stop: StopTimeline | null;
  /** Whether the container was up when the deletion began (a container that is not gets no stop). */
  wasRunning: boolean;
}

export interface ShutdownInput {
  requestedAt: number;
  graceSeconds: number;
  now: number;
  containers: ContainerShutdownInput[];
  /** When the pods subscription said the pod was removed. */
  goneAt: number | null;
}

export type ContainerShutdownStep = 'waiting' | 'preStop' | 'signalled' | 'exited' | 'killed' | 'not-running';

export interface ContainerShutdown {
  name: string;
  step: ContainerShutdownStep;
  preStopStartedAt: number | null;
  preStopFinishedAt: number | null;
  /** How long preStop has run (so far, or in all). */
  preStopMs: number | null;
  signal: string | null;
  signalAt: number | null;
  kill: KillDeadline | null;
  /** Time left before SIGKILL while the container is up; null otherwise. */
  untilKillMs: number | null;
  exitedAt: number | null;
  exitCode: number | null;
}

export interface ShutdownView {
  elapsedMs: number;
  /** The nearest SIGKILL among containers still up; null when none is due. */
  untilKillMs: number | null;
  killProvisional: boolean;
  /** Share of the time to the last SIGKILL deadline (or of the grace period) spent, 0…1. */
  graceSpent: number;
  /** Some container got SIGKILL. */
  killed: boolean;
  stopSignalSent: boolean;
  gone: boolean;
  containers: ContainerShutdown[];
}

function containerShutdown(c: ContainerShutdownInput, now: number, goneAt: number | null): ContainerShutdown {
  const stop = c.stop;
  if (!stop) {
    return {
      name: c.name,
      step: c.wasRunning ? 'waiting' : 'not-running',
      preStopStartedAt: null,
      preStopFinishedAt: null,
      preStopMs: null,
      signal: null,
      signalAt: null,
      kill: null,
      untilKillMs: null,
      exitedAt: null,
      exitCode: null,
    };
  }
  const end = goneAt ?? now;
  let step: ContainerShutdownStep;
  if (stop.exitedAt !== null) step = stop.killAt !== null ? 'killed' : 'exited';
  else if (stop.killAt !== null) step = 'killed';
  else if (stop.signalAt !== null) step = 'signalled';
  else if (stop.preStopStartedAt !== null && stop.preStopFinishedAt === null) step = 'preStop';
  else step = 'waiting';
  const kill = sigkillDeadline(stop, now);
  const up = step === 'waiting' || step === 'preStop' || step === 'signalled';
  return {
    name: c.name,
    step,
    preStopStartedAt: stop.preStopStartedAt,
    preStopFinishedAt: stop.preStopFinishedAt,
    preStopMs: stop.preStopStartedAt === null ? null : Math.max((stop.preStopFinishedAt ?? end) - stop.preStopStartedAt, 0),
    signal: stop.signal,
    signalAt: stop.signalAt,
    kill,
    untilKillMs: up && kill && goneAt === null ? Math.max(kill.at - now, 0) : null,
    exitedAt: stop.exitedAt,
    exitCode: stop.exitCode,
  };
}

export function shutdownView(input: ShutdownInput): ShutdownView {
  const end = input.goneAt ?? input.now;
  const elapsedMs = Math.max(end - input.requestedAt, 0);
  const containers = input.containers.map((c) => containerShutdown(c, input.now, input.goneAt));
  const pending = containers.filter((c) => c.untilKillMs !== null);
  const nearest = pending.sort((a, b) => a.untilKillMs! - b.untilKillMs!)[0];
  const deadlines = containers.flatMap((c) => (c.kill ? [c.kill.at] : []));
  const lastDeadline = deadlines.length ? Math.max(...deadlines) : input.requestedAt + Math.max(input.graceSeconds * 1000, MINIMUM_GRACE_MS);
  const span = lastDeadline - input.requestedAt;
  return {
    elapsedMs,
    untilKillMs: nearest?.untilKillMs ?? null,
    killProvisional: nearest?.kill?.provisional ?? false,
    graceSpent: span <= 0 ? 1 : Math.min(elapsedMs / span, 1),
    killed: containers.some((c) => c.step === 'killed'),
    stopSignalSent: containers.some((c) => c.signalAt !== null),
    gone: input.goneAt !== null,
    containers,
  };
}

/** "3.2 s" / "12 s": a countdown or elapsed time, tenths only while it is short. */
export function seconds(ms: number): string {
  const s = Math.max(ms, 0) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

const milestones = (s: StopTimeline) =>
  [s.preStopStartedAt, s.preStopFinishedAt, s.signalAt, s.killAt, s.exitedAt].filter((t) => t !== null).length;

/**
 * A fresh read of the stops over the ones held: rows only gain milestones, so a read that
 * raced an older one never takes a milestone back.
 */
/** One pushed row into the list: newer milestones win, a new stop is added in id order. */
export function upsertStop<S extends StopTimeline & { id: number }>(current: readonly S[], row: S): S[] {
  const known = current.find((s) => s.id === row.id);
  if (!known) return [...current, row].sort((a, b) => a.id - b.id);
  if (milestones(known) > milestones(row)) return [...current];
  return current.map((s) => (s.id === row.id ? row : s));
}

export function mergeStops<S extends StopTimeline & { id: number }>(current: readonly S[], fresh: readonly S[]): S[] {
  const held = new Map(current.map((s) => [s.id, s]));
  return fresh.map((s) => {
    const known = held.get(s.id);
    return known && milestones(known) > milestones(s) ? known : s;
  });
}
