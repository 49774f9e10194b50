// Kubernetes Status objects for the API door's errors (errors.go), and the importer's report
// converted to them. Pure.
export { OPTIMISTIC_LOCK_MESSAGE, qualifiedKind, qualifiedResource, statuses } from './status';
export { podSecurityStatus, statusFromReport, strictDecodingStatus, unknownFields, unknownFieldWarnings, type ObjectRef } from './from-import';
export type { GroupKind, GroupResource, Status, StatusCause, StatusDetails, StatusReason } from './types';
export { aggregate, errorBody, errorString, fieldErrors, type FieldError, type FieldErrorType } from '../../kube/field-errors';
