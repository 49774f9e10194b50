// One diagnostic as one line, the way compilers print them: `file:line:col: path: message`.
import type { Diagnostic } from '../model';

export function formatDiagnostic(d: Diagnostic): string {
  const severity = d.severity === 'warning' ? 'warning: ' : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${d.file}:${d.line}:${d.column}: ${severity}${path}${d.message}`;
}
