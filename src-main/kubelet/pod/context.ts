// What every part of a sync needs to know about the pod, derived once from its record: the Pod
// object, namespace and full name (the kubelet's format.Pod), the grace period, each container's
// spec, kind and event field path, and an event factory. The kubelet passes the *v1.Pod around
// and derives these at each use; deriving them here keeps the defaults in one place. Pure but for
// the clock the events are stamped with.
import type { PodIdentity } from '../../engine/labels';
import { gracePeriodSecondsOf, namespaceOf } from '../../kube/defaults';
import { formatPodFullName } from '../../kube/go-format';
import type { Container, EventInput, KubeletEventReason, PodRecord, StoredPod } from '../../model';
import { containerFieldPath, kubeletEvent } from '../messages';
import { containerKind } from '../observe';
import type { ContainerKind } from '../status/observed';

export interface PodContextInput {
  uid: string;
  record: Pick<PodRecord, 'manifest' | 'namespace'>;
  nodeName: string;
  now: () => number;
}

export class PodContext {
  readonly uid: string;
  /** The applied manifest with the record's uid and namespace. */
  readonly pod: StoredPod;
  readonly namespace: string;
  readonly name: string;
  /** `name_namespace(uid)`, as the kubelet's messages name a pod. */
  readonly fullName: string;
  /** spec.terminationGracePeriodSeconds, defaulted. */
  readonly gracePeriodSeconds: number;
  readonly identity: PodIdentity;
  private readonly nodeName: string;
  private readonly now: () => number;

  constructor(input: PodContextInput) {
    const pod = { ...input.record.manifest };
    pod.metadata = { ...pod.metadata, uid: input.uid, namespace: input.record.namespace };
    this.uid = input.uid;
    this.pod = pod;
    this.namespace = namespaceOf(pod.metadata);
    this.name = pod.metadata.name;
    this.fullName = formatPodFullName(this.name, this.namespace, this.uid);
    this.gracePeriodSeconds = gracePeriodSecondsOf(pod.spec);
    this.identity = { uid: this.uid, namespace: this.namespace, name: this.name };
    this.nodeName = input.nodeName;
    this.now = input.now;
  }

  /** Init containers (sidecars among them) and app containers, in that order. */
  get allContainers(): Container[] {
    return [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers];
  }

  specOf(name: string): Container | undefined {
    return this.allContainers.find((c) => c.name === name);
  }

  /** A name that is none of the spec's containers counts as an app container. */
  kindOf(name: string): ContainerKind {
    return containerKind(this.pod.spec, name) ?? 'app';
  }

  /** Where kubectl shows a container's events: `spec.containers{main}`, `spec.initContainers{init}`. */
  fieldPathOf(name: string): string {
    return containerFieldPath(this.kindOf(name), name);
  }

  /** A kubelet event on this pod, stamped now. */
  event(type: EventInput['type'], reason: KubeletEventReason, message: string, fieldPath?: string): EventInput {
    return kubeletEvent(this.identity, this.nodeName, type, reason, message, this.now(), fieldPath);
  }

  /** A kubelet event on one of the pod's containers. */
  containerEvent(type: EventInput['type'], reason: KubeletEventReason, message: string, container: string): EventInput {
    return this.event(type, reason, message, this.fieldPathOf(container));
  }
}
