// Which fields each kind can be selected by, and their values on an object, as the API server
// has them: the field label conversion funcs (pkg/apis/core/v1/conversion.go, the default
// runtime.DefaultMetaV1FieldSelectorConversion) and each registry's ToSelectableFields
// (pkg/registry/core/{pod,event,secret,namespace,node,service}/strategy.go). Inputs are
// Kubernetes-shaped objects (plain JSON).
import { type FieldSelector, parseFieldSelector } from './fields';
import type { Parsed } from './result';

/** The little of an object the field sets read. */
export interface SelectableObject {
  metadata?: { name?: string; namespace?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

type Fields = Record<string, string>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const sub = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** generic.ObjectMetaFieldsSet: the namespace only for namespaced kinds. */
function metaFields(o: SelectableObject, namespaced: boolean): Fields {
  const meta = sub(o.metadata);
  return namespaced ? { 'metadata.name': str(meta.name), 'metadata.namespace': str(meta.namespace) } : { 'metadata.name': str(meta.name) };
}

interface KindFields {
  /** The labels the conversion func accepts, and what it renames (`spec.host` for old clients). */
  labels: readonly string[];
  renames?: Readonly<Record<string, string>>;
  fields: (o: SelectableObject) => Fields;
}

function podFields(o: SelectableObject): Fields {
  const spec = sub(o.spec);
  const status = sub(o.status);
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
  return {
    ...metaFields(o, true),
    'spec.nodeName': str(spec.nodeName),
    'spec.restartPolicy': str(spec.restartPolicy),
    'spec.schedulerName': str(spec.schedulerName),
    'spec.serviceAccountName': str(spec.serviceAccountName),
    'spec.hostNetwork': String(spec.hostNetwork === true),
    'status.phase': str(status.phase),
    // The first of podIPs. `status.podIPs` is an accepted label the registry never fills in,
    // so it compares with "" on a cluster too.
    'status.podIP': str(sub(podIPs[0]).ip) || str(status.podIP),
    'status.nominatedNodeName': str(status.nominatedNodeName),
  };
}

function eventFields(o: SelectableObject): Fields {
  const involved = sub(o.involvedObject);
  const source = str(sub(o.source).component) || str(o.reportingComponent);
  return {
    ...metaFields(o, true),
    'involvedObject.kind': str(involved.kind),
    'involvedObject.namespace': str(involved.namespace),
    'involvedObject.name': str(involved.name),
    'involvedObject.uid': str(involved.uid),
    'involvedObject.apiVersion': str(involved.apiVersion),
    'involvedObject.resourceVersion': str(involved.resourceVersion),
    'involvedObject.fieldPath': str(involved.fieldPath),
    reason: str(o.reason),
    // core/v1 names the events.k8s.io reportingController field reportingComponent.
    reportingComponent: str(o.reportingComponent),
    source,
    type: str(o.type),
  };
}

const KINDS: Readonly<Record<string, KindFields>> = {
  Pod: {
    labels: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ],
    renames: { 'spec.host': 'spec.nodeName' },
    fields: podFields,
  },
  Event: {
    labels: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
      'metadata.namespace',
      'metadata.name',
    ],
    fields: eventFields,
  },
  Secret: {
    labels: ['type', 'metadata.namespace', 'metadata.name'],
    fields: (o) => ({ ...metaFields(o, true), type: str(o.type) }),
  },
  Namespace: {
    labels: ['status.phase', 'metadata.name'],
    fields: (o) => ({ ...metaFields(o, false), 'status.phase': str(sub(o.status).phase) }),
  },
  Node: {
    labels: ['metadata.name', 'spec.unschedulable'],
    fields: (o) => ({ ...metaFields(o, false), 'spec.unschedulable': String(sub(o.spec).unschedulable === true) }),
  },
  Service: {
    labels: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
    fields: (o) => ({ ...metaFields(o, true), 'spec.clusterIP': str(sub(o.spec).clusterIP), 'spec.type': str(sub(o.spec).type) }),
  },
};

const DEFAULT_LABELS = ['metadata.name', 'metadata.namespace'];

/** The field labels a kind supports (every kind without its own list has name and namespace). */
export function supportedFieldLabels(kind: string): readonly string[] {
  return (Object.hasOwn(KINDS, kind) ? KINDS[kind]!.labels : undefined) ?? DEFAULT_LABELS;
}

/** ConvertFieldLabel: the label the registry matches on, or the API server's refusal. */
export function convertFieldLabel(kind: string, label: string): Parsed<string> {
  const info = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
  if (!info) {
    if (DEFAULT_LABELS.includes(label)) return { ok: true, value: label };
    return { ok: false, message: `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"` };
  }
  const renamed = info.renames?.[label];
  if (renamed) return { ok: true, value: renamed };
  if (info.labels.includes(label)) return { ok: true, value: label };
  return { ok: false, message: `field label not supported: ${label}` };
}

/**
 * A field selector for a kind, parsed and converted as the list handler does before the
 * registry sees it; the door answers a failure with 400 BadRequest and this message.
 */
export function parseFieldSelectorFor(kind: string, selector: string): Parsed<FieldSelector> {
  const parsed = parseFieldSelector(selector);
  if (!parsed.ok) return parsed;
  const terms = [];
  for (const term of parsed.value) {
    const label = convertFieldLabel(kind, term.field);
    if (!label.ok) return label;
    terms.push({ ...term, field: label.value });
  }
  return { ok: true, value: terms };
}

/** The object's selectable fields (the registry's ToSelectableFields / GetAttrs). */
export function selectableFields(kind: string, object: SelectableObject, namespaced = true): Readonly<Fields> {
  const info = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
  return info ? info.fields(object) : metaFields(object, namespaced);
}
