// The live view of a pod's deletion: how long it has been, when the stop signal went to each
// container, how long until SIGKILL, which containers have exited, and whether the pod is gone.
// Pure: the dialog feeds it what the subscriptions reported and the clock.

export interface ContainerShutdownInput {
  name: string;
  /** When the kubelet sent the stop signal (its `Killing` event). */
  signalledAt: number | null;
  /** When the container's status said it had exited. */
  exitedAt: number | null;
  exitCode: number | null;
}

export interface ShutdownInput {
  requestedAt: number;
  graceSeconds: number;
  now: number;
  containers: ContainerShutdownInput[];
  /** When the pods subscription said the pod was removed. */
  goneAt: number | null;
}

export type ContainerShutdownStep = 'running' | 'signalled' | 'exited' | 'killed';

export interface ContainerShutdown {
  name: string;
  step: ContainerShutdownStep;
  signalledAt: number | null;
  exitedAt: number | null;
  exitCode: number | null;
}

export interface ShutdownView {
  elapsedMs: number;
  /** Time left before SIGKILL; 0 once the grace period is spent. */
  untilKillMs: number;
  /** Share of the grace period spent, 0…1. */
  graceSpent: number;
  /** The grace period ran out while a container was still up. */
  graceOver: boolean;
  stopSignalSent: boolean;
  gone: boolean;
  containers: ContainerShutdown[];
}

/** A container still up when the grace period ran out was killed; one that exited before it stopped on its own. */
function containerStep(c: ContainerShutdownInput, killAt: number, goneAt: number | null): ContainerShutdownStep {
  const endedAt = c.exitedAt ?? goneAt;
  if (endedAt !== null) return c.exitCode === 137 || endedAt >= killAt ? 'killed' : 'exited';
  return c.signalledAt !== null ? 'signalled' : 'running';
}

export function shutdownView(input: ShutdownInput): ShutdownView {
  const end = input.goneAt ?? input.now;
  const elapsedMs = Math.max(end - input.requestedAt, 0);
  const graceMs = input.graceSeconds * 1000;
  const killAt = input.requestedAt + graceMs;
  const containers = input.containers.map((c) => ({
    name: c.name,
    step: containerStep(c, killAt, input.goneAt),
    signalledAt: c.signalledAt,
    exitedAt: c.exitedAt ?? input.goneAt,
    exitCode: c.exitCode,
  }));
  const anyUp = containers.some((c) => c.step === 'running' || c.step === 'signalled');
  return {
    elapsedMs,
    untilKillMs: Math.max(killAt - input.now, 0),
    graceSpent: graceMs === 0 ? 1 : Math.min(elapsedMs / graceMs, 1),
    graceOver: elapsedMs >= graceMs && (anyUp || containers.some((c) => c.step === 'killed')),
    stopSignalSent: containers.some((c) => c.signalledAt !== null) || input.goneAt !== null,
    gone: input.goneAt !== null,
    containers,
  };
}

/** "3.2 s" / "12 s": a countdown or elapsed time, tenths only while it is short. */
export function seconds(ms: number): string {
  const s = Math.max(ms, 0) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}
