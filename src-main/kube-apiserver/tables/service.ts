// The Service table: printService in pkg/printers/internalversion/printers.go (the server prints
// wide, so load-balancer addresses are never clipped).
import { AGE_COLUMN, column, formatLabels, list, NAME_COLUMN, num, obj, since, str } from './columns';
import { DESCRIPTIONS } from './descriptions';
import type { TablePrinter } from './types';

const D = DESCRIPTIONS.service;

/** getServiceExternalIP for each service type. */
function externalIP(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const external = list(spec.externalIPs).map(str);
  switch (str(spec.type) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = list(obj(status.loadBalancer).ingress).map(obj);
      const lb = [...new Set(ingress.map((i) => str(i.ip) || str(i.hostname)).filter(Boolean))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `80:30080/TCP` with a node port. */
function ports(spec: Record<string, unknown>): string {
  const pieces = list(spec.ports).map((p) => {
    const port = obj(p);
    const protocol = str(port.protocol) || 'TCP';
    return num(port.nodePort) > 0 ? `${num(port.port)}:${num(port.nodePort)}/${protocol}` : `${num(port.port)}/${protocol}`;
  });
  return pieces.length ? pieces.join(',') : '<none>';
}

export const servicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', D.type),
    column('Cluster-IP', 'string', D.clusterIP),
    column('External-IP', 'string', D.externalIPs),
    column('Port(s)', 'string', D.ports),
    AGE_COLUMN,
    column('Selector', 'string', D.selector, 1),
  ],
  row(service, now) {
    const spec = obj(service.spec);
    const clusterIP = str(list(spec.clusterIPs)[0]) || str(spec.clusterIP) || '<none>';
    return {
      cells: [
        str(service.metadata?.name),
        str(spec.type),
        clusterIP,
        externalIP(spec, obj(service.status)),
        ports(spec),
        since(service.metadata?.creationTimestamp, now),
        formatLabels(spec.selector),
      ],
    };
  },
};
