// A list or a single object as the meta.k8s.io/v1 Table the API server answers with: the
// kind's printer (printers.go via pkg/printers/storage's TableConvertor, which always prints
// wide: the client hides priority-1 columns) and each row's object as includeObject asks
// (endpoints/handlers/response.go: Metadata, the default, gives PartialObjectMetadata).
import { eventPrinter } from './event';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { servicePrinter } from './service';
import { configMapPrinter, defaultPrinter, namespacePrinter, runtimeClassPrinter, secretPrinter } from './simple';
import type { KubeObjectLike, Table, TablePrinter, TableRow } from './types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** The server's clock (ms): AGE and LAST SEEN are computed against it. */
  now: number;
  includeObject?: IncludeObject;
  /** TableOptions.noHeaders: rows only (a watch after its first event). */
  noHeaders?: boolean;
  /** A printer for a resource this module does not know (Berth's own resources). */
  printer?: TablePrinter;
}

/** The list's metadata, or for a single object its resourceVersion. */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

const PRINTERS: Readonly<Record<string, TablePrinter>> = {
  pods: podPrinter,
  events: eventPrinter,
  services: servicePrinter,
  configmaps: configMapPrinter,
  secrets: secretPrinter,
  namespaces: namespacePrinter,
  nodes: nodePrinter,
  runtimeclasses: runtimeClassPrinter,
};

/** The printer for a resource (its plural, lower-case name); the default table otherwise. */
export function printerFor(resource: string): TablePrinter {
  return Object.hasOwn(PRINTERS, resource) ? PRINTERS[resource]! : defaultPrinter;
}

function rowObject(object: KubeObjectLike, include: IncludeObject): Record<string, unknown> | null {
  if (include === 'None') return null;
  if (include === 'Object') return object as Record<string, unknown>;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} };
}

export function toTable(
  resource: string,
  objects: readonly KubeObjectLike[],
  listMeta: TableListMeta,
  options: TableOptions,
): Table {
  const printer = options.printer ?? printerFor(resource);
  const include = options.includeObject ?? 'Metadata';
  const rows: TableRow[] = objects.map((object) => {
    const { cells, conditions } = printer.row(object, options.now);
    return { cells, ...(conditions ? { conditions } : {}), object: rowObject(object, include) };
  });
  const metadata: Table['metadata'] = {};
  if (listMeta.resourceVersion !== undefined) metadata.resourceVersion = listMeta.resourceVersion;
  if (listMeta.continue) metadata.continue = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) metadata.remainingItemCount = listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
