// The door's own failures as the API server writes them (metav1.Status): unauthenticated,
// unknown path, verb not allowed, body too large, not served yet. Object-level errors (NotFound
// of a pod, Invalid with causes…) are the pure Status errors' job, not this file's.

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

export interface StatusFailure {
  readonly code: number;
  readonly body: StatusBody;
}

function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusFailure {
  return { code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code } };
}

/** What the authentication filter answers (apierrors.NewUnauthorized("Unauthorized")). */
export const unauthorized = (): StatusFailure => failure(401, 'Unauthorized', 'Unauthorized');

/** What the apiserver answers for a path it does not serve (NewGenericServerResponse 404). */
export const pathNotFound = (): StatusFailure => failure(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = (): StatusFailure => failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/** The apiserver's limit message (k8s.io/apiserver/pkg/endpoints/handlers/rest.go limitedReadBody). */
export const entityTooLarge = (limit: number): StatusFailure =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

/** A served resource whose handler is not wired yet: says so instead of pretending it is empty. */
export const notServedYet = (verb: string, resource: string): StatusFailure =>
  failure(501, 'NotImplemented', `Berth does not serve ${verb} on ${resource} yet`);

export const internalError = (message: string): StatusFailure => failure(500, 'InternalError', `Internal error occurred: ${message}`, {});
