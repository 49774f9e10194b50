// A cheap scan over YAML tokens, run before the YAML library builds documents: the library
// composes nested collections recursively, and input nested thousands of levels deep would
// exhaust the stack (and can abort V8 outright). It also counts documents, so a file with
// a hundred thousand `---` is refused before any of them is built.
import { CST, Lexer } from 'yaml';

/** No manifest comes close: a Pod's deepest field is about 12 levels down. */
export const MAX_NESTING = 200;
export const MAX_DOCUMENTS = 1000;
/**
 * Values (scalars, aliases, flow collections) in one file. The YAML library needs about 2 KB
 * and 10 µs per value, more for long flow sequences: this keeps a file within a few hundred MB
 * and seconds, and still takes a 1 MB minified JSON List of pods (about 110 000 values).
 */
export const MAX_VALUES = 150_000;

export type ScanProblem = { kind: 'nesting' | 'documents' | 'values'; offset: number } | null;

const VALUE_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar-header', 'alias', 'flow-map-start', 'flow-seq-start']);

// Lexer tokens that mark structure but consume no source text (document, flow-error-end
// and scalar markers).
const ZERO_WIDTH = new Set(['\x02', '\x18', '\x1f']);
// Indicators that can open a block collection on the line they are on.
const BLOCK_INDICATORS = new Set(['seq-item-ind', 'explicit-key-ind', 'map-value-ind']);

/**
 * Finds the first point where nesting could exceed MAX_NESTING, or where the document count
 * passes MAX_DOCUMENTS, or the value count MAX_VALUES. Block nesting is over-estimated as indentation + indicators on the
 * line (each nested block collection needs more indentation or one more indicator), flow
 * nesting is counted exactly: the estimate only errs towards refusing absurd input.
 */
export function scanStructure(text: string): ScanProblem {
  let offset = 0;
  let flowDepth = 0;
  let lineIndent = 0;
  let lineIndicators = 0;
  let atLineStart = true;
  let documents = 0;
  let values = 0;
  let contentSinceDocStart = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    switch (type) {
      case 'newline':
        atLineStart = true;
        lineIndent = 0;
        lineIndicators = 0;
        break;
      case 'space':
        if (atLineStart) lineIndent = token.length;
        break;
      case 'doc-start':
        documents++;
        contentSinceDocStart = false;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        flowDepth++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      default:
        // Inside `[…]` or `{…}` a `:` opens no block collection: minified JSON has thousands on a line.
        if (flowDepth === 0 && type && BLOCK_INDICATORS.has(type)) lineIndicators++;
    }
    if (type !== 'newline' && type !== 'space' && type !== 'comment') {
      atLineStart = false;
      if (type !== 'doc-start' && type !== 'doc-mode' && !contentSinceDocStart) {
        contentSinceDocStart = true;
        if (documents === 0) documents = 1; // content before any `---` is the first document
      }
    }
    if (documents > MAX_DOCUMENTS) return { kind: 'documents', offset };
    if (type && VALUE_TOKENS.has(type) && ++values > MAX_VALUES) return { kind: 'values', offset };
    // Only structure counts: a deeply indented comment nests nothing.
    const structural = type !== 'newline' && type !== 'space' && type !== 'comment';
    if (structural && flowDepth + lineIndent + lineIndicators > MAX_NESTING) return { kind: 'nesting', offset };
    if (!ZERO_WIDTH.has(token)) offset += token.length;
  }
  return null;
}
