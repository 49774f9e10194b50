import type { BerthApi } from '../../api/contract';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { describePod } from '../format/describe';
import { UsageError } from '../format/output';
import { namespaceOf } from '../../kube/defaults';

const POD_WORDS = new Set(['pod', 'pods', 'po']);

/** `berth describe pod NAME [-n NS]`: kubectl's describe, with each hook's last run. */
export async function describeCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('describe', ctx.options, ['namespace']);
  const [resource, name, ...extra] = ctx.words;
  if (!resource || !POD_WORDS.has(resource) || !name) throw new UsageError('usage: berth describe pod NAME [-n NAMESPACE]');
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const namespace = namespaceOf(ctx.options);
  const text = await ctx.withApi((api) => describePodVia(api, namespace, name, ctx.io.now()));
  ctx.io.stdout(text);
  return 0;
}

/** The describe text of one pod, read through the API (also what the tests check). */
export async function describePodVia(api: BerthApi, namespace: string, name: string, now: number): Promise<string> {
  const pod = await api.getPod({ namespace, name });
  const [events, hookRuns, stops] = await Promise.all([
    api.listEvents({ namespace, podUid: pod.metadata.uid }),
    api.listHookRuns({ namespace, name }),
    api.listContainerStops({ namespace, name }),
  ]);
  // Oldest first, as kubectl prints them.
  return describePod(pod, [...events].reverse(), hookRuns, stops, now);
}
