import type { HookRun } from '../../model';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { parseOutputFormat, serialize, UsageError } from '../format/output';
import { formatTable } from '../format/table';
import { namespaceOf } from '../../kube/defaults';
import { HOOK_RUN_OUTCOME_LABELS, hookRunOutcome } from '../../../src-shared/hook-outcome';


function result(run: HookRun): string {
  if (run.httpStatus !== null) return `HTTP ${run.httpStatus}`;
  if (run.exitCode !== null) return `exit ${run.exitCode}`;
  return '';
}

export function hookRunTable(runs: HookRun[]): string {
  const headers = ['CONTAINER', 'HOOK', 'HANDLER', 'ATTEMPT', 'STARTED', 'DURATION', 'OUTCOME', 'RESULT', 'ERROR'];
  const rows = runs.map((run) => [
    run.container,
    run.hook,
    run.handler,
    String(run.attempt),
    new Date(run.startedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    run.finishedAt === null ? '-' : `${((run.finishedAt - run.startedAt) / 1000).toFixed(3)}s`,
    HOOK_RUN_OUTCOME_LABELS[hookRunOutcome(run)],
    result(run),
    run.error ?? '',
  ]);
  return formatTable(headers, rows);
}

/** `berth hooks POD [-o json|yaml]`: every lifecycle hook run, with its output in json/yaml. */
export async function hooksCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('hooks', ctx.options, ['namespace', 'output']);
  const [name, ...extra] = ctx.words;
  if (!name) throw new UsageError('berth hooks needs the name of a pod');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const format = parseOutputFormat(ctx.options.output, ['table', 'json', 'yaml']);
  const runs = await ctx.withApi((api) => api.listHookRuns({ namespace: namespaceOf(ctx.options), name }));
  if (format === 'json' || format === 'yaml') {
    ctx.io.stdout(serialize(runs, format));
    return 0;
  }
  if (runs.length === 0) {
    ctx.io.stderr(`No hook runs for pod ${name}.\n`);
    return 0;
  }
  ctx.io.stdout(hookRunTable(runs));
  return 0;
}
