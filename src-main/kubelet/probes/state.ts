// The probe workers of one container instance, as a pure state machine of the clock
// (kubelet/prober/worker.go doProbe, prober.go probe, prober_manager.go UpdatePodStatus,
// kuberuntime_manager.go computePodActions). The caller asks which probes are due, runs them
// (runProbe) and feeds the outcomes back; it records the events and kills the container.
import type { Probe } from '../../model';
import type { ProbeOutcome } from './types';

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';
type ManagerValue = 'success' | 'failure' | 'unknown';

export interface ProbeEvent {
  type: 'Warning';
  /** `Unhealthy` (failed or errored) or `ProbeWarning` (success with a warning). */
  reason: 'Unhealthy' | 'ProbeWarning';
  message: string;
}

export interface ProbeStatus {
  /** Ready: started, and the readiness probe (if any) succeeded successThreshold times in a row. */
  ready: boolean;
  /** Started: no startup probe, or it succeeded. */
  started: boolean;
  /** The liveness or startup probe failed failureThreshold times in a row. */
  shouldKill: boolean;
  /** The `Killing` event's message, e.g. `Container main failed liveness probe, will be restarted`. */
  killMessage?: string;
}

export interface ProbeStep extends ProbeStatus {
  /** `Liveness probe failed: <output>` and the like, for every failed run (not only at threshold). */
  unhealthyEvent?: ProbeEvent;
  /** `Liveness probe warning: <output>` for a success with a warning. */
  warningEvent?: ProbeEvent;
}

export interface ContainerProbeSpecs {
  name: string;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}

interface Worker {
  type: ProbeType;
  spec: Probe;
  /** What the results manager holds (worker.go initialValue, then thresholded results). */
  value: ManagerValue;
  lastResult?: 'success' | 'failure';
  resultRun: number;
  /** After a liveness/startup failure: no more probing of this container instance. */
  onHold: boolean;
  nextTickAt: number;
}

const INITIAL_VALUE: Record<ProbeType, ManagerValue> = { Liveness: 'success', Readiness: 'failure', Startup: 'unknown' };
const TYPE_ORDER: ProbeType[] = ['Startup', 'Liveness', 'Readiness'];

/** The message of the Unhealthy / ProbeWarning event (prober.go probe). */
export function probeEventFor(type: ProbeType, outcome: ProbeOutcome): ProbeEvent | undefined {
  if (outcome.result === 'unknown') {
    if (outcome.error === undefined) return undefined;
    return { type: 'Warning', reason: 'Unhealthy', message: `${type} probe errored and resulted in unknown state: ${outcome.error}` };
  }
  if (outcome.result === 'failure') return { type: 'Warning', reason: 'Unhealthy', message: `${type} probe failed: ${outcome.output}` };
  if (outcome.warning) return { type: 'Warning', reason: 'ProbeWarning', message: `${type} probe warning: ${outcome.output}` };
  return undefined;
}

/** computePodActions: `Container X failed liveness probe` + `, will be restarted` unless restartPolicy Never. */
export function probeKillMessage(containerName: string, type: 'Liveness' | 'Startup', restart: boolean): string {
  const base = `Container ${containerName} failed ${type.toLowerCase()} probe`;
  return restart ? `${base}, will be restarted` : base;
}

export class ContainerProbeState {
  private readonly workers = new Map<ProbeType, Worker>();

  /**
   * @param startedAt epoch ms the container started running (initialDelaySeconds counts from it)
   * @param restartOnFailure the pod's restartPolicy is not Never (only changes the kill message)
   */
  constructor(
    private readonly container: ContainerProbeSpecs,
    private readonly startedAt: number,
    private readonly restartOnFailure: boolean,
  ) {
    const specs: Record<ProbeType, Probe | undefined> = {
      Startup: container.startupProbe,
      Liveness: container.livenessProbe,
      Readiness: container.readinessProbe,
    };
    for (const type of TYPE_ORDER) {
      const spec = specs[type];
      // A worker probes once as it starts, then every periodSeconds (worker.go run).
      if (spec) this.workers.set(type, { type, spec, value: INITIAL_VALUE[type], resultRun: 0, onHold: false, nextTickAt: startedAt });
    }
  }

  get status(): ProbeStatus {
    const startup = this.workers.get('Startup');
    const liveness = this.workers.get('Liveness');
    const readiness = this.workers.get('Readiness');
    const started = !startup || startup.value === 'success';
    const ready = started && (!readiness || readiness.value === 'success');
    let killedBy: 'Liveness' | 'Startup' | undefined;
    if (liveness?.value === 'failure') killedBy = 'Liveness';
    else if (startup?.value === 'failure') killedBy = 'Startup';
    return {
      ready,
      started,
      shouldKill: killedBy !== undefined,
      ...(killedBy ? { killMessage: probeKillMessage(this.container.name, killedBy, this.restartOnFailure) } : {}),
    };
  }

  /** When the next tick of any worker falls (epoch ms); undefined when nothing will probe again. */
  nextTickAt(): number | undefined {
    const times = [...this.workers.values()].filter((w) => !w.onHold).map((w) => w.nextTickAt);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /**
   * Advances the workers' tickers to `now` and returns the probes to run now. A tick that is
   * skipped (initial delay, startup gating) is spent, as with the kubelet's ticker.
   */
  due(now: number): ProbeType[] {
    const started = this.status.started;
    const due: ProbeType[] = [];
    for (const w of this.workers.values()) {
      if (w.onHold || now < w.nextTickAt) continue;
      const periodMs = w.spec.periodSeconds * 1000;
      while (w.nextTickAt <= now) w.nextTickAt += periodMs;
      // Probe disabled for initialDelaySeconds (whole seconds since start, as int32 in Go).
      if (Math.floor((now - this.startedAt) / 1000) < (w.spec.initialDelaySeconds ?? 0)) continue;
      // The startup probe stops once started; the others wait for it.
      if (w.type === 'Startup' ? started : !started) continue;
      due.push(w.type);
    }
    return due;
  }

  /** Feeds one probe's outcome (worker.go doProbe after prober.probe). */
  record(type: ProbeType, outcome: ProbeOutcome): ProbeStep {
    const w = this.workers.get(type);
    const event = probeEventFor(type, outcome);
    const events = event ? (event.reason === 'Unhealthy' ? { unhealthyEvent: event } : { warningEvent: event }) : {};
    if (!w || w.onHold) return { ...this.status, ...events };
    // A probe that errored is thrown away; one "unknown" without an error counts as a failure.
    if (outcome.result === 'unknown' && outcome.error !== undefined) return { ...this.status, ...events };
    const result = outcome.result === 'success' ? 'success' : 'failure';

    if (w.lastResult === result) w.resultRun++;
    else {
      w.lastResult = result;
      w.resultRun = 1;
    }
    const threshold = result === 'failure' ? w.spec.failureThreshold : w.spec.successThreshold;
    if (w.resultRun >= threshold) {
      w.value = result;
      if ((type === 'Liveness' || type === 'Startup') && result === 'failure') {
        // Stop probing until a new container instance (a new ContainerProbeState).
        w.onHold = true;
        w.resultRun = 0;
      }
    }
    return { ...this.status, ...events };
  }
}
