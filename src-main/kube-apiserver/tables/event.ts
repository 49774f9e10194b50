// The Event table: printEvent in pkg/printers/internalversion/printers.go. LAST SEEN falls back
// to the first time (and that to eventTime), a series gives the last time and count, and a
// singleton event without a count counts 1.
import { column, NAME_COLUMN, num, obj, since, str } from './columns';
import { DESCRIPTIONS } from './descriptions';
import type { TablePrinter } from './types';

const D = DESCRIPTIONS.event;

/** formatEventSource: component (or reportingComponent), then ", host" (or the instance) when set. */
function eventSource(event: Record<string, unknown>): string {
  const source = obj(event.source);
  const component = str(source.component) || str(event.reportingComponent);
  const instance = str(source.host) || str(event.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'string', D.lastTimestamp),
    column('Type', 'string', D.type),
    column('Reason', 'string', D.reason),
    column('Object', 'string', D.involvedObject),
    column('Subobject', 'string', D.fieldPath, 1),
    column('Source', 'string', D.source, 1),
    column('Message', 'string', D.message),
    column('First Seen', 'string', D.firstTimestamp, 1),
    column('Count', 'string', D.count, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row(event, now) {
    const e = event as Record<string, unknown>;
    const firstSeen = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
    let lastSeen = e.lastTimestamp ? since(e.lastTimestamp, now) : firstSeen;
    const series = e.series ? obj(e.series) : null;
    let count = num(e.count);
    if (series) {
      lastSeen = since(series.lastObservedTime, now);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const involved = obj(e.involvedObject);
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
    return {
      cells: [
        lastSeen,
        str(e.type),
        str(e.reason),
        target,
        str(involved.fieldPath),
        eventSource(e),
        str(e.message).trim(),
        firstSeen,
        count,
        str(event.metadata?.name),
      ],
    };
  },
};
