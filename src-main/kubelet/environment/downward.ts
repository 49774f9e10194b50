// The downward API for env vars: `fieldRef` (`podFieldSelectorRuntimeValue` in
// pkg/kubelet/kubelet_pods.go, `ExtractFieldPathAsString` in pkg/fieldpath) and
// `resourceFieldRef` (`containerResourceRuntimeValue`, `defaultPodLimitsForDownwardAPI`,
// `ExtractContainerResourceValue` in pkg/api/v1/resource/helpers.go).
import type { Container, ObjectFieldSelector, Pod, Quantity, ResourceFieldSelector } from '../../model';
import { goQuote } from '../../kube/go-format';
import { divideRoundingUp, isZero, parseQuantity, type ExactQuantity } from './quantity';
import { namespaceOf } from '../../kube/defaults';

/** What the kubelet knows about the pod beyond its spec. */
export interface PodRuntimeInfo {
  pod: Pick<Pod, 'metadata' | 'spec'>;
  /** The pod's IPs, primary first (`status.podIPs`); empty before the sandbox has one. */
  podIPs: readonly string[];
  /** The node's IPs, primary first (`status.hostIPs`). */
  hostIPs: readonly string[];
  /** The node the pod runs on when `spec.nodeName` does not say (Berth's scheduler decides it). */
  nodeName?: string;
}

export type DownwardResult = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): DownwardResult => ({ ok: true, value });
const fail = (message: string): DownwardResult => ({ ok: false, message });

/** The value of a `fieldRef`, or the kubelet's error for a path it does not support. */
export function fieldRefValue(selector: ObjectFieldSelector, info: PodRuntimeInfo): DownwardResult {
  // ConvertDownwardAPIFieldLabel: only v1, and `spec.host` is the old name of `spec.nodeName`.
  if (selector.apiVersion !== 'v1') return fail(`unsupported pod version: ${selector.apiVersion}`);
  const fieldPath = selector.fieldPath === 'spec.host' ? 'spec.nodeName' : selector.fieldPath;
  const { pod } = info;
  switch (fieldPath) {
    case 'spec.nodeName':
      return ok(pod.spec.nodeName || info.nodeName || '');
    case 'spec.serviceAccountName':
      // The ServiceAccount admission plugin sets `default` when the pod names none.
      return ok(pod.spec.serviceAccountName || 'default');
    case 'status.podIP':
      return ok(info.podIPs[0] ?? '');
    case 'status.podIPs':
      return ok(info.podIPs.join(','));
    case 'status.hostIP':
      return ok(info.hostIPs[0] ?? '');
    case 'status.hostIPs':
      return ok(info.hostIPs.join(','));
  }
  return extractFieldPathAsString(pod.metadata, fieldPath);
}

/** `ExtractFieldPathAsString`: the metadata fields, with `['key']` subscripts for maps. */
function extractFieldPathAsString(metadata: Pod['metadata'], fieldPath: string): DownwardResult {
  const subscripted = splitMaybeSubscriptedPath(fieldPath);
  if (subscripted) {
    const { path, subscript } = subscripted;
    switch (path) {
      case 'metadata.annotations':
        // Annotation keys are checked lower-cased, label keys as written (as upstream).
        if (!isQualifiedName(subscript.toLowerCase())) return fail(invalidSubscript(fieldPath));
        return ok(metadata.annotations?.[subscript] ?? '');
      case 'metadata.labels':
        if (!isQualifiedName(subscript)) return fail(invalidSubscript(fieldPath));
        return ok(metadata.labels?.[subscript] ?? '');
      default:
        return fail(`fieldPath "${fieldPath}" does not support subscript`);
    }
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return ok(formatMap(metadata.annotations));
    case 'metadata.labels':
      return ok(formatMap(metadata.labels));
    case 'metadata.name':
      return ok(metadata.name);
    case 'metadata.namespace':
      return ok(namespaceOf(metadata));
    case 'metadata.uid':
      return ok(metadata.uid ?? '');
  }
  return fail(`unsupported fieldPath: ${fieldPath}`);
}

