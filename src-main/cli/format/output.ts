// -o json|yaml in the Kubernetes object shape (a single object, or a v1 List of them).
import { stringify } from 'yaml';

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml';

export function parseOutputFormat(value: string | undefined, allowed: OutputFormat[]): OutputFormat {
  const format = (value ?? 'table') as OutputFormat;
  if (!allowed.includes(format)) {
    const choices = allowed.filter((f) => f !== 'table').join(', ');
    throw new UsageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${choices}`);
  }
  return format;
}

export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

export function serialize(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 4)}\n` : stringify(value, { lineWidth: 0 });
}

/** A mistake in how the command was called: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}
