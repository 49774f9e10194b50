// The Pod table: printPod in pkg/printers/internalversion/printers.go. READY, STATUS and RESTARTS
// come from the shared rule (kube/pod-columns.ts); RESTARTS reads "3 (5m ago)" as the server
// prints it; the wide columns are IP, NODE, NOMINATED NODE and READINESS GATES.
import { restartsColumn } from '../../../src-shared/human-duration';
import { podColumns, type PodSpecLike, type PodStatusLike } from '../../kube/pod-columns';
import { AGE_COLUMN, column, list, NAME_COLUMN, obj, orNone, since, str } from './columns';
import { DESCRIPTIONS } from './descriptions';
import type { TablePrinter, TableRowCondition } from './types';

const D = DESCRIPTIONS.pod;

// podSuccessConditions / podFailedConditions
const COMPLETED: Record<string, TableRowCondition[]> = {
  Succeeded: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
  Failed: [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
};

/** "true/total" of the readiness gates' conditions, or `<none>` without gates. */
function readinessGates(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const gates = list(spec.readinessGates).map((g) => str(obj(g).conditionType));
  if (gates.length === 0) return '<none>';
  const conditions = list(status.conditions).map(obj);
  const met = gates.filter((type) => conditions.find((c) => c.type === type)?.status === 'True').length;
  return `${met}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', D.ready),
    column('Status', 'string', D.status),
    column('Restarts', 'string', D.restarts),
    AGE_COLUMN,
    column('IP', 'string', D.podIP, 1),
    column('Node', 'string', D.nodeName, 1),
    column('Nominated Node', 'string', D.nominatedNodeName, 1),
    column('Readiness Gates', 'string', D.readinessGates, 1),
  ],
  row(pod, now) {
    const spec = obj(pod.spec);
    const status = obj(pod.status);
    const meta = pod.metadata ?? {};
    const deleting = typeof meta.deletionTimestamp === 'string' && meta.deletionTimestamp !== '';
    const columns = podColumns(spec as PodSpecLike, status as PodStatusLike, deleting);
    // The server reads podIPs; an object that only has the older podIP field is read through it.
    const ip = str(obj(list(status.podIPs)[0]).ip) || str(status.podIP);
    return {
      cells: [
        str(meta.name),
        columns.ready,
        columns.status,
        restartsColumn(columns.restarts, columns.lastRestartAt, now),
        since(meta.creationTimestamp, now),
        orNone(ip),
        orNone(spec.nodeName),
        orNone(status.nominatedNodeName),
        readinessGates(spec, status),
      ],
      ...(COMPLETED[str(status.phase)] ? { conditions: COMPLETED[str(status.phase)] } : {}),
    };
  },
};
