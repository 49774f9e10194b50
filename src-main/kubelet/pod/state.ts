// What the parts of one pod's worker share: its options, the per-pod state that outlives a sync,
// and the retry scheduler. Everything else a part needs is its own (see each part's fields).
import type { ContainerWaitingReason, EventInput } from '../../model';
import type { Engine, EngineInfo } from '../../engine/engine';
import type { ImagePullBackOff } from '../../images/pull-backoff';
import type { PodHost } from '../host';
import type { BackOffTable } from '../restart/backoff';
import type { WaitingOverride } from '../status/observed';
import type { RetryScheduler } from './scheduler';

export interface WorkerOptions {
  engine: Engine;
  /** The node's image pull back-off (keyed by pod and image), shared by all pods. */
  imageBackOff: ImagePullBackOff;
  /** For the user's Docker config ($DOCKER_CONFIG, ~/.docker/config.json). */
  env: NodeJS.ProcessEnv;
  engineInfo: EngineInfo;
  host: PodHost;
  backOff: BackOffTable;
  nodeAllocatable: Record<string, string | number>;
  log: (message: string) => void;
}

/** The mutable state of one pod that several parts read or write. */
export class PodState {
  closed = false;
  /** Nothing will run again (the pod completed or failed): only status publishing goes on. */
  terminal = false;
  /** When the worker first synced the scheduled pod: status.startTime. */
  startTime: number | undefined;
  /** Aborted when the pod is deleted mid-sync: a blocking postStart or pull must not hold up the delete. */
  syncAbort = new AbortController();
  /** Waiting reasons the engine cannot show (ContainerCreating, ErrImagePull, CrashLoopBackOff…). */
  readonly waiting: Record<string, WaitingOverride> = {};
  /** Containers whose start failed, with the error: Podman leaves them `created` with none of its own. */
  readonly startFailures = new Map<string, string>();
  /** Set during a sync when a container was created, or a waiting reason changed. */
  engineChanged = false;
  waitingChanged = false;

  setWaiting(name: string, reason: ContainerWaitingReason, message: string): void {
    const current = this.waiting[name];
    if (current?.reason !== reason || current.message !== message) this.waitingChanged = true;
    this.waiting[name] = { reason, message };
  }

  clearWaiting(name: string): void {
    delete this.waiting[name];
  }
}

/** Handed to every part of a pod's worker. */
export interface PodDeps {
  readonly uid: string;
  readonly engine: Engine;
  readonly host: PodHost;
  readonly options: WorkerOptions;
  readonly state: PodState;
  readonly scheduler: RetryScheduler;
  record(events: EventInput[]): void;
}
