import { importManifests } from '../../kube';
import { ApiError } from '../../api/errors';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { readManifestSource } from '../source';
import { plural, printDiagnostics } from './validate';

/** `berth apply -f FILE`: all objects of the file are stored, or none. */
export async function applyCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('apply', ctx.options, ['filename']);
  const { fileName, bytes } = await readManifestSource(ctx);
  // Check locally first: a broken file needs no controller to be told so.
  const local = importManifests(bytes, fileName);
  if (!local.ok) {
    printDiagnostics(ctx.io, local.warnings);
    printDiagnostics(ctx.io, local.errors);
    ctx.io.stderr(`${fileName}: nothing applied, ${plural(local.errors.length, 'error')}\n`);
    return 1;
  }
  try {
    const result = await ctx.withApi((api) => api.apply({ fileName, text: bytes.toString('utf8') }));
    printDiagnostics(ctx.io, result.warnings);
    for (const object of result.applied) ctx.io.stdout(`${object.kind.toLowerCase()}/${object.name} ${object.action}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.diagnostics) {
      printDiagnostics(ctx.io, error.diagnostics);
      ctx.io.stderr(`${fileName}: nothing applied\n`);
      return 1;
    }
    throw error;
  }
}
