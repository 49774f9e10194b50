// Field selectors as the API server parses and matches them: a port of fields.ParseSelector
// (k8s.io/apimachinery/pkg/fields/selector.go) with its escaping (`\,` `\=` `\\` in values) and
// error texts. Only `=`, `==` and `!=` exist; terms are ANDed.
import { type Parsed } from './result';

export interface FieldTerm {
  field: string;
  /** `==` is the same test as `=`; `!=` also matches an object without the field (value ""). */
  operator: '=' | '!=';
  value: string;
}

export type FieldSelector = readonly FieldTerm[];

/** splitTerms: commas separate terms unless escaped; the backslash stays for unescapeValue. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

// `==` before `=` so that the value keeps no leading `=`.
const OPERATORS = ['!=', '==', '='] as const;

/** splitTerm: the first operator found splits the term; the field part has no escaping. */
function splitTerm(term: string): { field: string; op: (typeof OPERATORS)[number]; rest: string } | null {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), op, rest: term.slice(i + op.length) };
    }
  }
  return null;
}

/** UnescapeValue; Go prints the offending rune of an unescaped `,` or `=` as its number. */
export function unescapeFieldValue(value: string): Parsed<string> {
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        return { ok: false, message: `invalid field selector: invalid escape sequence: \\${c}` };
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') {
      return { ok: false, message: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` };
    } else out += c;
  }
  if (inSlash) return { ok: false, message: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

/** EscapeValue: the value written so that ParseSelector reads it back unchanged. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.ParseSelector: the terms in sorted order (as Go sorts the raw parts), or its error text. */
export function parseFieldSelector(selector: string): Parsed<FieldSelector> {
  // Go sorts the parts by bytes; for the ASCII a selector holds, code units sort the same.
  const parts = splitTerms(selector).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return { ok: false, message: `invalid selector: '${selector}'; can't understand '${part}'` };
    const value = unescapeFieldValue(split.rest);
    if (!value.ok) return value;
    terms.push({ field: split.field, operator: split.op === '!=' ? '!=' : '=', value: value.value });
  }
  return { ok: true, value: terms };
}

/** Matches against the object's selectable fields; a field the object lacks reads as "". */
export function matchesFields(selector: FieldSelector, fields: Readonly<Record<string, string>>): boolean {
  return selector.every((t) => {
    const have = Object.hasOwn(fields, t.field) ? fields[t.field] : '';
    return t.operator === '=' ? have === t.value : have !== t.value;
  });
}

/** The selector written back: `field=value` terms joined by commas, values escaped. */
export function formatFieldSelector(selector: FieldSelector): string {
  return selector.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
}
