// The Node table: printNode in pkg/printers/internalversion/printers.go.
import { AGE_COLUMN, column, list, NAME_COLUMN, obj, since, str } from './columns';
import { DESCRIPTIONS } from './descriptions';
import type { TablePrinter } from './types';

const D = DESCRIPTIONS.node;
const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Ready / NotReady from the Ready condition (Unknown without one), then SchedulingDisabled. */
function nodeStatus(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const ready = list(status.conditions).map(obj).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (spec.unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> keys and the kubernetes.io/role value, sorted. */
function roles(labels: Record<string, string> | undefined): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) found.add(key.slice(ROLE_PREFIX.length));
    else if (key === 'kubernetes.io/role' && value !== '') found.add(value);
  }
  return found.size ? [...found].sort().join(',') : '<none>';
}

function address(status: Record<string, unknown>, type: string): string {
  const found = list(status.addresses).map(obj).find((a) => a.type === type);
  return found ? str(found.address) : '<none>';
}

const orUnknown = (v: unknown) => str(v) || '<unknown>';

export const nodePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', D.status),
    column('Roles', 'string', D.roles),
    AGE_COLUMN,
    column('Version', 'string', D.kubeletVersion),
    column('Internal-IP', 'string', D.addresses, 1),
    column('External-IP', 'string', D.addresses, 1),
    column('OS-Image', 'string', D.osImage, 1),
    column('Kernel-Version', 'string', D.kernelVersion, 1),
    column('Container-Runtime', 'string', D.containerRuntimeVersion, 1),
  ],
  row(node, now) {
    const spec = obj(node.spec);
    const status = obj(node.status);
    const info = obj(status.nodeInfo);
    return {
      cells: [
        str(node.metadata?.name),
        nodeStatus(spec, status),
        roles(node.metadata?.labels),
        since(node.metadata?.creationTimestamp, now),
        str(info.kubeletVersion),
        address(status, 'InternalIP'),
        address(status, 'ExternalIP'),
        orUnknown(info.osImage),
        orUnknown(info.kernelVersion),
        orUnknown(info.containerRuntimeVersion),
      ],
    };
  },
};
