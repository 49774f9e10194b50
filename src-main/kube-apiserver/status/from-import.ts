// Berth's importer report as the API server's answer, so `kubectl apply` prints for Berth what
// it prints for a cluster: error diagnostics become an Invalid Status with one cause per field
// (paths are already Kubernetes' `spec.containers[0].image`), unknown fields a strict-decoding
// BadRequest or warnings, Pod Security findings the admission plugin's Forbidden.
import type { Diagnostic } from '../../model';
import { asFieldError } from '../../kube/report';
import { POD_SECURITY_POLICY, type PodSecurityVerdict } from '../../kube/security';
import { statuses } from './status';
import type { GroupKind, Status } from './types';

/** The object a request carried: its kind (and group) and name. */
export interface ObjectRef extends GroupKind {
  name: string;
}

/**
 * The Status for an object whose import found errors, or null when it found none. Errors without
 * a field (the object could not be read at all) make a BadRequest, as a body that does not decode.
 */
export function statusFromReport(object: ObjectRef, diagnostics: readonly Diagnostic[]): Status | null {
  const errors = diagnostics.filter((d) => d.severity === 'error' && !d.podSecurity);
  if (errors.length === 0) return null;
  const fieldErrors = errors.filter((d) => d.path !== '');
  if (fieldErrors.length === 0) return statuses.badRequest(errors.map((d) => d.message).join('; '));
  return statuses.invalid(object, object.name, fieldErrors.map(asFieldError));
}

const UNKNOWN_FIELD = /^unknown field "/;

/** The fields the import did not know, as full paths (`spec.containers[0].imagePullPolicyy`). */
export function unknownFields(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'warning' && UNKNOWN_FIELD.test(d.message)).map((d) => d.path);
}

/** fieldValidation=Warn: one `Warning: 299` text per unknown field, as the decoder words it. */
export function unknownFieldWarnings(diagnostics: readonly Diagnostic[]): string[] {
  return unknownFields(diagnostics).map((path) => `unknown field "${path}"`);
}

/**
 * fieldValidation=Strict: the decoder's refusal,
 * `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.x"`;
 * null when every field is known.
 */
export function strictDecodingStatus(kind: string, version: string, diagnostics: readonly Diagnostic[]): Status | null {
  const unknown = unknownFields(diagnostics);
  if (unknown.length === 0) return null;
  const list = unknown.map((path) => `unknown field "${path}"`).join(', ');
  return statuses.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${list}`);
}

/** The PodSecurity admission plugin's refusal: `pods "x" is forbidden: violates PodSecurity "baseline:latest": …`. */
export function podSecurityStatus(podName: string, verdict: PodSecurityVerdict): Status {
  return statuses.forbidden({ resource: 'pods' }, podName, `violates PodSecurity "${POD_SECURITY_POLICY}": ${verdict.summary}`);
}
