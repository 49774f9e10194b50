// Collects diagnostics for one file, positioning each at the YAML node its path names.
import type { Diagnostic } from '../model';
import { type FieldError, fieldErrors } from './field-errors';
import { formatPath, type Path } from './path';

export interface Position {
  line: number;
  column: number;
}

/** Where a path's node is in the file; `at: 'key'` prefers the key of a map entry. */
export type Locate = (path: Path, at: 'value' | 'key') => Position;

/** Diagnostics in file order (sort is stable: the same position keeps the order found). */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column;
}

/** Past this many, the rest of the file's diagnostics are summarised in one line. */
const MAX_DIAGNOSTICS = 500;

/** The diagnostics of one import, shared by every document of the file. */
export class DiagnosticSink {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** Paths that already have an error: a wrong-typed field is not "missing" as well. */
  readonly errorPaths = new Set<string>();
  private dropped = 0;

  constructor(readonly file: string) {}

  add(d: Omit<Diagnostic, 'file'>): void {
    const list = d.severity === 'error' ? this.errors : this.warnings;
    if (list.length >= MAX_DIAGNOSTICS) {
      this.dropped++;
      return;
    }
    list.push({ ...d, file: this.file });
  }

  /** Sorts by position and, when some were dropped, adds one error saying how many. */
  finish(): void {
    // Shape problems are found before semantic ones; a reader wants them in file order.
    this.errors.sort(byPosition);
    this.warnings.sort(byPosition);
    if (this.dropped === 0) return;
    const last = this.errors[this.errors.length - 1] ?? { line: 1, column: 1 };
    this.errors.push({
      severity: 'error',
      file: this.file,
      line: last.line,
      column: last.column,
      path: '',
      message: `too many problems; ${this.dropped} more not shown`,
    });
    this.dropped = 0;
  }
}

/** Reports problems of one object, whose paths are relative to `base` in its document. */
export class Reporter {
  constructor(
    private readonly sink: DiagnosticSink,
    private readonly locate: Locate,
    readonly base: Path = [],
  ) {}

  /** Where a field of this object is in the file (its value; the nearest present parent if absent). */
  position(path: Path): { line: number; column: number } {
    return this.locate([...this.base, ...path], 'value');
  }

  /** A reporter for a nested object (a `List` item), with paths prefixed by `prefix`. */
  nested(prefix: Path): Reporter {
    return new Reporter(this.sink, this.locate, [...this.base, ...prefix]);
  }

  error(path: Path, message: string, at: 'value' | 'key' = 'value'): void {
    this.report('error', path, message, at);
  }

  /** A missing field (or empty list), unless the field is there but already reported as wrong. */
  missing(path: Path, message: string = problems.required): void {
    if (!this.sink.errorPaths.has(formatPath([...this.base, ...path]))) this.error(path, message);
  }

  warn(path: Path, message: string, at: 'value' | 'key' = 'key'): void {
    this.report('warning', path, message, at);
  }

  private report(severity: Diagnostic['severity'], path: Path, message: string, at: 'value' | 'key'): void {
    const full = [...this.base, ...path];
    const { line, column } = this.locate(full, at);
    const printed = formatPath(full);
    if (severity === 'error') this.sink.errorPaths.add(printed);
    this.sink.add({ severity, line, column, path: printed, message });
  }
}

/** The problem messages Kubernetes uses, in one place so they read the same everywhere. */
export const problems = {
  required: 'required field is missing',
  invalid: (value: unknown, reason: string) => `invalid value ${JSON.stringify(value)}: ${reason}`,
  duplicate: (value: unknown) => `duplicate value ${JSON.stringify(value)}`,
  notSupported: (value: unknown, allowed: readonly string[]) =>
    `unsupported value ${JSON.stringify(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
};

/** `<json value>: <rest>` split after the value (a string value may itself hold ": "). */
function splitValue(text: string): [string | number | boolean | null, string] | null {
  for (let at = text.indexOf(': '); at !== -1; at = text.indexOf(': ', at + 1)) {
    try {
      const value: unknown = JSON.parse(text.slice(0, at));
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        return [value as string | number | boolean | null, text.slice(at + 2)];
      }
    } catch {
      // Not the end of the value yet.
    }
  }
  return null;
}

function wholeValue(text: string): string | number | boolean | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as string | number | boolean | null;
  } catch {
    // Not JSON: keep the text as it was written.
  }
  return text;
}

/**
 * An error diagnostic as the field.Error the API server would have built: the inverse of
 * `problems`, so the two change together. Berth's own sentences keep their words, typed as
 * Kubernetes types them ("may not"/"must not" Forbidden, "must specify"/"must be set" Required,
 * anything else Invalid without a value).
 */
export function asFieldError(d: Pick<Diagnostic, 'path' | 'message'>): FieldError {
  const { path, message } = d;
  if (message === problems.required) return fieldErrors.required(path);
  const invalid = message.startsWith('invalid value ') ? splitValue(message.slice('invalid value '.length)) : null;
  if (invalid) return fieldErrors.invalid(path, invalid[0], invalid[1]);
  const unsupported = message.startsWith('unsupported value ') ? splitValue(message.slice('unsupported value '.length)) : null;
  if (unsupported) return { ...fieldErrors.notSupported(path, unsupported[0], []), detail: unsupported[1] };
  if (message.startsWith('duplicate value ')) return fieldErrors.duplicate(path, wholeValue(message.slice('duplicate value '.length)));
  if (/^(may|must) not /.test(message)) return fieldErrors.forbidden(path, message);
  if (/^must (specify|be set|have at least)/.test(message)) return fieldErrors.required(path, message);
  return { type: 'FieldValueInvalid', field: path, detail: message };
}
