// A pod's probe workers: for each running container instance with probes, probes run on their
// own timers beside the sync loop (as the kubelet's prober workers do). Results feed readiness and
// "started" into the status; a failed liveness or startup probe asks the pod worker to kill the
// container, which its loop does (with preStop) before the restart policy takes over.
import type { Container, EventInput, KubeletEventReason } from '../model';
import type { Engine } from '../engine/engine';
import { ContainerProbeState, runProbe, type ProbeStatus, type ProbeType } from './probes';
import type { PublishedPortLookup } from '../hooks';

export interface ProbeKill {
  engineId: string;
  container: string;
  reason: 'LivenessProbe' | 'StartupProbe';
  message: string;
  gracePeriodSeconds: number;
}

export interface ProberHost {
  engine: Engine;
  now(): number;
  target(): Promise<{ publishedPort: PublishedPortLookup; podIP?: string }>;
  event(type: EventInput['type'], reason: KubeletEventReason, message: string, container: string): void;
  /** Ready/started changed: publish the status. */
  changed(): void;
  kill(request: ProbeKill): void;
  podGracePeriodSeconds: number;
  restartOnFailure: boolean;
}

interface Watched {
  container: Container;
  state: ContainerProbeState;
  timer: NodeJS.Timeout | undefined;
  abort: AbortController;
  killRequested: boolean;
}

const hasProbes = (c: Container) => Boolean(c.livenessProbe || c.readinessProbe || c.startupProbe);

export class PodProber {
  private readonly watched = new Map<string, Watched>();

  constructor(private readonly host: ProberHost) {}

  /** Probe status of an instance, when it has probes and is being probed. */
  statusOf(engineId: string): ProbeStatus | undefined {
    return this.watched.get(engineId)?.state.status;
  }

  /**
   * The running instances (and their specs) right now: start probing new ones once they are
   * started by postStart, stop probing those that are gone.
   */
  update(running: { engineId: string; container: Container; startedAt: number; postStartDone: boolean }[]): void {
    const live = new Set(running.map((r) => r.engineId));
    for (const [engineId, watched] of this.watched) {
      if (!live.has(engineId)) this.forget(engineId, watched);
    }
    for (const r of running) {
      if (this.watched.has(r.engineId) || !hasProbes(r.container) || !r.postStartDone) continue;
      const state = new ContainerProbeState(r.container, r.startedAt, this.host.restartOnFailure);
      const watched: Watched = { container: r.container, state, timer: undefined, abort: new AbortController(), killRequested: false };
      this.watched.set(r.engineId, watched);
      this.schedule(r.engineId, watched);
    }
  }

  stop(): void {
    for (const [engineId, watched] of this.watched) this.forget(engineId, watched);
  }

  private forget(engineId: string, watched: Watched): void {
    clearTimeout(watched.timer);
    watched.abort.abort();
    this.watched.delete(engineId);
  }

  private schedule(engineId: string, watched: Watched): void {
    const at = watched.state.nextTickAt();
    if (at === undefined) return;
    watched.timer = setTimeout(() => {
      this.tick(engineId, watched).catch((error: unknown) => {
        // Never let one failed round end probing for good (or crash the controller).
        console.error(`berth: probing ${watched.container.name} failed: ${(error as Error).message}`);
        this.schedule(engineId, watched);
      });
    }, Math.max(0, at - this.host.now()));
  }

  private async tick(engineId: string, watched: Watched): Promise<void> {
    if (this.watched.get(engineId) !== watched) return;
    const before = watched.state.status;
    for (const type of watched.state.due(this.host.now())) await this.probe(engineId, watched, type);
    if (this.watched.get(engineId) !== watched) return;
    const after = watched.state.status;
    if (after.ready !== before.ready || after.started !== before.started) this.host.changed();
    if (after.shouldKill && !watched.killRequested) {
      watched.killRequested = true;
      const type: ProbeType = watched.container.livenessProbe && before.started ? 'Liveness' : 'Startup';
      const probe = type === 'Liveness' ? watched.container.livenessProbe : watched.container.startupProbe;
      this.host.kill({
        engineId,
        container: watched.container.name,
        reason: type === 'Liveness' ? 'LivenessProbe' : 'StartupProbe',
        message: after.killMessage ?? `Container ${watched.container.name} failed ${type.toLowerCase()} probe`,
        // The probe-level terminationGracePeriodSeconds wins over the pod's for probe kills.
        gracePeriodSeconds: probe?.terminationGracePeriodSeconds ?? this.host.podGracePeriodSeconds,
      });
    }
    this.schedule(engineId, watched);
  }

  private async probe(engineId: string, watched: Watched, type: ProbeType): Promise<void> {
    const spec = type === 'Liveness' ? watched.container.livenessProbe : type === 'Readiness' ? watched.container.readinessProbe : watched.container.startupProbe;
    if (!spec) return;
    let outcome: Awaited<ReturnType<typeof runProbe>>;
    try {
      const target = await this.host.target();
      outcome = await runProbe(spec, { engine: this.host.engine, containerId: engineId, container: watched.container, signal: watched.abort.signal, ...target });
    } catch (error) {
      // The engine failed us, not the container: an errored probe, which the kubelet discards.
      outcome = { result: 'unknown', output: '', error: (error as Error).message };
    }
    if (watched.abort.signal.aborted) return;
    const step = watched.state.record(type, outcome);
    const event = step.unhealthyEvent ?? step.warningEvent;
    if (event) this.host.event(event.type, event.reason, event.message, watched.container.name);
  }
}
