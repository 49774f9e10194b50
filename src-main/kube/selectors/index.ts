// Label and field selectors, as the API server parses and applies them to lists and watches.
// Pure: strings and Kubernetes-shaped objects in, decisions and the server's error texts out.
import { type FieldSelector, matchesFields } from './fields';
import { type SelectableObject, selectableFields } from './field-labels';
import { type LabelSelector, matchesLabels } from './labels';

export type { Parsed } from './result';
export {
  type LabelOperator,
  type LabelSelector,
  type Requirement,
  formatLabelSelector,
  matchesLabels,
  parseLabelSelector,
} from './labels';
export {
  type FieldSelector,
  type FieldTerm,
  escapeFieldValue,
  formatFieldSelector,
  matchesFields,
  parseFieldSelector,
} from './fields';
export {
  type SelectableObject,
  convertFieldLabel,
  parseFieldSelectorFor,
  selectableFields,
  supportedFieldLabels,
} from './field-labels';

export interface Selectors {
  labels?: LabelSelector;
  /** Already converted for the kind (parseFieldSelectorFor). */
  fields?: FieldSelector;
}

/** storage.SelectionPredicate.Matches: both selectors hold for the object. */
export function matchesSelectors(
  kind: string,
  object: SelectableObject & { metadata?: { labels?: Record<string, string> } },
  selectors: Selectors,
  namespaced = true,
): boolean {
  if (selectors.labels?.length && !matchesLabels(selectors.labels, object.metadata?.labels)) return false;
  if (selectors.fields?.length && !matchesFields(selectors.fields, selectableFields(kind, object, namespaced))) return false;
  return true;
}
