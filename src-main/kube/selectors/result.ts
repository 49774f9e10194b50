// What the selector parsers return, and the two Go formats their error texts are built from:
// field.Error (`path: Invalid value: "x": detail`) and an aggregate of errors (`[a, b]`).

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Go's %q for the strings selectors hold (printable text; control characters escaped). */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** field.Invalid(path, value, detail).Error(); `shown` is the bad value already formatted. */
export function fieldError(path: string, shown: string, detail: string): string {
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets, repeats dropped. */
export function joinErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}
