// Pods as Berth stores them.
import type { ObjectMeta } from './meta';
import type { Pod } from './pod';
import type { PodStatus } from './pod-status';

/**
 * A pod's status as recorded: what the scheduler wrote at apply time (phase and a PodScheduled
 * condition) until the kubelet's first sync publishes a whole PodStatus; a pod the kubelet fails
 * keeps what it had, plus phase, reason and message.
 */
export type RecordedPodStatus = Partial<PodStatus>;

/** A Pod as stored: the imported object, plus what the API server sets on it later. */
export interface StoredPod extends Pod {
  metadata: ObjectMeta & {
    /** Set by a delete: the grace period it asked for. */
    deletionGracePeriodSeconds?: number;
  };
}

/**
 * A pod as Berth keeps it: the applied (validated, defaulted) manifest and the observed status.
 * The parameters let a reader say how little it needs (see summarizePod); everything Berth
 * stores and passes around is the default, a stored Pod and its recorded status.
 */
export interface PodRecord<Manifest = StoredPod, Status = RecordedPodStatus> {
  uid: string;
  namespace: string;
  name: string;
  /** The defaulted Pod object (apiVersion, kind, metadata, spec) as applied. */
  manifest: Manifest;
  /** The Kubernetes-shaped PodStatus. */
  status: Status;
  createdAt: number;
  deletionTimestamp: number | null;
  /** The engine the pod runs on, once it has been placed on one. */
  engine: 'docker' | 'podman' | null;
  /** The store's version of this row (metadata.resourceVersion), set when read; ignored on write. */
  resourceVersion?: number;
}
