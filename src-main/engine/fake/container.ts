// One FakeEngine container: its state as the engines report it, and its program's timers.
import type { ContainerDetails, ContainerSpec, NetworkEndpoint, PublishedPort } from '../container-spec';
import type { ContainerSummary } from '../port';
import { FakeLog } from './logs';
import type { FakeProgram } from './program';

export type FakeStatus = 'created' | 'running' | 'exited';

export class FakeContainer {
  status: FakeStatus = 'created';
  exitCode = 0;
  oomKilled = false;
  error = '';
  startedAt?: number;
  finishedAt?: number;
  ports: PublishedPort[] = [];
  networks: Record<string, NetworkEndpoint> = {};
  readonly log = new FakeLog();
  /** Timers of the current run (exit, OOM, delayed output, signal handlers, stop's SIGKILL). */
  readonly timers = new Set<unknown>();
  /** Called once when the current run ends. */
  readonly onExit = new Set<(exitCode: number) => void>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly spec: ContainerSpec,
    readonly imageId: string,
    readonly created: number,
    readonly program: FakeProgram,
  ) {}

  get running(): boolean {
    return this.status === 'running';
  }

  get labels(): Record<string, string> {
    return { ...this.spec.labels };
  }

  details(): ContainerDetails {
    const state: ContainerDetails['state'] = {
      status: this.status,
      running: this.running,
      exitCode: this.exitCode,
      oomKilled: this.oomKilled,
      error: this.error,
      pid: this.running ? 1000 + (parseInt(this.id.slice(0, 4), 16) % 30000) : 0,
    };
    if (this.startedAt !== undefined) state.startedAt = this.startedAt;
    if (this.finishedAt !== undefined && !this.running) state.finishedAt = this.finishedAt;
    const details: ContainerDetails = {
      id: this.id,
      name: this.name,
      image: this.spec.image,
      imageId: this.imageId,
      labels: this.labels,
      created: this.created,
      state,
      networkMode: this.spec.networkMode ?? 'bridge',
      ports: this.ports.map((p) => ({ ...p })),
      tty: this.spec.tty ?? false,
      networks: Object.fromEntries(Object.entries(this.networks).map(([k, v]) => [k, { ...v }])),
    };
    if (this.spec.stopSignal !== undefined) details.stopSignal = this.spec.stopSignal;
    return details;
  }

  summary(now: number): ContainerSummary {
    return {
      id: this.id,
      name: this.name,
      image: this.spec.image,
      labels: this.labels,
      state: this.status,
      status: this.statusText(now),
      // The engines' list reports whole seconds.
      created: Math.floor(this.created / 1000) * 1000,
    };
  }

  private statusText(now: number): string {
    if (this.status === 'created') return 'Created';
    const since = (at: number | undefined): string => `${Math.max(0, Math.round((now - (at ?? now)) / 1000))} seconds`;
    return this.running ? `Up ${since(this.startedAt)}` : `Exited (${this.exitCode}) ${since(this.finishedAt)} ago`;
  }
}
