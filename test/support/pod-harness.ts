// A real core that runs pods on one engine, scoped to a namespace of its own, for the engine
// tests of the pod runtime: apply YAML, wait for a pod's status (failing with its status and
// events printed), read events and logs, and clean up everything it made — pods through the API,
// then the namespace network and the data dir. Nothing is left on the engine.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import type { BerthApi } from '../../src-main/api/contract';
import { openCore, type Core } from '../../src-main/api/core';
import { instanceIdFor } from '../../src-main/api/pod-host';
import type { ApplyResult, PodObject } from '../../src-main/api/results';
import type { BerthEvent } from '../../src-main/model';
import type { DockerodeContainerDetails as ContainerDetails, DockerodeEngine as Engine } from '../../src-main/engine/dockerode/adapter';
import type { ContainerSummary, Engine as EnginePort } from '../../src-main/engine/engine';
import { isNotFound } from '../../src-main/engine/engine';
import type { EngineKind } from '../../src-main/engine/endpoint';
import { LABELS } from '../../src-main/engine/labels';
import { namespaceNetworkName } from '../../src-main/kubelet/engine-specs';
import { BUSYBOX_IMAGE, connectTestEngine, ENGINE_SOCKETS, PAUSE_IMAGE } from './engines';
import { makeTempDir } from './temp';

/** Kubernetes-shaped container status, as far as the tests read it. */
export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  state: ContainerState;
  lastState: ContainerState;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string };
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  podIP?: string;
  hostIP?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

export const statusOf = (pod: PodObject): PodStatus => pod.status as PodStatus;

/** One container's status (init or app) by name; fails the test when there is none. */
export function containerStatus(pod: PodObject, name: string): ContainerStatus {
  const status = statusOf(pod);
  const found = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].find((c) => c.name === name);
  assert.ok(found, `pod ${pod.metadata.name} has no status for container "${name}": ${JSON.stringify(pod.status, null, 2)}`);
  return found;
}

export const phaseIs = (phase: string) => (pod: PodObject) => statusOf(pod).phase === phase;

/** Pretty events for failure messages: `Warning BackOff (x3) spec.containers{main}: Back-off …`. */
export function formatEvents(events: BerthEvent[]): string {
  if (events.length === 0) return '  (no events)';
  return [...events]
    .sort((a, b) => a.id - b.id)
    .map((e) => `  ${e.type} ${e.reason}${e.count > 1 ? ` (x${e.count})` : ''}${e.involvedObject.fieldPath ? ` ${e.involvedObject.fieldPath}` : ''}: ${e.message}`)
    .join('\n');
}

