// The core's side of the pod runtime: pod records, the objects pods refer to, and where status
// and events go (the store, then live subscribers).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ServiceRecord } from '../kubelet/environment';
import type { ClusterObjects, PodHost } from '../kubelet/host';
import type { LocalNode } from '../kubelet/node';
import type { ConfigMap, EventInput, RuntimeClass, Secret, Service } from '../model';
import type { SecretVault } from '../secrets/vault';
import type { Store } from '../store';
import type { Notifier } from './notifier';
import { summarizePod } from './pod-summary';

export function instanceIdFor(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
}

export function clusterObjects(store: Store, vault: SecretVault): ClusterObjects {
  return {
    configMap: (namespace, name) => store.getObject('ConfigMap', namespace, name)?.manifest as ConfigMap | undefined,
    secret(namespace, name) {
      const manifest = store.getObject('Secret', namespace, name)?.manifest;
      if (!manifest) return undefined;
      const { dataKeys: _keys, ...rest } = manifest as Record<string, unknown>;
      return { ...rest, data: vault.get(namespace, name) ?? {} } as unknown as Secret;
    },
    services: (namespace): ServiceRecord[] =>
      store.listObjects('Service', namespace).map((o) => ({ service: o.manifest as unknown as Service, createdAt: o.createdAt })),
    runtimeClass: (name) => store.getObject('RuntimeClass', '', name)?.manifest as RuntimeClass | undefined,
  };
}

export interface PodHostOptions {
  store: Store;
  vault: SecretVault;
  notifier: Notifier;
  node: LocalNode;
  dataDir: string;
  sandboxImage: string;
  now: () => number;
  recordEvents: (events: EventInput[]) => void;
}

export function createPodHost(options: PodHostOptions): PodHost {
  const { store, notifier } = options;
  return {
    node: options.node,
    objects: clusterObjects(store, options.vault),
    instance: instanceIdFor(options.dataDir),
    sandboxImage: options.sandboxImage,
    podDir: (uid) => join(options.dataDir, 'pods', uid),
    now: options.now,
    getPod: (uid) => store.getPodByUid(uid),
    setStatus(uid, status, engine) {
      const record = store.getPodByUid(uid);
      if (!record) return;
      const updated = { ...record, status, engine };
      store.upsertPod(updated);
      notifier.podChanged({ type: 'upserted', pod: summarizePod(updated) });
    },
    recordEvents: options.recordEvents,
    hookRuns: (uid) => store.listHookRuns(uid),
    pullProgress: (update) => notifier.pullProgressed(update),
    hookRunStarted(run) {
      const started = store.startHookRun(run);
      notifier.hookRunChanged(started);
      return started;
    },
    hookRunFinished(id, result) {
      notifier.hookRunChanged(store.finishHookRun(id, result));
    },
    containerStopStarted(stop) {
      const started = store.startContainerStop(stop);
      notifier.containerStopChanged(started);
      return started;
    },
    containerStopUpdated(id, milestones) {
      const updated = store.updateContainerStop(id, milestones);
      if (updated) notifier.containerStopChanged(updated);
    },
    podRemoved(uid) {
      const record = store.getPodByUid(uid);
      if (!record) return;
      store.removePod(uid);
      notifier.podChanged({ type: 'removed', uid, namespace: record.namespace, name: record.name });
    },
    namespaceHasPods(namespace) {
      return store.listPods(namespace, { includeDeleting: true }).length > 0;
    },
  };
}
