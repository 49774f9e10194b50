// What a pod worker needs from the rest of Berth: the pod record, the objects pods refer to, and
// where to report status and events. The core implements it over the store; tests can too.
import type { ConfigMap, ContainerStop, EventInput, HookRun, PodRecord, PullProgressUpdate, RecordedPodStatus, RuntimeClass, Secret } from '../model';
import type { ServiceRecord } from './environment';
import type { LocalNode } from './node';

export interface ClusterObjects {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  /** With its data (base64 values), read from the secret vault. */
  secret(namespace: string, name: string): Secret | undefined;
  services(namespace: string): ServiceRecord[];
  runtimeClass(name: string): RuntimeClass | undefined;
}

export interface PodHost {
  readonly node: LocalNode;
  readonly objects: ClusterObjects;
  /** Where per-pod files live (termination logs, volume contents). */
  podDir(uid: string): string;
  /** This Berth's `berth.instance` label value (derived from its data folder). */
  readonly instance: string;
  /** The image of the container that holds a pod's namespaces. */
  readonly sandboxImage: string;
  now(): number;
  getPod(uid: string): PodRecord | undefined;
  setStatus(uid: string, status: RecordedPodStatus, engine: 'docker' | 'podman'): void;
  recordEvents(events: EventInput[]): void;
  /** The pod's containers and sandbox are gone: forget it. */
  podRemoved(uid: string): void;
  /** Whether any pod (running or being deleted) is left in the namespace. */
  namespaceHasPods(namespace: string): boolean;
  hookRuns(uid: string): HookRun[];
  pullProgress(update: PullProgressUpdate): void;
  hookRunStarted(run: Omit<HookRun, 'id' | 'attempt' | 'finishedAt' | 'exitCode' | 'httpStatus' | 'output' | 'error'>): HookRun;
  hookRunFinished(id: number, result: { finishedAt: number; exitCode: number | null; httpStatus: number | null; output: string; error: string | null }): void;
  containerStopStarted(stop: Pick<ContainerStop, 'podUid' | 'namespace' | 'podName' | 'container' | 'containerId' | 'reason' | 'gracePeriodMs' | 'startedAt'>): ContainerStop;
  containerStopUpdated(id: number, milestones: Partial<Pick<ContainerStop, 'preStopStartedAt' | 'preStopFinishedAt' | 'signal' | 'signalAt' | 'killAt' | 'exitedAt' | 'exitCode'>>): void;
}
