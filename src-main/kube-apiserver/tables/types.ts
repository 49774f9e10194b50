// meta.k8s.io/v1 Table, as the API server serializes it for
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (k8s.io/apimachinery/pkg/apis/meta/v1/types.go).

/** TableColumnDefinition: every field is always present (none is omitempty). */
export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** An OpenAPI format; `name` marks the object's name column. */
  format: string;
  description: string;
  /** 0 for the default columns, 1 for those `kubectl get -o wide` adds. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export type TableCell = string | number | boolean | null;

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata, the full object, or null, as includeObject asks. */
  object: Record<string, unknown> | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** null when the request asked for no headers (Go's nil slice, not omitted). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** What the tables read of an object: plain Kubernetes JSON. */
export interface KubeObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    creationTimestamp?: string | null;
    deletionTimestamp?: string | null;
    labels?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** One kind's columns and how a row's cells (and conditions) are made from an object. */
export interface TablePrinter {
  columns: readonly TableColumnDefinition[];
  row: (object: KubeObjectLike, now: number) => { cells: TableCell[]; conditions?: TableRowCondition[] };
}
