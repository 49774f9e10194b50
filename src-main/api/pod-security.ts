// The Pod Security gate of apply: a pod that breaks the "baseline" policy is imported only when
// the user said so (`allowPrivileged`: the CLI's --allow-privileged, the app's confirmation).
import { byPosition, checkPodSecurity, podSecurityFindings, podSecurityRefusal, POD_SECURITY_POLICY } from '../kube';
import type { ImportResult, PodSecurityFinding } from '../kube';
import { ApiError } from './errors';
import type { PodRecord } from '../model';

/**
 * The pods of an import that need a confirmation: new ones that break the policy, and existing
 * ones whose violations would change (a pod's spec cannot change, but its annotations can). A
 * pod that was admitted before and is re-applied as it was needs none, as upstream exempts
 * updates that change nothing it checks.
 */
export function podsNeedingConfirmation(
  result: ImportResult,
  fileName: string,
  existing: (namespace: string, name: string) => PodRecord | undefined,
): PodSecurityFinding[] {
  return podSecurityFindings(result, fileName, 'error').filter((finding) => {
    const record = existing(finding.namespace, finding.name);
    return !record || checkPodSecurity(record.manifest).summary !== finding.verdict.summary;
  });
}

/** The refusal: every violation at its field, and the API server's message for each pod. */
export function podSecurityError(findings: PodSecurityFinding[]): ApiError {
  const message = findings.map((f) => podSecurityRefusal(f.name, f.verdict)).join('; ');
  return new ApiError('PodSecurityViolation', message, findings.flatMap((f) => f.diagnostics).sort(byPosition));
}

/** The message of the Warning event that keeps, in the pod's history, that it was admitted deliberately. */
export function admittedMessage(finding: PodSecurityFinding): string {
  return `Admitted on explicit confirmation (allow privileged), although it violates PodSecurity "${POD_SECURITY_POLICY}": ${finding.verdict.summary}`;
}

/** The violations of every pod of the import, as warnings (for validate, and for an allowed apply). */
export function podSecurityWarnings(result: ImportResult, fileName: string) {
  return podSecurityFindings(result, fileName, 'warning').flatMap((f) => f.diagnostics);
}
