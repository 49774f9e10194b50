// The pod's probe workers (kubelet/prober.ts) as the pod worker sees them: made on first use with
// the pod's grace period and restart policy, they report ready/started to the observer, and queue
// the liveness/startup kills the worker applies at its next sync (the kubelet's prober manager
// and its liveness results channel, pkg/kubelet/prober/prober_manager.go).
import { PodProber, type ProbeKill } from '../prober';
import type { PodContext } from './context';
import type { HookRunner } from './hooks';
import type { PodDeps } from './state';

export class PodProbing {
  private prober: PodProber | undefined;
  private readonly kills = new Map<string, ProbeKill>();

  constructor(
    private readonly deps: PodDeps,
    private readonly hooks: HookRunner,
    /** Wakes the worker: a probe result changed the status, or asks for a kill. */
    private readonly wake: () => void,
  ) {}

  /** The prober, made for the pod as first seen (its spec does not change while it exists). */
  proberFor(ctx: PodContext): PodProber {
    this.prober ??= new PodProber({
      engine: this.deps.engine,
      now: () => this.deps.host.now(),
      target: () => this.hooks.target(ctx),
      event: (type, reason, message, container) => this.deps.record([ctx.containerEvent(type, reason, message, container)]),
      changed: () => this.wake(),
      kill: (request) => {
        this.kills.set(request.engineId, request);
        this.wake();
      },
      podGracePeriodSeconds: ctx.gracePeriodSeconds,
      restartOnFailure: ctx.pod.spec.restartPolicy !== 'Never',
    });
    return this.prober;
  }

  /** The kills the probes asked for since the last call. */
  takeKills(): ProbeKill[] {
    const kills = [...this.kills.values()];
    this.kills.clear();
    return kills;
  }

  stop(): void {
    this.prober?.stop();
  }
}
