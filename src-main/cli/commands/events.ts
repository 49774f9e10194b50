import { eventAge } from '../../../src-shared/human-duration';
import type { BerthEvent } from '../../model';
import { refuseOptions } from '../args';
import type { CliContext, ExitCode } from '../context';
import { asList, parseOutputFormat, serialize, UsageError } from '../format/output';
import { formatTable } from '../format/table';
import { namespaceOf } from '../../kube/defaults';

/** A stored event in the core/v1 Event shape that `kubectl get events -o json` prints. */
export function toKubeEvent(event: BerthEvent): Record<string, unknown> {
  const object = event.involvedObject;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${object.name}.${event.id.toString(16).padStart(16, '0')}`, namespace: object.namespace },
    involvedObject: { apiVersion: 'v1', ...object },
    type: event.type,
    reason: event.reason,
    message: event.message,
    source: event.source,
    count: event.count,
    firstTimestamp: new Date(event.firstTimestamp).toISOString(),
    lastTimestamp: new Date(event.lastTimestamp).toISOString(),
    reportingComponent: event.source.component,
    reportingInstance: event.source.host ?? '',
  };
}

export function eventTable(events: BerthEvent[], now: number, allNamespaces: boolean): string {
  const headers = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (allNamespaces) headers.unshift('NAMESPACE');
  const rows = events.map((event) => {
    const object = event.involvedObject;
    const row = [eventAge(event, now), event.type, event.reason, `${object.kind.toLowerCase()}/${object.name}`, event.message];
    if (allNamespaces) row.unshift(object.namespace);
    return row;
  });
  return formatTable(headers, rows);
}

/** `berth events [--pod NAME] [-n NS | -A] [-o json|yaml]`: oldest first, as `kubectl events`. */
export async function eventsCommand(ctx: CliContext): Promise<ExitCode> {
  refuseOptions('events', ctx.options, ['namespace', 'allNamespaces', 'output', 'pod']);
  if (ctx.words.length) throw new UsageError(`unexpected arguments: ${ctx.words.join(' ')}`);
  const format = parseOutputFormat(ctx.options.output, ['table', 'json', 'yaml']);
  const namespace = ctx.options.allNamespaces ? undefined : namespaceOf(ctx.options);
  const query = { ...(namespace ? { namespace } : {}), ...(ctx.options.pod ? { podName: ctx.options.pod } : {}) };
  const newestFirst = await ctx.withApi((api) => api.listEvents(query));
  const events = [...newestFirst].reverse();
  if (format === 'json' || format === 'yaml') {
    ctx.io.stdout(serialize(asList(events.map(toKubeEvent)), format));
    return 0;
  }
  if (events.length === 0) {
    ctx.io.stderr(namespace ? `No events found in ${namespace} namespace.\n` : 'No events found.\n');
    return 0;
  }
  ctx.io.stdout(eventTable(events, ctx.io.now(), ctx.options.allNamespaces));
  return 0;
}
