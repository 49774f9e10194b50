// The Pod Security verdict of each pod of an import, with every violation positioned at its
// field in the file, the way the importer positions its own problems.
import type { Diagnostic } from '../../model';
import type { ImportResult } from '../import';
import { formatPath } from '../path';
import { byPosition } from '../report';
import { checkPodSecurity, POD_SECURITY_POLICY, type PodSecurityVerdict } from './baseline';
import { namespaceOf } from '../defaults';

export interface PodSecurityFinding {
  /** The pod's index in `ImportResult.objects`. */
  index: number;
  namespace: string;
  name: string;
  verdict: PodSecurityVerdict;
  /** One per violation, at its field, in file order; `severity` as the caller asked. */
  diagnostics: Diagnostic[];
}

/** The pods of `result` that violate the baseline policy (none when the import failed). */
export function podSecurityFindings(result: ImportResult, file: string, severity: Diagnostic['severity']): PodSecurityFinding[] {
  const findings: PodSecurityFinding[] = [];
  result.objects.forEach((object, index) => {
    if (object.kind !== 'Pod') return;
    const verdict = checkPodSecurity(object);
    if (verdict.violations.length === 0) return;
    const diagnostics = verdict.violations.map(
      ({ control, detail, path }): Diagnostic => ({
        severity,
        file,
        ...result.locate(index, path),
        path: formatPath(path),
        message: `violates PodSecurity "${POD_SECURITY_POLICY}": ${control} (${detail})`,
        podSecurity: { pod: object.metadata.name, control, detail },
      }),
    );
    // The summary follows the controls; a reader wants the fields in file order.
    diagnostics.sort(byPosition);
    findings.push({ index, namespace: namespaceOf(object.metadata), name: object.metadata.name, verdict, diagnostics });
  });
  return findings;
}
