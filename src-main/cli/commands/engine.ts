import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { parseOutputFormat, serialize, UsageError } from '../format/output';

/** `berth engine [-o json|yaml]`: which engine Berth uses, its version and socket — or why none. */
export async function engineCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('engine', ctx.options, ['output']);
  if (ctx.words.length) throw new UsageError(`unexpected arguments: ${ctx.words.join(' ')}`);
  const format = parseOutputFormat(ctx.options.output, ['table', 'json', 'yaml']);
  const status = await ctx.withApi((api) => api.engineStatus({}));
  if (format === 'json' || format === 'yaml') {
    ctx.io.stdout(serialize(status, format));
    return status.connected ? 0 : 1;
  }
  if (!status.connected) {
    ctx.io.stderr(`No container engine reachable${status.kind ? ` (${status.kind})` : ''}.\n${status.error ?? ''}\n`);
    if (status.hint) ctx.io.stderr(`${status.hint}\n`);
    return 1;
  }
  const lines = [
    ['Engine:', `${status.kind === 'podman' ? 'Podman' : 'Docker'} ${status.version ?? ''}`],
    ['API version:', status.apiVersion ?? ''],
    ['Socket:', status.socket ?? ''],
    ['OS/Arch:', `${status.os ?? '?'}/${status.arch ?? '?'}`],
    ['Runtimes:', status.runtimes.join(', ') || '<none reported>'],
  ];
  ctx.io.stdout(lines.map(([label, value]) => `${label!.padEnd(13)}${value}`).join('\n') + '\n');
  return 0;
}
