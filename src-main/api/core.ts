// The core: the BerthApi implemented over the store, the importer, the scheduler decision and
// the engine. Runs under plain Node; Electron's main process, `berth serve`, the CLI (in-process)
// and the tests all host this same object.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { byPosition } from '../kube';
import { importOffThread } from '../kube/worker/off-thread';
import type { PodSecurityFinding } from '../kube';
import { redactSecretManifest, Store } from '../store';
import { FileSecretVault } from '../secrets/file-vault';
import type { SecretVault } from '../secrets/vault';
import { describeLocalNode, type LocalNode } from '../kubelet/node';
import { schedulePod } from '../kubelet/scheduling';
import { applyRefusals, refOf, runtimeClassNodeSelector, sameJson } from './apply-refusals';
import { admittedMessage, podSecurityError, podSecurityWarnings, podsNeedingConfirmation } from './pod-security';
import type { BerthApi, MethodInput, TopicName, TopicParams, TopicPayload } from './contract';
import { ApiError } from './errors';
import { Notifier } from './notifier';
import { toPodObject } from './pod-object';
import { summarizePod } from './pod-summary';
import type { ApplyAction, ApplyResult, ValidateResult } from './results';
import type { EventInput, EventReason, KubeObject, PodRecord } from '../model';
import { rfc3339 } from '../model';
import { probeEngineStatus, type EngineChoice } from './engine-status';
import { clusterObjects, createPodHost } from './pod-host';
import { chooseContainer, findInstance, followLogs, readLogs } from './logs';
import { ensurePrivateDataDir } from './private-data-dir';
import { connectEngine } from '../engine/connect';
import type { Engine } from '../engine/engine';
import { PodRuntime } from '../kubelet/runtime';
import { gracePeriodSecondsOf, namespaceOf } from '../kube/defaults';
import { openKubeApi, type KubeApiOptions } from './kube-api';

/** The kubelet's own default; tests and offline machines set a local one (BERTH_SANDBOX_IMAGE). */
export const DEFAULT_SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';

export interface CoreOptions {
  dataDir: string;
  engine?: EngineChoice;
  env?: NodeJS.ProcessEnv;
  /** Injected for tests; defaults to Date.now. */
  now?: () => number;
  node?: LocalNode;
  secretVault?: SecretVault;
  /** Run the pods' containers on the engine (the controller). Off: Berth only stores what is applied. */
  runPods?: boolean;
  /** With runPods: all pods (the app, `berth serve`) or only those this session touches (a CLI command). */
  podScope?: 'all' | 'session';
  sandboxImage?: string;
  log?: (message: string) => void;
  /** How to reach the engine; default connectEngine (the middle tests pass a FakeEngine). */
  connectEngine?: () => Promise<Engine>;
  /** The label/field selector compiler the Kubernetes reads and watches apply (see kube-selectors.ts). */
  selectors?: KubeApiOptions['selectors'];
  /** The watch cache's limits and bookmark interval (tests shorten them). */
  watch?: KubeApiOptions['watch'];
}

export interface Core {
  readonly api: BerthApi;
  readonly store: Store;
  readonly notifier: Notifier;
  readonly node: LocalNode;
  readonly dataDir: string;
  /** The pod runtime, when this core runs pods. */
  readonly runtime: PodRuntime | undefined;
  /** Stores events (aggregated) and pushes them to subscribers: the path every component records through. */
  recordEvents(inputs: EventInput[]): void;
  /**
   * A Secret's values (base64, from the vault), for an in-process door whose caller may read them
   * (the Kubernetes API's authenticated admin). Not in the contract: IPC and the socket never carry them.
   */
  secretData(namespace: string, name: string): Readonly<Record<string, string>> | null;
  close(): Promise<void>;
}

type PodObjectInput = Extract<KubeObject, { kind: 'Pod' }>;

