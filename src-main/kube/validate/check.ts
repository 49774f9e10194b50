// Small checks shared by the validators, each reporting in the Kubernetes wording.
import type { Path } from '../path';
import { problems, type Reporter } from '../report';

/** Runs `fn` on the items that survived the shape check (wrong-typed items are holes). */
export function each<T>(list: readonly (T | undefined)[] | undefined, fn: (item: T, index: number) => void): void {
  list?.forEach((item, index) => {
    if (item !== undefined) fn(item, index);
  });
}

/** Reports every reason `format` gives; a missing value is an error only when required. */
export function checkFormat(
  r: Reporter,
  path: Path,
  value: string | undefined,
  format: (value: string) => string[],
  required: boolean,
): void {
  if (value === undefined || value === '') {
    if (required) r.missing(path);
    return;
  }
  for (const reason of format(value)) r.error(path, problems.invalid(value, reason));
}

export function checkEnum(r: Reporter, path: Path, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) r.error(path, problems.notSupported(value, allowed));
}

export function checkRange(r: Reporter, path: Path, value: number | undefined, min: number, max: number): void {
  if (value === undefined || (value >= min && value <= max)) return;
  r.error(path, problems.invalid(value, `must be between ${min} and ${max}, inclusive`));
}

export function checkMin(r: Reporter, path: Path, value: number | undefined, min: 0 | 1): void {
  if (value === undefined || value >= min) return;
  r.error(path, problems.invalid(value, min === 0 ? 'must be greater than or equal to 0' : 'must be greater than 0'));
}

/** A file mode: 0–0777 (YAML 1.1 reads `0644` as octal, as Kubernetes does). */
export function checkMode(r: Reporter, path: Path, value: number | undefined): void {
  if (value === undefined || (value >= 0 && value <= 0o777)) return;
  r.error(path, problems.invalid(value, 'must be a number between 0 and 0777 (octal), both inclusive'));
}

/** Reports the second and later occurrences of each key. */
export class Uniques {
  private readonly seen = new Set<string>();
  check(r: Reporter, path: Path, key: string | undefined, shown: unknown = key): void {
    if (key === undefined || key === '') return;
    if (this.seen.has(key)) r.error(path, problems.duplicate(shown));
    this.seen.add(key);
  }
}
