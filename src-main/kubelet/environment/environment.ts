// A container's environment, built as `makeEnvironmentVariables` in
// pkg/kubelet/kubelet_pods.go builds it, and `$(VAR)` expansion of command and args
// (`ExpandContainerCommandAndArgs` in pkg/kubelet/container/helpers.go).
//
// How the kubelet resolves variables, and what Berth keeps of it:
// 1. service variables go in their own map (`serviceEnv`);
// 2. `envFrom` sources, in order, write every key (prefixed) into `tmpEnv` — a later source
//    overwrites an earlier one's key;
// 3. each `env` entry, in order: a non-empty `value` is expanded against `tmpEnv` as it is
//    at that point and then `serviceEnv`, so `$(B)` in A stays literal when B is declared
//    after A; otherwise `valueFrom` is resolved; then `tmpEnv[name]` is overwritten. An
//    optional reference that resolves to nothing `continue`s: the variable is not set, and
//    a value it had from `envFrom` survives;
// 4. the result is `tmpEnv`, then every service variable `tmpEnv` does not define.
// `tmpEnv` is a Go map, so the kubelet's order within step 4's first half is random. Berth
// makes it deterministic: a variable stays where it was FIRST defined (envFrom sources in
// order, each one's keys sorted as the API server returns them, then `env` in declaration
// order) and takes its LAST value; service variables follow in service-name order.
import type { ConfigMap, Container, EnvFromSource, EnvVar, Pod, Secret } from '../../model';
import { fieldRefValue, resourceFieldRefValue, type NodeAllocatable, type PodRuntimeInfo } from './downward';
import { expand, lookupIn } from './expansion';
import { serviceEnvVars, type EnvVarValue, type ServiceRecord } from './service-env';
import { namespaceOf } from '../../kube/defaults';

export type { EnvVarValue } from './service-env';

/** The event reason the kubelet records for skipped `envFrom` keys. */
export const INVALID_ENV_VAR_NAMES_REASON = 'InvalidEnvironmentVariableNames';

/**
 * Which `envFrom` keys are usable names. `relaxed` (the kubelet since the
 * RelaxedEnvironmentVariableValidation feature, and Berth's validator): any printable ASCII
 * but `=`. `strict` (older kubelets): `[-._a-zA-Z][-._a-zA-Z0-9]*`, as the Kubernetes docs
 * still describe it; keys like `1st` or `app.conf/x` are skipped with a warning.
 */
export type EnvVarNameRule = 'relaxed' | 'strict';

export interface ContainerEnvInput {
  pod: Pick<Pod, 'metadata' | 'spec'>;
  container: Container;
  /** Pod and node addresses for the downward API. */
  runtime: Omit<PodRuntimeInfo, 'pod'>;
  /** The node's allocatable resources: the limit a container without one sees. */
  nodeAllocatable: NodeAllocatable;
  /** ConfigMaps and Secrets as Berth stores them; looked up in the pod's namespace. */
  getConfigMap: (namespace: string, name: string) => ConfigMap | undefined;
  getSecret: (namespace: string, name: string) => Secret | undefined;
  /** All Services Berth knows, with creation times; filtered here (see `visibleServices`). */
  services: readonly ServiceRecord[];
  /** When the container is being created (epoch milliseconds). */
  containerCreatedAt: number;
  envVarNames?: EnvVarNameRule;
}

export type ContainerEnvResult =
  | { ok: true; env: EnvVarValue[]; warnings: string[] }
  | { ok: false; reason: 'CreateContainerConfigError'; message: string };

const STRICT_ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED_ENV_VAR_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

export function isValidEnvVarName(name: string, rule: EnvVarNameRule = 'relaxed'): boolean {
  return (rule === 'strict' ? STRICT_ENV_VAR_NAME : RELAXED_ENV_VAR_NAME).test(name);
}

class ConfigError extends Error {}

export function buildContainerEnv(input: ContainerEnvInput): ContainerEnvResult {
  try {
    return buildOrThrow(input);
  } catch (error) {
    if (error instanceof ConfigError) {
      return { ok: false, reason: 'CreateContainerConfigError', message: error.message };
    }
    throw error;
  }
}

function buildOrThrow(input: ContainerEnvInput): ContainerEnvResult {
  const { pod, container } = input;
  const namespace = namespaceOf(pod.metadata);
  const serviceEnv = new Map(
    serviceEnvVars({
      services: input.services,
      namespace,
      enableServiceLinks: pod.spec.enableServiceLinks,
      containerCreatedAt: input.containerCreatedAt,
    }).map((v) => [v.name, v.value]),
  );
  const sources = new SourceCache(namespace, input.getConfigMap, input.getSecret);
  const tmpEnv = new Map<string, string>();
  const warnings: string[] = [];

  for (const envFrom of container.envFrom ?? []) {
    const warning = addEnvFrom(envFrom, sources, tmpEnv, input.envVarNames ?? 'relaxed');
    if (warning) warnings.push(warning);
  }

  const lookup = lookupIn(tmpEnv, serviceEnv);
  for (const envVar of container.env ?? []) {
    const value = resolveEnvVar(envVar, input, sources, lookup);
    if (value === undefined) continue; // an optional reference to nothing: leave the variable alone
    tmpEnv.set(envVar.name, value);
  }

  const env: EnvVarValue[] = [...tmpEnv].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) {
    if (!tmpEnv.has(name)) env.push({ name, value });
  }
  return { ok: true, env, warnings };
}

