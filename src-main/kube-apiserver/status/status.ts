// The API server's error Statuses, each as its constructor in k8s.io/apimachinery/pkg/api/errors/
// errors.go builds it (NotAcceptable and UnsupportedMediaType as endpoints/handlers/negotiation
// words them). The door writes the result as JSON with `code` as the HTTP status.
import { aggregate, errorBody, errorString, type FieldError } from '../../kube/field-errors';
import type { GroupKind, GroupResource, Status, StatusDetails, StatusReason } from './types';

/** GroupResource.String(): `pods`, `runtimeclasses.node.k8s.io`. */
export const qualifiedResource = (r: GroupResource) => (r.group ? `${r.resource}.${r.group}` : r.resource);
/** GroupKind.String(): `Pod`, `RuntimeClass.node.k8s.io`. */
export const qualifiedKind = (k: GroupKind) => (k.group ? `${k.kind}.${k.group}` : k.kind);

/** The fields of StatusDetails in their JSON order, empty ones left out (all are omitempty). */
function details(d: StatusDetails): StatusDetails | undefined {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes?.length) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return Object.keys(out).length ? out : undefined;
}

function failure(code: number, reason: StatusReason, message: string, d: StatusDetails = {}): Status {
  const shown = details(d);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(shown ? { details: shown } : {}),
    code,
  };
}

const about = (r: GroupResource, name?: string): StatusDetails => ({ group: r.group, kind: r.resource, name });

/** The storage layer's text for a stale resourceVersion (storage.OptimisticLockErrorMsg). */
export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export const statuses = {
  notFound: (r: GroupResource, name: string) => failure(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, about(r, name)),

  alreadyExists: (r: GroupResource, name: string) =>
    failure(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, about(r, name)),

  /** `Operation cannot be fulfilled on pods "x": <why>`. */
  conflict: (r: GroupResource, name: string, why: string = OPTIMISTIC_LOCK_MESSAGE) =>
    failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`, about(r, name)),

  /** A server-side apply conflict: the causes name the conflicting fields and managers. */
  applyConflict: (causes: { reason?: string; message: string; field?: string }[], message: string) =>
    failure(409, 'Conflict', message, { causes }),

  /** `Pod "x" is invalid: spec.containers[0].image: Required value`, one cause per field error. */
  invalid: (k: GroupKind, name: string, errors: readonly FieldError[]) => {
    const causes = errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
    const head = `${qualifiedKind(k)} "${name}" is invalid`;
    const message = errors.length ? `${head}: ${aggregate(errors.map(errorString))}` : head;
    return failure(422, 'Invalid', message, { group: k.group, kind: k.kind, name, causes });
  },

  /** `pods "x" is forbidden: <why>`; without a name `pods is forbidden: …`, without a resource `forbidden: …`. */
  forbidden: (r: GroupResource | null, name: string, why: string) => {
    const message = !r ? `forbidden: ${why}` : name ? `${qualifiedResource(r)} "${name}" is forbidden: ${why}` : `${qualifiedResource(r)} is forbidden: ${why}`;
    return failure(403, 'Forbidden', message, r ? about(r, name) : {});
  },

  badRequest: (message: string) => failure(400, 'BadRequest', message),

  /** `<action> is not supported on resources of kind "pods"`. */
  methodNotSupported: (r: GroupResource, action: string) =>
    failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(r)}"`, { group: r.group, kind: r.resource }),

  /** NewResourceExpired: 410 with reason Expired. */
  expired: (message: string) => failure(410, 'Expired', message),

  /** The watch cache's answer to a resourceVersion it no longer has: `too old resource version: X (Y)`. */
  tooOldResourceVersion: (requested: string | number, oldest: string | number) =>
    failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`),

  /** NewGone (deprecated in favour of Expired, still what some paths send). */
  gone: (message: string) => failure(410, 'Gone', message),

  unauthorized: (message = '') => failure(401, 'Unauthorized', message || 'not authorized'),

  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    failure(429, 'TooManyRequests', message, { retryAfterSeconds }),

  requestEntityTooLarge: (message: string) => failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`),

  unsupportedMediaType: (accepted: readonly string[]) =>
    failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`),

  notAcceptable: (accepted: readonly string[]) =>
    failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`),

  /** rest.defaultTableConvertor's refusal when an object cannot be a Table row. */
  notAcceptableAsTable: (r: GroupResource) =>
    failure(406, 'NotAcceptable', `the resource ${qualifiedResource(r)} does not support being converted to a Table`),

  internalError: (message: string) =>
    failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),

  serviceUnavailable: (message: string) => failure(503, 'ServiceUnavailable', message),
};
