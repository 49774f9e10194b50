// The core's ApiError as the Status the API server would answer for the same failure, so kubectl
// prints `Error from server (NotFound): pods "x" not found` and the like. Pure.
import { ApiError } from '../../api/errors';
import { statuses, statusFromReport, type Status } from '../status';

export interface RequestedObject {
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
  readonly name?: string | undefined;
}

export function statusOfError(error: unknown, about: RequestedObject): Status {
  if (!(error instanceof ApiError)) return statuses.internalError(error instanceof Error ? error.message : String(error));
  const name = about.name ?? '';
  const resource = { group: about.group, resource: about.resource };
  switch (error.code) {
    case 'NotFound':
      return statuses.notFound(resource, name);
    case 'AlreadyExists':
      return statuses.alreadyExists(resource, name);
    case 'Conflict':
      return statuses.conflict(resource, name, error.message);
    case 'BadRequest':
      return statuses.badRequest(error.message);
    case 'Invalid':
      return statusFromReport({ kind: about.kind, group: about.group, name }, error.diagnostics ?? []) ?? statuses.badRequest(error.message);
    case 'PodSecurityViolation':
      // The core's message is already the admission plugin's: `pods "x" is forbidden: violates PodSecurity …`.
      return statuses.forbidden(resource, name, error.message.replace(/^pods "[^"]*" is forbidden: /, ''));
    case 'EngineUnavailable':
    case 'NotConnected':
      return statuses.serviceUnavailable(error.message);
    case 'Internal':
      return statuses.internalError(error.message);
  }
}
