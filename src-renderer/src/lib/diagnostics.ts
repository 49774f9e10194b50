// YAML diagnostics as the importer shows them: `file:line:col path: message`, plus which lines
// of the text to mark.
import type { Diagnostic } from '../../../src-main/model';

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  return d.path ? `${where} ${d.path}: ${d.message}` : `${where}: ${d.message}`;
}

/** Line number → the worst severity reported on it. */
export function markedLines(diagnostics: Diagnostic[]): Map<number, Diagnostic['severity']> {
  const lines = new Map<number, Diagnostic['severity']>();
  for (const d of diagnostics) {
    if (d.severity === 'error' || !lines.has(d.line)) lines.set(d.line, d.severity);
  }
  return lines;
}

/** The character offset where a 1-based line and column start in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(column - 1, 0), end);
}
