import { refuseOptions, parseGracePeriod } from '../args';
import type { CliContext, ExitCode } from '../context';
import { UsageError } from '../format/output';

const POD_WORDS = new Set(['pod', 'pods', 'po']);

/** `berth delete pod NAME... [-n NS] [--grace-period N]`. */
export async function deleteCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('delete', ctx.options, ['namespace', 'gracePeriod']);
  const [resource, ...names] = ctx.words;
  if (!resource || !POD_WORDS.has(resource)) throw new UsageError('usage: berth delete pod NAME [NAME...] [-n NAMESPACE] [--grace-period SECONDS]');
  if (names.length === 0) throw new UsageError('berth delete pod needs the name of the pod');
  const gracePeriodSeconds = parseGracePeriod(ctx.options.gracePeriod);
  const namespace = ctx.options.namespace ?? 'default';
  return ctx.withApi(async (api) => {
    let failed = 0;
    for (const name of names) {
      try {
        await api.deletePod({ namespace, name, ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }) });
        ctx.io.stdout(`pod "${name}" deleted\n`);
      } catch (error) {
        failed++;
        ctx.io.stderr(`Error: ${(error as Error).message}\n`);
      }
    }
    return failed ? 1 : 0;
  });
}
