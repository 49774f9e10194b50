import { importOffThread } from '../../kube/worker/off-thread';
import { byPosition, formatDiagnostic, podSecurityFindings, POD_SECURITY_POLICY } from '../../kube';
import type { Diagnostic } from '../../model';
import { refuseOptions } from '../args';
import type { CliContext, CliIo, ExitCode } from '../context';
import { readManifestSource } from '../source';

export function printDiagnostics(io: CliIo, diagnostics: Diagnostic[]): void {
  for (const diagnostic of diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * `berth validate -f FILE`: the importer's verdict, with Pod Security violations as warnings;
 * touches no controller and no database.
 */
export async function validateCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('validate', ctx.options, ['filename']);
  const { fileName, bytes } = await readManifestSource(ctx);
  const result = await importOffThread(bytes, fileName);
  const security = podSecurityFindings(result, fileName, 'warning');
  printDiagnostics(ctx.io, [...result.warnings, ...security.flatMap((f) => f.diagnostics)].sort(byPosition));
  if (!result.ok) {
    printDiagnostics(ctx.io, result.errors);
    ctx.io.stderr(`${fileName}: invalid, ${plural(result.errors.length, 'error')}\n`);
    return 1;
  }
  const names = result.objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`).join(', ');
  ctx.io.stdout(`${fileName}: valid (${names || 'no objects'})\n`);
  for (const { name, verdict } of security) {
    ctx.io.stderr(`pod/${name} violates PodSecurity "${POD_SECURITY_POLICY}": ${verdict.summary}; berth apply needs --allow-privileged to import it\n`);
  }
  return 0;
}
