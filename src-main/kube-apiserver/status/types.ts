// metav1.Status as the API server writes it for a failed request (k8s.io/apimachinery/pkg/apis/
// meta/v1/types.go). Key order and omitted fields follow its JSON encoding.
import type { FieldErrorType } from '../../kube/field-errors';

export type StatusReason =
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** StatusCause: `reason` is the field error's type (CauseType). */
export interface StatusCause {
  reason?: FieldErrorType | string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  /** The resource (`pods`) for most reasons; the kind (`Pod`) for Invalid. */
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  /** The HTTP status code the response carries. */
  code: number;
}

/** A resource, as schema.GroupResource: `pods`, or `runtimeclasses` in `node.k8s.io`. */
export interface GroupResource {
  group?: string;
  resource: string;
}

/** A kind, as schema.GroupKind: `Pod`, or `RuntimeClass` in `node.k8s.io`. */
export interface GroupKind {
  group?: string;
  kind: string;
}
