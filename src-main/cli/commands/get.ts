import { humanDuration, restartsColumn } from '../../../src-shared/human-duration';
import type { PodSummary } from '../../api/results';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { asList, parseOutputFormat, serialize, UsageError } from '../format/output';
import { formatTable } from '../format/table';
import { namespaceOf } from '../../kube/defaults';

const POD_WORDS = new Set(['pod', 'pods', 'po']);

export function podTable(pods: PodSummary[], now: number, options: { allNamespaces: boolean; wide: boolean }): string {
  const headers = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (options.allNamespaces) headers.unshift('NAMESPACE');
  if (options.wide) headers.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES', 'ENGINE');
  const rows = pods.map((pod) => {
    const row = [pod.name, pod.ready, pod.status, restartsColumn(pod.restarts, pod.lastRestartAt, now), humanDuration(now - pod.createdAt)];
    if (options.allNamespaces) row.unshift(pod.namespace);
    if (options.wide) row.push(pod.podIP ?? '<none>', pod.node ?? '<none>', '<none>', '<none>', pod.engine ?? '<none>');
    return row;
  });
  return formatTable(headers, rows);
}

/** `berth get pods [NAME] [-n NS | -A] [-o json|yaml|wide]`. */
export async function getCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('get', ctx.options, ['namespace', 'allNamespaces', 'output']);
  const [resource, name, ...extra] = ctx.words;
  if (!resource) throw new UsageError('you must specify the type of resource to get: berth get pods');
  if (!POD_WORDS.has(resource)) throw new UsageError(`berth get supports pods; "${resource}" is not a resource type Berth lists`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (name && ctx.options.allNamespaces) throw new UsageError('a resource cannot be retrieved by name across all namespaces');
  const format = parseOutputFormat(ctx.options.output, ['table', 'wide', 'json', 'yaml']);
  const namespace = namespaceOf(ctx.options);

  return ctx.withApi(async (api) => {
    if (name) {
      const pod = await api.getPod({ namespace, name });
      if (format === 'json' || format === 'yaml') ctx.io.stdout(serialize(pod, format));
      else {
        const summary = (await api.listPods({ namespace })).find((p) => p.name === name);
        if (summary) ctx.io.stdout(podTable([summary], ctx.io.now(), { allNamespaces: false, wide: format === 'wide' }));
      }
      return 0;
    }
    const pods = await api.listPods(ctx.options.allNamespaces ? {} : { namespace });
    if (format === 'json' || format === 'yaml') {
      const objects = await Promise.all(pods.map((p) => api.getPod({ namespace: p.namespace, name: p.name })));
      ctx.io.stdout(serialize(asList(objects), format));
      return 0;
    }
    if (pods.length === 0) {
      ctx.io.stderr(ctx.options.allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
      return 0;
    }
    ctx.io.stdout(podTable(pods, ctx.io.now(), { allNamespaces: ctx.options.allNamespaces, wide: format === 'wide' }));
    return 0;
  });
}