/** Adds one `envFrom` source's keys; returns the InvalidEnvironmentVariableNames message, if any. */
function addEnvFrom(
  envFrom: EnvFromSource,
  sources: SourceCache,
  tmpEnv: Map<string, string>,
  rule: EnvVarNameRule,
): string | undefined {
  let kind: 'configMap' | 'secret';
  let name: string;
  let data: Map<string, string> | undefined;
  if (envFrom.configMapRef) {
    kind = 'configMap';
    name = envFrom.configMapRef.name;
    data = sources.configMap(name, envFrom.configMapRef.optional === true);
  } else if (envFrom.secretRef) {
    kind = 'secret';
    name = envFrom.secretRef.name;
    data = sources.secret(name, envFrom.secretRef.optional === true);
  } else {
    return undefined;
  }
  if (data === undefined) return undefined; // optional and missing

  const invalidKeys: string[] = [];
  for (const [key, value] of data) {
    const prefixed = (envFrom.prefix ?? '') + key;
    if (!isValidEnvVarName(prefixed, rule)) {
      invalidKeys.push(prefixed);
      continue;
    }
    tmpEnv.set(prefixed, value);
  }
  if (invalidKeys.length === 0) return undefined;
  return (
    `Keys [${invalidKeys.sort(compareStrings).join(', ')}] from the EnvFrom ${kind} ${sources.namespace}/${name} ` +
    'were skipped since they are considered invalid environment variable names.'
  );
}

/** One `env` entry's value; undefined when an optional reference finds nothing. */
function resolveEnvVar(
  envVar: EnvVar,
  input: ContainerEnvInput,
  sources: SourceCache,
  lookup: ReturnType<typeof lookupIn>,
): string | undefined {
  if (envVar.value) return expand(envVar.value, lookup);
  const from = envVar.valueFrom;
  if (!from) return '';
  if (from.fieldRef) {
    return orThrow(fieldRefValue(from.fieldRef, { pod: input.pod, ...input.runtime }));
  }
  if (from.resourceFieldRef) {
    return orThrow(resourceFieldRefValue(from.resourceFieldRef, input.container, input.pod, input.nodeAllocatable));
  }
  const keyRef = from.configMapKeyRef ?? from.secretKeyRef;
  if (!keyRef) return '';
  const isConfigMap = from.configMapKeyRef !== undefined;
  const optional = keyRef.optional === true;
  const data = isConfigMap ? sources.configMap(keyRef.name, optional) : sources.secret(keyRef.name, optional);
  if (data === undefined) return undefined;
  const value = data.get(keyRef.key);
  if (value !== undefined) return value;
  if (optional) return undefined;
  const kind = isConfigMap ? 'ConfigMap' : 'Secret';
  throw new ConfigError(`couldn't find key ${keyRef.key} in ${kind} ${sources.namespace}/${keyRef.name}`);
}

function orThrow(result: { ok: true; value: string } | { ok: false; message: string }): string {
  if (!result.ok) throw new ConfigError(result.message);
  return result.value;
}

/**
 * Fetches each ConfigMap and Secret once per container, as the kubelet's local maps do, and
 * turns it into key → string. A missing object is the kubelet's NotFound error
 * (`configmap "x" not found`) unless the reference is optional.
 */
class SourceCache {
  private readonly configMaps = new Map<string, Map<string, string>>();
  private readonly secrets = new Map<string, Map<string, string>>();

  constructor(
    readonly namespace: string,
    private readonly getConfigMap: ContainerEnvInput['getConfigMap'],
    private readonly getSecret: ContainerEnvInput['getSecret'],
  ) {}

  configMap(name: string, optional: boolean): Map<string, string> | undefined {
    const cached = this.configMaps.get(name);
    if (cached) return cached;
    const found = this.getConfigMap(this.namespace, name);
    if (!found) {
      if (optional) return undefined;
      throw new ConfigError(`configmap "${name}" not found`);
    }
    // Only `data`: the kubelet never puts `binaryData` into the environment.
    const data = sortedEntries(found.data ?? {});
    this.configMaps.set(name, data);
    return data;
  }

  secret(name: string, optional: boolean): Map<string, string> | undefined {
    const cached = this.secrets.get(name);
    if (cached) return cached;
    const found = this.getSecret(this.namespace, name);
    if (!found) {
      if (optional) return undefined;
      throw new ConfigError(`secret "${name}" not found`);
    }
    const data = sortedEntries(found.data ?? {}, decodeBase64);
    this.secrets.set(name, data);
    return data;
  }
}

/** Secret values are base64; the kubelet passes the bytes, Berth decodes them as UTF-8. */
function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** Keys in byte order, as the API server serialises a map (and as `kubectl get -o yaml` shows). */
function sortedEntries(record: Record<string, string>, map: (v: string) => string = (v) => v): Map<string, string> {
  const keys = Object.keys(record).sort(compareStrings);
  return new Map(keys.map((key) => [key, map(record[key] ?? '')]));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `ExpandContainerCommandAndArgs`: `$(VAR)` in command and args against the final
 * environment (the last definition of a name wins). An empty list stays unset, so the
 * image's entrypoint or cmd applies.
 */
export function expandCommandAndArgs(
  container: Pick<Container, 'command' | 'args'>,
  env: readonly EnvVarValue[],
): { command?: string[]; args?: string[] } {
  const vars = new Map(env.map((v) => [v.name, v.value]));
  const lookup = lookupIn(vars);
  const result: { command?: string[]; args?: string[] } = {};
  if (container.command?.length) result.command = container.command.map((c) => expand(c, lookup));
  if (container.args?.length) result.args = container.args.map((a) => expand(a, lookup));
  return result;
}
