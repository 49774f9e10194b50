// The seam for label and field selectors. The parser and matcher are not the core's (they are
// pure, in src-main/kube/selectors/): a host passes a compiler, and the core applies its
// `matches` to every object it lists or watches. `fieldEqualities` lets the core narrow a read
// before matching (events by involvedObject.uid, as `kubectl describe` asks them).
import { ApiError } from './errors';
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
  if (!compiler) {
    throw new ApiError('BadRequest', 'label and field selectors need a selector compiler; this core was opened without one (CoreOptions.selectors)');
  }
  try {
    return compiler(input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('BadRequest', error instanceof Error ? error.message : String(error));
  }
}
