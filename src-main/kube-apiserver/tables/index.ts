// Server-side printing: what the API server answers to `Accept: application/json;as=Table;v=v1;
// g=meta.k8s.io`. Pure: Kubernetes-shaped objects and a clock in, a Table out.
export { printerFor, toTable, type IncludeObject, type TableListMeta, type TableOptions } from './table';
export { column } from './columns';
export type { KubeObjectLike, Table, TableCell, TableColumnDefinition, TablePrinter, TableRow, TableRowCondition } from './types';
