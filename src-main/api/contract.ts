// The BerthApi contract: every method and subscription declared once, with a schema for its
// payload and the type of its result. The Electron preload, the IPC handlers, the socket
// server and client of the CLI, and the test bridge are all generic over this one object.
import { z } from 'zod';
import type { BerthEvent, ContainerStop, HookRun, PullProgressUpdate } from '../model';
import type { ApplyResult, LogChunk, EngineStatus, PodChange, PodObject, PodSummary, ValidateResult } from './results';
import { methodNames, topicNames } from './names';
import { SERVED_KINDS, type ApiObject } from './kube-objects/kinds';
import type { KubeList } from './kube-reads';
import type { WatchPush } from './watch/watch-cache';

/** The largest YAML text the API accepts (the importer has its own, lower, limit and says so). */
export const MAX_YAML_CHARS = 64 * 1024 * 1024;

const name = z.string().min(1).max(253);
const namespace = z.string().min(1).max(63);
const podRef = z.strictObject({ namespace, name });

const logsQuery = z.strictObject({
  namespace,
  name,
  /** Required when the pod has more than one container (as kubectl). */
  container: z.string().min(1).max(63).optional(),
  /** The previous instance of the container (the one before its last restart). */
  previous: z.boolean().optional(),
  /** Last N lines only. */
  tail: z.number().int().min(0).max(1_000_000).optional(),
  timestamps: z.boolean().optional(),
});

const eventQuery = z.strictObject({
  namespace: namespace.optional(),
  podName: name.optional(),
  podUid: z.string().max(64).optional(),
  type: z.enum(['Normal', 'Warning']).optional(),
  reason: z.string().max(128).optional(),
  since: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  before: z.strictObject({ lastTimestamp: z.number().int().nonnegative(), id: z.number().int().positive() }).optional(),
});

/** The Kubernetes reads: a kind, its namespace (ignored for cluster-scoped kinds), selectors. */
const servedKind = z.enum(SERVED_KINDS);
const selectorText = z.string().max(16_384).optional();
// Secrets come without their values: the contract reaches the renderer and the socket too. The
// Kubernetes door (in-process) adds them for its authenticated admin with Core.secretData.
const kubeObjectRef = z.strictObject({ kind: servedKind, namespace: namespace.optional(), name });
const kubeListQuery = z.strictObject({
  kind: servedKind,
  /** Absent: every namespace. */
  namespace: namespace.optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  continue: z.string().max(4096).optional(),
  labelSelector: selectorText,
  fieldSelector: selectorText,
});
const kubeWatchQuery = z.strictObject({
  kind: servedKind,
  namespace: namespace.optional(),
  /** Start after this version (a list's or an object's); absent or "0": the current state first, as ADDED. */
  resourceVersion: z.string().regex(/^\d{1,16}$/).optional(),
  allowWatchBookmarks: z.boolean().optional(),
  sendInitialEvents: z.boolean().optional(),
  labelSelector: selectorText,
  fieldSelector: selectorText,
});

/** A method: its payload schema, and (as a phantom type) what it resolves to. */
function method<Input extends z.ZodType>(input: Input) {
  return { returns: <Output>() => ({ input, output: undefined as unknown as Output }) };
}

/** A subscription topic: its parameter schema, and (as a phantom type) what each push carries. */
function topic<Params extends z.ZodType>(params: Params) {
  return { pushes: <Payload>() => ({ params, payload: undefined as unknown as Payload }) };
}

const yamlInput = z.strictObject({
  fileName: z.string().min(1).max(4096),
  text: z.string().max(MAX_YAML_CHARS),
});

