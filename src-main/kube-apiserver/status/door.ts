// The door's own failures, before any resource handler runs: unauthenticated, unknown path, verb
// not allowed, body too large, not served yet. The generic server responses keep `details: {}`,
// as the API server writes them (NewGenericServerResponse), which the errors.go ones omit.
import type { Status } from './types';

function doorFailure(code: number, reason: Status['reason'], message: string, details?: Record<string, never>): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** What the authentication filter answers (apierrors.NewUnauthorized("Unauthorized")). */
export const unauthorized = (): Status => doorFailure(401, 'Unauthorized', 'Unauthorized');

/** What the apiserver answers for a path it does not serve (NewGenericServerResponse 404). */
export const pathNotFound = (): Status => doorFailure(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = (): Status => doorFailure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

/** The apiserver's limit message (k8s.io/apiserver/pkg/endpoints/handlers/rest.go limitedReadBody). */
export const entityTooLarge = (limit: number): Status => doorFailure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

/** A served resource whose handler is not wired yet: says so instead of pretending it is empty. */
export const notServedYet = (verb: string, resource: string): Status =>
  doorFailure(405, 'MethodNotAllowed', `Berth does not serve ${verb} on ${resource} yet`, {});
