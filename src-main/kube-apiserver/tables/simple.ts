// The short tables: ConfigMap, Secret, Namespace and RuntimeClass (printConfigMap, printSecret,
// printNamespace, printRuntimeClass in pkg/printers/internalversion/printers.go).
import { AGE_COLUMN, column, NAME_COLUMN, obj, since, str } from './columns';
import { DESCRIPTIONS } from './descriptions';
import type { TablePrinter } from './types';

const keys = (v: unknown) => Object.keys(obj(v)).length;

export const configMapPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'string', DESCRIPTIONS.configMap.data), AGE_COLUMN],
  row: (o, now) => ({
    cells: [str(o.metadata?.name), keys(o.data) + keys(o.binaryData), since(o.metadata?.creationTimestamp, now)],
  }),
};

export const secretPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', DESCRIPTIONS.secret.type),
    column('Data', 'string', DESCRIPTIONS.secret.data),
    AGE_COLUMN,
  ],
  // Only the number of keys: a table never carries secret values.
  row: (o, now) => ({ cells: [str(o.metadata?.name), str(o.type), keys(o.data), since(o.metadata?.creationTimestamp, now)] }),
};

export const namespacePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'string', DESCRIPTIONS.namespace.status), AGE_COLUMN],
  row: (o, now) => ({ cells: [str(o.metadata?.name), str(obj(o.status).phase), since(o.metadata?.creationTimestamp, now)] }),
};

export const runtimeClassPrinter: TablePrinter = {
  // The printer asks ObjectMeta's docs for "handler", which has none: the description is "".
  columns: [NAME_COLUMN, column('Handler', 'string', ''), AGE_COLUMN],
  row: (o, now) => ({ cells: [str(o.metadata?.name), str(o.handler), since(o.metadata?.creationTimestamp, now)] }),
};

/**
 * Everything without a printer gets the default table convertor's two columns
 * (k8s.io/apiserver/pkg/registry/rest/table.go): the name and the creation time in RFC 3339.
 */
export const defaultPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Created At', 'date', DESCRIPTIONS.objectMeta.creationTimestamp)],
  row: (o) => ({ cells: [str(o.metadata?.name), rfc3339(o.metadata?.creationTimestamp)] }),
};

/** time.Time.UTC().Format(time.RFC3339): whole seconds; the zero time when there is none. */
function rfc3339(timestamp: unknown): string {
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(at)) return '0001-01-01T00:00:00Z';
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