export const methods = {
  /** Parse and validate YAML; changes nothing. Pod Security violations come as warnings. */
  validate: method(yamlInput).returns<ValidateResult>(),
  /**
   * Validate, then store all objects of the YAML, or none when any is invalid. A new pod that
   * breaks Pod Security "baseline" (privileged, hostPath, host namespaces…) is refused with
   * `PodSecurityViolation` unless `allowPrivileged` says the user confirmed it.
   */
  apply: method(yamlInput.extend({ allowPrivileged: z.boolean().optional() })).returns<ApplyResult>(),
  listPods: method(z.strictObject({ namespace: namespace.optional() })).returns<PodSummary[]>(),
  getPod: method(podRef).returns<PodObject>(),
  deletePod: method(
    z.strictObject({
      namespace,
      name,
      gracePeriodSeconds: z.number().int().min(0).max(31_536_000).optional(),
    }),
  ).returns<{ deleted: true }>(),
  listEvents: method(eventQuery).returns<BerthEvent[]>(),
  listHookRuns: method(podRef).returns<HookRun[]>(),
  /** Each container stop of the pod with its termination timeline, oldest first. */
  listContainerStops: method(podRef).returns<ContainerStop[]>(),
  /** A container's log so far (stdout and stderr, in order). */
  podLogs: method(logsQuery).returns<{ container: string; text: string }>(),
  engineStatus: method(z.strictObject({})).returns<EngineStatus>(),
  /** One object of a served kind as the Kubernetes API returns it (metadata.resourceVersion…); NotFound as `pods "x" not found`. */
  getKubeObject: method(kubeObjectRef).returns<ApiObject>(),
  /** Objects of a served kind with the list's resourceVersion (the store's counter at the read), limit/continue. */
  listKubeObjects: method(kubeListQuery).returns<KubeList>(),
} as const;

export const topics = {
  /** Pods added, changed or removed (optionally in one namespace). */
  pods: topic(z.strictObject({ namespace: namespace.optional() })).pushes<PodChange>(),
  /** Events recorded or re-aggregated, in batches, matching the query's filters. */
  events: topic(eventQuery).pushes<BerthEvent[]>(),
  /** Follows a container's log: text as it is written, then `end` when the container stops. */
  logs: topic(logsQuery).pushes<LogChunk>(),
  /** Hook runs as they start and finish (optionally of one pod). */
  hookRuns: topic(z.strictObject({ podUid: z.string().max(64).optional() })).pushes<HookRun>(),
  /** Container stops as each milestone is reached: preStop, signal, SIGKILL, exit (optionally of one pod). */
  containerStops: topic(z.strictObject({ podUid: z.string().max(64).optional() })).pushes<ContainerStop>(),
  /** Image pulls' layer progress (optionally of one pod); the last push has `done`. */
  pullProgress: topic(z.strictObject({ podUid: z.string().max(64).optional() })).pushes<PullProgressUpdate>(),
  /**
   * A Kubernetes watch: ADDED / MODIFIED / DELETED after `resourceVersion` (replayed from the
   * watch cache, then live), BOOKMARKs when allowed, or one EXPIRED push when the version is older
   * than the cache holds (the door answers 410 Gone with its message).
   */
  kubeWatch: topic(kubeWatchQuery).pushes<WatchPush>(),
} as const;

export type Methods = typeof methods;
export type Topics = typeof topics;
export type MethodName = keyof Methods;
export type TopicName = keyof Topics;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
export type TopicParams<T extends TopicName> = z.input<Topics[T]['params']>;
export type TopicPayload<T extends TopicName> = Topics[T]['payload'];

export type Unsubscribe = () => void;

/** The API every door offers: the renderer's `window.berth`, the CLI's client, the core itself. */
export type BerthApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  subscribe<T extends TopicName>(
    topic: T,
    params: TopicParams<T>,
    listener: (payload: TopicPayload<T>) => void,
  ): Unsubscribe;
};

// The name lists live in names.ts (the preload imports them without zod); these checks fail the
// build when a method or topic is added to one place and not the other.
type SameKeys<A extends PropertyKey, B extends PropertyKey> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: SameKeys<(typeof methodNames)[number], MethodName> = true;
const topicNamesMatch: SameKeys<(typeof topicNames)[number], TopicName> = true;
void methodNamesMatch;
void topicNamesMatch;

export { methodNames, topicNames };