/** A predicate that throws (say, a container status not there yet) does not hold yet. */
function holds<T>(predicate: (value: T) => boolean, value: T): boolean {
  try {
    return predicate(value);
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A busybox container block for the YAML below (indented for `containers:`). */
export function busybox(name: string, script: string, extra = ''): string {
  return `
  - name: ${name}
    image: ${BUSYBOX_IMAGE}
    imagePullPolicy: Never
    command: ["sh", "-c", ${JSON.stringify(script)}]${extra}`;
}

export interface PodYamlOptions {
  restartPolicy?: string;
  /** terminationGracePeriodSeconds */
  grace?: number;
  /** More of `metadata:` after the name (YAML lines, each starting with a newline and two spaces). */
  metadata?: string;
  /** More of `spec:` before `containers:` (the same form), e.g. volumes or initContainers. */
  spec?: string;
}

/** A Pod document with the given container blocks (see `busybox`). */
export function podYaml(name: string, containers: string, options: PodYamlOptions = {}): string {
  const restartPolicy = options.restartPolicy ? `\n  restartPolicy: ${options.restartPolicy}` : '';
  const grace = options.grace !== undefined ? `\n  terminationGracePeriodSeconds: ${options.grace}` : '';
  return `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}${options.metadata ?? ''}
spec:${restartPolicy}${grace}${options.spec ?? ''}
  containers:${containers}
`;
}

/**
 * Removes what a Berth instance left on the engine — its containers (sandboxes last) and the
 * namespace's network — and returns the containers it found and the error of a network that
 * could not be removed (one that is not there is no error).
 */
export async function removeLeftovers(engine: EnginePort, instance: string, namespace: string): Promise<{ left: ContainerSummary[]; networkError?: Error }> {
  const left = await engine.listContainers({ all: true, labels: { [LABELS.instance]: instance } });
  const ordered = [...left].sort((a, b) => Number(a.labels[LABELS.role] === 'sandbox') - Number(b.labels[LABELS.role] === 'sandbox'));
  for (const c of ordered) await engine.removeContainer(c.id, { force: true }).catch(() => false);
  let networkError: Error | undefined;
  await engine.removeNetwork(namespaceNetworkName(namespace)).catch((error: unknown) => {
    if (!isNotFound(error)) networkError = error as Error;
  });
  return { left, ...(networkError ? { networkError } : {}) };
}

export interface PodHarness {
  readonly kind: EngineKind;
  readonly core: Core;
  readonly api: BerthApi;
  /** A second connection to the same engine, for what a user would check there (inspect, kill). */
  readonly engine: Engine;
  /** The namespace every object applied through `apply` lands in (unique per harness). */
  readonly namespace: string;
  /** The `berth.instance` label value of this core's containers. */
  readonly instance: string;
  /**
   * Applies YAML (one or more documents) into the harness's namespace; `allowPrivileged` is the
   * user's confirmation for pods that break Pod Security "baseline" (e.g. hooks with a `host`).
   */
  apply(yaml: string, options?: { allowPrivileged?: boolean }): Promise<ApplyResult>;
  getPod(name: string): Promise<PodObject>;
  /** Resolves with the pod once `predicate` holds; fails with its status and events after `timeoutMs`. */
  waitForPod(name: string, predicate: (pod: PodObject) => boolean, timeoutMs?: number, what?: string): Promise<PodObject>;
  /** Resolves once the pod is no longer listed (deleted and its containers gone). */
  waitForPodGone(name: string, timeoutMs?: number): Promise<void>;
  events(name: string): Promise<BerthEvent[]>;
  /** Waits for an event of the pod matching `match`; fails with all its events after `timeoutMs`. */
  waitForEvent(name: string, match: (event: BerthEvent) => boolean, timeoutMs?: number, what?: string): Promise<BerthEvent>;
  logs(name: string, container?: string, previous?: boolean): Promise<string>;
  /** The engine containers of a pod (sandbox included), by its `berth.pod.uid` label. */
  engineContainers(name: string): Promise<ContainerSummary[]>;
  /** The running engine container of one spec container. */
  runningContainer(podName: string, container: string): Promise<ContainerDetails>;
  /** Pod status and events, for assertion messages. */
  describe(name: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Documents of these kinds are namespaced: the harness puts them into its namespace. */
const CLUSTER_SCOPED = new Set(['RuntimeClass']);

export async function startPodHarness(kind: EngineKind): Promise<PodHarness> {
  const engine = await connectTestEngine(kind);
  const temp = makeTempDir(`berth-pods-${kind}-`);
  const namespace = `t-${randomBytes(4).toString('hex')}`;
  const core = await openCore({
    dataDir: temp.path,
    engine: kind,
    env: { DOCKER_HOST: `unix://${ENGINE_SOCKETS[kind]}` },
    runPods: true,
    sandboxImage: PAUSE_IMAGE,
    log: (message) => process.stderr.write(`[berth ${kind} ${namespace}] ${message}\n`),
  });
  const api = core.api;
  const instance = instanceIdFor(temp.path);
  const created = new Set<string>();

  async function getPod(name: string): Promise<PodObject> {
    return api.getPod({ namespace, name });
  }

  async function events(name: string): Promise<BerthEvent[]> {
    return api.listEvents({ namespace, podName: name });
  }

  async function describe(name: string): Promise<string> {
    let status: string;
    try {
      status = JSON.stringify((await getPod(name)).status, null, 2);
    } catch (error) {
      status = `(no pod: ${(error as Error).message})`;
    }
    return `pod ${namespace}/${name} on ${kind}\nstatus: ${status}\nevents:\n${formatEvents(await events(name))}`;
  }

  /** Calls `check` on every pod change in the namespace and every 500 ms, until it returns a value. */
  async function poll<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
    let wake: () => void = () => {};
    const unsubscribe = api.subscribe('pods', { namespace }, () => wake());
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(500, left));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      unsubscribe();
    }
  }

  async function waitForPod(name: string, predicate: (pod: PodObject) => boolean, timeoutMs = 30_000, what = 'the expected status'): Promise<PodObject> {
    const pod = await poll(async () => {
      const current = await getPod(name).catch(() => undefined);
      return current && holds(predicate, current) ? current : undefined;
    }, timeoutMs);
    if (pod) return pod;
    assert.fail(`pod ${name} did not reach ${what} within ${timeoutMs} ms\n${await describe(name)}`);
  }

  async function waitForPodGone(name: string, timeoutMs = 60_000): Promise<void> {
    const gone = await poll(async () => ((await api.listPods({ namespace })).some((p) => p.name === name) ? undefined : true), timeoutMs);
    if (!gone) assert.fail(`pod ${name} was not gone within ${timeoutMs} ms\n${await describe(name)}`);
  }

  async function waitForEvent(name: string, match: (event: BerthEvent) => boolean, timeoutMs = 30_000, what = 'the expected event'): Promise<BerthEvent> {
    const found = await poll(async () => (await events(name)).find(match), timeoutMs);
    if (found) return found;
    assert.fail(`pod ${name} got no ${what} within ${timeoutMs} ms\n${await describe(name)}`);
  }

  async function engineContainers(name: string): Promise<ContainerSummary[]> {
    const pod = await getPod(name);
    return engine.listContainers({ all: true, labels: { [LABELS.podUid]: pod.metadata.uid } });
  }

  async function runningContainer(podName: string, container: string): Promise<ContainerDetails> {
    const list = (await engineContainers(podName)).filter((c) => c.labels[LABELS.containerName] === container);
    const details = await Promise.all(list.map((c) => engine.inspectContainer(c.id)));
    const running = details.find((d) => d.state.running);
    assert.ok(running, `no running engine container for ${podName}/${container}\n${await describe(podName)}`);
    return running;
  }

  async function cleanup(): Promise<void> {
    const problems: string[] = [];
    try {
      for (const name of created) {
        await api.deletePod({ namespace, name, gracePeriodSeconds: 0 }).catch((error: Error) => {
          if (!/not found/.test(error.message)) problems.push(`delete ${name}: ${error.message}`);
        });
      }
      const gone = await poll(async () => ((await api.listPods({ namespace })).length === 0 ? true : undefined), 60_000);
      if (!gone) problems.push(`pods still listed after 60 s: ${(await api.listPods({ namespace })).map((p) => p.name).join(', ')}`);
    } finally {
      await core.close();
      // Whatever is still on the engine is a bug (reported) — and removed all the same.
      const { left, networkError } = await removeLeftovers(engine, instance, namespace);
      if (left.length) problems.push(`containers left on ${kind}: ${left.map((c) => c.name).join(', ')}`);
      if (networkError) problems.push(`network ${namespaceNetworkName(namespace)}: ${networkError.message}`);
      temp.remove();
    }
    if (problems.length) assert.fail(`cleanup of ${namespace} on ${kind}:\n  ${problems.join('\n  ')}`);
  }

  return {
    kind,
    core,
    api,
    engine,
    namespace,
    instance,
    async apply(yaml: string, options: { allowPrivileged?: boolean } = {}) {
      // As Berth reads it (YAML 1.1: `0644` is octal), then as JSON with the namespace set.
      const docs = parseAllDocuments(yaml, { version: '1.1', merge: true });
      const texts: string[] = [];
      for (const doc of Array.isArray(docs) ? docs : [docs]) {
        if (doc.errors.length) throw new Error(`test YAML does not parse: ${doc.errors.map((e) => e.message).join('; ')}`);
        const object = doc.toJSON() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (!object) continue;
        if (object.kind && !CLUSTER_SCOPED.has(object.kind)) {
          object.metadata = { ...object.metadata, namespace };
          if (object.kind === 'Pod' && object.metadata.name) created.add(object.metadata.name);
        }
        texts.push(JSON.stringify(object));
      }
      return api.apply({ fileName: `${namespace}.yaml`, text: texts.join('\n---\n'), ...options });
    },
    getPod,
    waitForPod,
    waitForPodGone,
    events,
    waitForEvent,
    async logs(name: string, container?: string, previous?: boolean) {
      return (await api.podLogs({ namespace, name, ...(container ? { container } : {}), ...(previous ? { previous } : {}) })).text;
    },
    engineContainers,
    runningContainer,
    describe,
    cleanup,
  };
}

/** Starts a harness for one test and cleans it up when the test ends (pass or fail). */
export async function podHarnessFor(t: { after: (fn: () => Promise<void>) => void }, kind: EngineKind): Promise<PodHarness> {
  const harness = await startPodHarness(kind);
  t.after(() => harness.cleanup());
  return harness;
}

/** Polls a container's log until it matches; fails with the log, status and events. */
export async function waitForLog(h: PodHarness, pod: string, container: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await h.logs(pod, container).catch((error: Error) => `(no log: ${error.message})`);
    if (pattern.test(last)) return last;
    await delay(300);
  }
  assert.fail(`log of ${pod}/${container} never matched ${pattern} within ${timeoutMs} ms; last log:\n${last}\n${await h.describe(pod)}`);
}

export { delay };
