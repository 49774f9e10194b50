// The core's Kubernetes side: get/list of every served kind and the watch topic, over the store,
// the engine (for the node) and the watch cache fed by the store's changes.
import { statSync } from 'node:fs';
import type { EngineInfo } from '../engine/engine';
import type { LocalNode } from '../kubelet/node';
import type { Store } from '../store';
import type { MethodInput, MethodOutput, TopicParams, TopicPayload } from './contract';
import { API_VERSIONS, isNamespaced, type ApiObject } from './kube-objects/kinds';
import type { NodeFacts } from './kube-objects/cluster';
import { KubeReads } from './kube-reads';
import { compileSelectors, type SelectorCompiler } from './kube-selectors';
import type { Notifier } from './notifier';
import { KubeFeed } from './watch/feed';
import type { RingLimits } from './watch/ring';
import { WatchCache, type Timers } from './watch/watch-cache';
import { KUBERNETES_RELEASE } from '../model';

/** The Kubernetes version the node reports as its kubelet's (the door's /version should say the same). */
export const KUBE_VERSION = KUBERNETES_RELEASE;

export interface KubeApiOptions {
  store: Store;
  notifier: Notifier;
  node: LocalNode;
  /** The engine's info, for the node; rejects when the engine does not answer. */
  engineInfo: () => Promise<EngineInfo>;
  now: () => number;
  /** The label/field selector parser (src-main/kube/selectors); without it, selectors are refused. */
  selectors?: SelectorCompiler | undefined;
  watch?: { limits?: RingLimits; bookmarkIntervalMs?: number; timers?: Timers } | undefined;
}

export interface KubeApi {
  getKubeObject(input: MethodInput<'getKubeObject'>): Promise<MethodOutput<'getKubeObject'>>;
  listKubeObjects(input: MethodInput<'listKubeObjects'>): Promise<MethodOutput<'listKubeObjects'>>;
  watch(params: TopicParams<'kubeWatch'>, push: (payload: TopicPayload<'kubeWatch'>) => void): () => void;
  close(): void;
}

/** When this Berth's data began: the node's and the built-in namespaces' creation time. */
function createdAtOf(file: string, fallback: number): number {
  try {
    const stat = statSync(file);
    return Math.round(stat.birthtimeMs || stat.mtimeMs);
  } catch {
    return fallback;
  }
}

export function openKubeApi(options: KubeApiOptions): KubeApi {
  const { store, notifier, node } = options;
  const startVersion = store.resourceVersion();
  const feed = new KubeFeed(store.listPods(undefined, { includeDeleting: true }), allStoredObjects(store), startVersion);
  const cache = new WatchCache({ startVersion, currentVersion: () => store.resourceVersion(), ...options.watch });
  const stopFeed = notifier.onStoreChanges((changes) => cache.record(feed.convert(changes)));
  const createdAt = createdAtOf(store.file, options.now());

  async function nodeFacts(): Promise<NodeFacts> {
    const base = { node, kubeletVersion: KUBE_VERSION, createdAt, resourceVersion: startVersion, now: options.now() };
    try {
      const info = await options.engineInfo();
      return { ...base, engine: { kind: info.kind, version: info.version, host: info.host } };
    } catch (error) {
      return { ...base, engine: undefined, engineError: error instanceof Error ? error.message : String(error) };
    }
  }

  const reads = new KubeReads({ store, namespaces: () => feed.namespacesInUse(), nodeFacts, builtIn: { createdAt, resourceVersion: startVersion } });

  return {
    async getKubeObject({ kind, namespace, name }) {
      return reads.get(kind, namespace, name);
    },

    async listKubeObjects({ kind, namespace, limit, continue: token, labelSelector, fieldSelector }) {
      const selector = compileSelectors(options.selectors, { kind, labelSelector, fieldSelector });
      return reads.list(kind, { namespace, limit, continue: token, selector });
    },

    watch(params, push) {
      const { kind, labelSelector, fieldSelector } = params;
      let selector;
      try {
        selector = compileSelectors(options.selectors, { kind, labelSelector, fieldSelector });
      } catch (error) {
        push({ type: 'ERROR', message: (error as Error).message });
        return () => undefined;
      }
      const namespace = isNamespaced(kind) ? params.namespace : undefined;
      const start = (initial: ApiObject[]) =>
        cache.watch(
          {
            kind,
            apiVersion: API_VERSIONS[kind],
            ...(namespace !== undefined ? { namespace } : {}),
            ...(params.resourceVersion !== undefined ? { resourceVersion: params.resourceVersion } : {}),
            ...(selector ? { matches: (o: ApiObject) => selector.matches(o) } : {}),
            allowWatchBookmarks: params.allowWatchBookmarks ?? false,
            sendInitialEvents: params.sendInitialEvents ?? false,
            initial: () => initial,
          },
          push,
        );
      if (kind !== 'Node') return start(reads.current(kind, namespace));
      // The node's state needs the engine: start once it answers (nothing of the node is in the ring).
      let stop: (() => void) | undefined;
      let stopped = false;
      void reads.all('Node', undefined).then((objects) => {
        if (!stopped) stop = start(objects);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },

    close() {
      stopFeed();
      cache.close();
    },
  };
}

function allStoredObjects(store: Store) {
  return (['ConfigMap', 'Secret', 'Service', 'RuntimeClass'] as const).flatMap((kind) => store.listObjects(kind));
}