export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const engineChoice = options.engine ?? 'auto';
  const connect = options.connectEngine ?? (() => connectEngine({ engine: engineChoice, env }));
  const node = options.node ?? describeLocalNode();
  ensurePrivateDataDir(options.dataDir);
  const store = Store.open(join(options.dataDir, 'berth.db'));
  const vault = options.secretVault ?? new FileSecretVault(join(options.dataDir, 'secrets'));
  const cluster = clusterObjects(store, vault);
  const notifier = new Notifier();
  store.onChange((changes) => notifier.storeChanged(changes));

  function recordEvents(inputs: EventInput[]): void {
    notifier.eventsRecorded(store.recordEvents(inputs));
  }

  let readEngine: Promise<Engine> | undefined;
  /** The engine for reads (logs): the runtime's connection, or one of our own. */
  function engineForReads(): Promise<Engine> {
    const connected = runtime?.connectedEngine;
    if (connected) return Promise.resolve(connected);
    readEngine ??= connect().catch((error: Error) => {
      readEngine = undefined;
      throw new ApiError('EngineUnavailable', error.message);
    });
    return readEngine;
  }

  const kube = openKubeApi({
    store,
    notifier,
    node,
    engineInfo: () => engineForReads().then((engine) => engine.info()),
    now,
    selectors: options.selectors,
    watch: options.watch,
  });

  const runtime = options.runPods
    ? new PodRuntime({
        engine: engineChoice,
        env,
        knownPods: () => store.listPods(undefined, { includeDeleting: true }).map((p) => p.uid),
        scope: options.podScope ?? 'all',
        connect,
        ...(options.log ? { log: options.log } : {}),
        host: createPodHost({
          store,
          vault,
          notifier,
          node,
          dataDir: options.dataDir,
          sandboxImage: options.sandboxImage ?? env.BERTH_SANDBOX_IMAGE ?? DEFAULT_SANDBOX_IMAGE,
          now,
          recordEvents,
        }),
      })
    : undefined;

  function podEvent(record: PodRecord, type: EventInput['type'], reason: EventReason, message: string, component: string): EventInput {
    return {
      involvedObject: { kind: 'Pod', namespace: record.namespace, name: record.name, uid: record.uid },
      type,
      reason,
      message,
      source: { component, host: node.name },
      timestamp: now(),
    };
  }

  function findPod(namespace: string, name: string): PodRecord {
    const record = store.getPod(namespace, name);
    if (!record) throw new ApiError('NotFound', `pods "${name}" not found in namespace "${namespace}"`);
    return record;
  }

  /** A new pod: assign its uid, schedule it onto the local node, record what the scheduler says. */
  function createPod(pod: PodObjectInput, imported: KubeObject[]): { record: PodRecord; events: EventInput[] } {
    const createdAt = now();
    const spec = pod.spec;
    const decision = schedulePod(spec, node, runtimeClassNodeSelector(store, spec.runtimeClassName, imported) ?? {});
    const transition = rfc3339(createdAt);
    const record: PodRecord = {
      uid: randomUUID(),
      namespace: namespaceOf(pod.metadata),
      name: pod.metadata.name,
      manifest: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: pod.metadata,
        spec: decision.fits ? { ...spec, nodeName: decision.nodeName } : spec,
      },
      status: decision.fits
        ? { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: transition }] }
        : {
            phase: 'Pending',
            conditions: [
              { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: decision.message, lastTransitionTime: transition },
            ],
          },
      createdAt,
      deletionTimestamp: null,
      engine: null,
    };
    const event = decision.fits
      ? podEvent(record, 'Normal', 'Scheduled', `Successfully assigned ${record.namespace}/${record.name} to ${node.name}`, 'default-scheduler')
      : podEvent(record, 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
    return { record, events: [event] };
  }

  /** The Warning event that keeps, in a pod's history, that it was admitted despite Pod Security. */
  function admittedEvent(record: PodRecord, finding: PodSecurityFinding | undefined): EventInput[] {
    return finding ? [podEvent(record, 'Warning', 'PodSecurityViolation', admittedMessage(finding), 'pod-security-admission')] : [];
  }

  function applyObject(
    object: KubeObject,
    imported: KubeObject[],
    pendingEvents: EventInput[],
    changedPods: PodRecord[],
    admittedDespite?: PodSecurityFinding,
  ): ApplyAction {
    const ref = refOf(object);
    if (object.kind === 'Pod') {
      const existing = store.getPod(ref.namespace, ref.name);
      if (!existing) {
        const { record, events } = createPod(object, imported);
        store.upsertPod(record);
        // Admission comes before scheduling, in the pod's history too.
        pendingEvents.push(...admittedEvent(record, admittedDespite), ...events);
        changedPods.push(record);
        return 'created';
      }
      if (sameJson(existing.manifest.metadata, object.metadata)) return 'unchanged';
      const updated = { ...existing, manifest: { ...existing.manifest, metadata: object.metadata } };
      store.upsertPod(updated);
      pendingEvents.push(...admittedEvent(updated, admittedDespite));
      changedPods.push(updated);
      return 'configured';
    }
    const uid = store.getObject(object.kind, ref.namespace, ref.name)?.uid ?? randomUUID();
    if (object.kind === 'Secret') {
      const { data } = object as typeof object & { data?: Record<string, string> };
      const redacted = redactSecretManifest(object as unknown as Record<string, unknown>);
      const previous = vault.get(ref.namespace, ref.name);
      vault.put(ref.namespace, ref.name, data ?? {});
      const dataKeys = Object.keys(data ?? {}).sort();
      const action = store.putObject({ kind: 'Secret', namespace: ref.namespace, name: ref.name, uid, manifest: { ...redacted, dataKeys } });
      if (action !== 'unchanged' || sameJson(previous, data ?? {})) return action;
      // Only the values changed: the Secret still gets a new resourceVersion, as on a cluster.
      store.touchObject('Secret', ref.namespace, ref.name);
      return 'configured';
    }
    return store.putObject({ kind: object.kind, namespace: ref.namespace, name: ref.name, uid, manifest: object as unknown as Record<string, unknown> });
  }

  function subscribeLogs(params: TopicParams<'logs'>, push: (chunk: TopicPayload<'logs'>) => void): () => void {
    const abort = new AbortController();
    void (async () => {
      try {
        const record = findPod(params.namespace, params.name);
        const chosen = chooseContainer(record, params.container);
        const engine = await engineForReads();
        const id = await findInstance(engine, record, chosen, params.previous ?? false);
        await followLogs(engine, id, params, push, abort.signal);
      } catch (error) {
        if (!abort.signal.aborted) push({ text: '', end: true, error: (error as Error).message });
      }
    })();
    return () => abort.abort();
  }

  const api: BerthApi = {
    async validate({ fileName, text }): Promise<ValidateResult> {
      const result = await importOffThread(text, fileName);
      const admission = result.ok ? applyRefusals(result, fileName, { store, cluster }) : [];
      return {
        ok: result.ok && admission.length === 0,
        errors: [...result.errors, ...admission],
        // Pod Security violations warn here; apply is where they need a confirmation.
        warnings: [...result.warnings, ...podSecurityWarnings(result, fileName)].sort(byPosition),
        objects: result.objects.map(refOf),
      };
    },

    async apply({ fileName, text, allowPrivileged }): Promise<ApplyResult> {
      const result = await importOffThread(text, fileName);
      if (!result.ok) throw new ApiError('Invalid', `${fileName} is invalid (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})`, result.errors);
      const admission = applyRefusals(result, fileName, { store, cluster });
      if (admission.length) throw new ApiError('Invalid', `${fileName} was refused`, admission);
      const confirmations = podsNeedingConfirmation(result, fileName, (namespace, name) => store.getPod(namespace, name));
      if (confirmations.length && !allowPrivileged) throw podSecurityError(confirmations);
      const admittedDespite = new Map(confirmations.map((finding) => [finding.index, finding]));
      const pendingEvents: EventInput[] = [];
      const changedPods: PodRecord[] = [];
      // Kinds that pods refer to go first, so a pod in the same file finds its RuntimeClass, Secrets…
      const kindOrder = ['RuntimeClass', 'Secret', 'ConfigMap', 'Service', 'Pod'];
      const objects = result.objects;
      const applyOrder = objects.map((_, index) => index).sort((a, b) => kindOrder.indexOf(objects[a]!.kind) - kindOrder.indexOf(objects[b]!.kind));
      const actions = new Array<ApplyAction>(objects.length);
      store.transaction(() => {
        for (const index of applyOrder) {
          actions[index] = applyObject(objects[index]!, objects, pendingEvents, changedPods, admittedDespite.get(index));
        }
      });
      recordEvents(pendingEvents);
      for (const record of changedPods) {
        notifier.podChanged({ type: 'upserted', pod: summarizePod(record) });
        runtime?.podApplied(record.uid);
      }
      const applied = objects.map((object, index) => ({ ...refOf(object), action: actions[index]! }));
      return { applied, warnings: [...result.warnings, ...podSecurityWarnings(result, fileName)].sort(byPosition) };
    },

    async listPods({ namespace }) {
      // Pods being deleted stay listed (as Terminating) until their containers are gone.
      return store.listPods(namespace, { includeDeleting: true }).map(summarizePod);
    },

    async getPod({ namespace, name }) {
      return toPodObject(findPod(namespace, name));
    },

    async deletePod({ namespace, name, gracePeriodSeconds }: MethodInput<'deletePod'>) {
      const record = findPod(namespace, name);
      if (!runtime) {
        // Nothing runs the pod here: the record goes at once (a controller adopting it later
        // removes its containers, since it no longer knows the pod).
        store.removePod(record.uid);
        notifier.podChanged({ type: 'removed', uid: record.uid, namespace, name });
        return { deleted: true as const };
      }
      if (record.deletionTimestamp === null) {
        // As the API server: the grace period the delete asked for is on the object.
        const spec = record.manifest.spec;
        const metadata = { ...record.manifest.metadata, deletionGracePeriodSeconds: gracePeriodSeconds ?? gracePeriodSecondsOf(spec) };
        // One write, as the API server's: a watcher sees the grace period and deletionTimestamp together.
        store.upsertPod({ ...record, manifest: { ...record.manifest, metadata }, deletionTimestamp: now() });
        const deleting = store.getPodByUid(record.uid)!;
        notifier.podChanged({ type: 'upserted', pod: summarizePod(deleting) });
      }
      runtime.deletePod(record.uid, gracePeriodSeconds);
      return { deleted: true as const };
    },

    async listEvents(query) {
      return store.listEvents(query);
    },

    async listHookRuns({ namespace, name }) {
      return store.listHookRuns(findPod(namespace, name).uid);
    },

    async listContainerStops({ namespace, name }) {
      return store.listContainerStops(findPod(namespace, name).uid);
    },

    async podLogs({ namespace, name, container, previous, tail, timestamps }) {
      const record = findPod(namespace, name);
      const chosen = chooseContainer(record, container);
      const engine = await engineForReads();
      const id = await findInstance(engine, record, chosen, previous ?? false);
      return { container: chosen, text: await readLogs(engine, id, { tail, timestamps }) };
    },

    async engineStatus() {
      return probeEngineStatus(engineChoice, env);
    },

    getKubeObject: kube.getKubeObject,
    listKubeObjects: kube.listKubeObjects,

    subscribe<T extends TopicName>(topic: T, params: TopicParams<T>, listener: (payload: TopicPayload<T>) => void) {
      if (topic === 'pods') return notifier.onPods(params as TopicParams<'pods'>, listener as (p: TopicPayload<'pods'>) => void);
      if (topic === 'events') return notifier.onEvents(params as TopicParams<'events'>, listener as (p: TopicPayload<'events'>) => void);
      if (topic === 'hookRuns') return notifier.onHookRuns(params as TopicParams<'hookRuns'>, listener as (p: TopicPayload<'hookRuns'>) => void);
      if (topic === 'containerStops') return notifier.onContainerStops(params as TopicParams<'containerStops'>, listener as (p: TopicPayload<'containerStops'>) => void);
      if (topic === 'pullProgress') return notifier.onPullProgress(params as TopicParams<'pullProgress'>, listener as (p: TopicPayload<'pullProgress'>) => void);
      if (topic === 'kubeWatch') return kube.watch(params as TopicParams<'kubeWatch'>, listener as (p: TopicPayload<'kubeWatch'>) => void);
      return subscribeLogs(params as TopicParams<'logs'>, listener as (p: TopicPayload<'logs'>) => void);
    },
  };

  if (runtime) void runtime.start();

  return {
    api,
    store,
    notifier,
    node,
    dataDir: options.dataDir,
    runtime,
    recordEvents,
    secretData: (namespace, name) => (store.getObject('Secret', namespace, name) ? vault.get(namespace, name) : null),
    async close() {
      await runtime?.stop();
      kube.close();
      store.onChange(undefined);
      store.close();
    },
  };
}
