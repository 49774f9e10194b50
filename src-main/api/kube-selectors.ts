// Label and field selectors for the Kubernetes reads and watches: the pure parser and matcher of
// src-main/kube/selectors/, compiled once per request; the core applies `matches` to every
// object it lists or watches (a test may pass another compiler). `fieldEqualities` lets the core narrow a read
// before matching (events by involvedObject.uid, as `kubectl describe` asks them).
import { isNamespaced, type ApiObjectWithFields } from './kube-objects/kinds';
import { ApiError } from './errors';
import { matchesSelectors, parseFieldSelectorFor, parseLabelSelector, type Selectors } from '../kube/selectors';
import type { ApiObject, ServedKind } from './kube-objects/kinds';

export interface SelectorInput {
  kind: ServedKind;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

export interface CompiledSelector {
  matches(object: ApiObject): boolean;
  /** `field=value` (or `field==value`) terms every matching object has, e.g. `involvedObject.uid`. */
  fieldEqualities?: Readonly<Record<string, string>>;
}

/** Parses both selectors for `kind`; throws ApiError('BadRequest', the API server's message) when one is invalid. */
export type SelectorCompiler = (input: SelectorInput) => CompiledSelector;

/** Undefined when nothing is selected (everything matches). */
export function compileSelectors(compiler: SelectorCompiler | undefined, input: SelectorInput): CompiledSelector | undefined {
  if (!input.labelSelector && !input.fieldSelector) return undefined;
  try {
    return (compiler ?? compileKubeSelectors)(input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('BadRequest', error instanceof Error ? error.message : String(error));
  }
}

/** The API server's selectors (labels.Parse, fields.ParseSelector with the kind's field labels); its messages as BadRequest. */
export const compileKubeSelectors: SelectorCompiler = ({ kind, labelSelector, fieldSelector }) => {
  const selectors: Selectors = {};
  const fieldEqualities: Record<string, string> = {};
  if (labelSelector) {
    const labels = parseLabelSelector(labelSelector);
    if (!labels.ok) throw new ApiError('BadRequest', labels.message);
    selectors.labels = labels.value;
  }
  if (fieldSelector) {
    const fields = parseFieldSelectorFor(kind, fieldSelector);
    if (!fields.ok) throw new ApiError('BadRequest', fields.message);
    selectors.fields = fields.value;
    for (const term of fields.value) if (term.operator === '=') fieldEqualities[term.field] = term.value;
  }
  const namespaced = isNamespaced(kind);
  return { matches: (object) => matchesSelectors(kind, object as ApiObjectWithFields, selectors, namespaced), fieldEqualities };
};