function invalidSubscript(fieldPath: string): string {
  return `invalid key subscript in ${fieldPath}: must be a qualified name`;
}

/** `SplitMaybeSubscriptedPath`: `metadata.labels['app']` → (`metadata.labels`, `app`). */
export function splitMaybeSubscriptedPath(fieldPath: string): { path: string; subscript: string } | null {
  if (!fieldPath.endsWith("']")) return null;
  const trimmed = fieldPath.slice(0, -2);
  const open = trimmed.indexOf("['");
  if (open <= 0) return null;
  return { path: trimmed.slice(0, open), subscript: trimmed.slice(open + 2) };
}

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `IsQualifiedName`: `[prefix/]name`, name ≤ 63, prefix a DNS subdomain ≤ 253. */
function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** `FormatMap`: `key="value"` lines in key order, values quoted as Go's `%q`. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${goQuote(map?.[key] ?? '')}`)
    .join('\n');
}

// ---- resourceFieldRef ----

/** The node's allocatable resources (`cpu`, `memory`, `ephemeral-storage`). */
export type NodeAllocatable = Readonly<Record<string, Quantity>>;

/** Resources whose unset (or zero) limit defaults to the node's allocatable amount. */
const LIMITS_DEFAULTED_FROM_NODE = ['cpu', 'memory', 'ephemeral-storage'];
const ONE: ExactQuantity = { numerator: 1n, denominator: 1n };

/**
 * The value of a `resourceFieldRef`: ⌈amount / divisor⌉ as an integer string. A container
 * without a limit sees the node's allocatable amount (`defaultPodLimitsForDownwardAPI`);
 * an unset request is 0. `containerName` picks another of the pod's (regular) containers.
 */
export function resourceFieldRefValue(
  selector: ResourceFieldSelector,
  container: Container,
  pod: Pick<Pod, 'spec'>,
  nodeAllocatable: NodeAllocatable,
): DownwardResult {
  let target: Container | undefined = container;
  if (selector.containerName) {
    target = pod.spec.containers.find((c) => c.name === selector.containerName);
    if (!target) return fail(`container ${selector.containerName} not found`);
  }
  let divisor = ONE;
  if (selector.divisor !== undefined) {
    const parsed = parseQuantity(selector.divisor);
    if (parsed === null) return fail(`invalid divisor: ${String(selector.divisor)}`);
    // A zero divisor means "unset" (`divisor.Cmp(fs.Divisor) == 0`), which is 1.
    if (!isZero(parsed)) divisor = parsed;
  }

  const dot = selector.resource.indexOf('.');
  const kind = selector.resource.slice(0, dot);
  const resourceName = selector.resource.slice(dot + 1);
  const supported =
    (kind === 'limits' || kind === 'requests') &&
    (LIMITS_DEFAULTED_FROM_NODE.includes(resourceName) || resourceName.startsWith('hugepages-'));
  if (dot === -1 || !supported) return fail(`Unsupported container resource : ${selector.resource}`);

  const amount =
    kind === 'limits'
      ? effectiveLimit(target, resourceName, nodeAllocatable)
      : parseOrZero(target.resources?.requests?.[resourceName]);
  if (amount === null) return fail(`invalid quantity for ${selector.resource}`);
  return ok(divideRoundingUp(amount, divisor).toString());
}

/** `MergeContainerResourceLimits`: an absent or zero limit becomes the node's allocatable. */
function effectiveLimit(container: Container, resource: string, node: NodeAllocatable): ExactQuantity | null {
  const limit = parseOrZero(container.resources?.limits?.[resource]);
  if (limit === null || !isZero(limit) || !LIMITS_DEFAULTED_FROM_NODE.includes(resource)) return limit;
  const allocatable = node[resource];
  return allocatable === undefined ? limit : parseQuantity(allocatable);
}

function parseOrZero(value: Quantity | undefined): ExactQuantity | null {
  return value === undefined ? { numerator: 0n, denominator: 1n } : parseQuantity(value);
}
