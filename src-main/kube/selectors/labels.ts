// Label selectors as the API server parses and matches them: a port of labels.Parse and
// Requirement.Matches (k8s.io/apimachinery/pkg/labels/selector.go), error texts included. Syntax
// errors name the token (`found 'b', expected: ',' or 'end of string'`); a bad key or value is a
// field error wrapped in `unable to parse requirement: `.
import { labelValue, qualifiedName } from '../validate/names';
import { aggregate, errorString, fieldErrors } from '../field-errors';
import { goQuote } from '../go-format';
import { scan, type ScannedItem, type Token } from './label-lexer';
import type { Parsed } from './result';

/** field.Invalid(path, value, detail).Error(). */
const invalid = (path: string, value: string | { shown: string }, detail: string) =>
  errorString(fieldErrors.invalid(path, value, detail));

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | '>' | '<';

export interface Requirement {
  key: string;
  operator: LabelOperator;
  /** Sorted and without repeats, as the Go parser's string set gives them. */
  values: readonly string[];
}

/** All requirements must match (an empty selector matches everything). */
export type LabelSelector = readonly Requirement[];

// selection.Operator spellings, in the order Go lists them in its error text.
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

/** In value position `in` and `notin` are plain identifiers (`x in (in)`). */
function asValue(item: ScannedItem): ScannedItem {
  return item.token === 'in' || item.token === 'notin' ? { ...item, token: 'identifier' } : item;
}

class Parser {
  private position = 0;
  constructor(private readonly items: ScannedItem[]) {}

  lookahead(values: boolean): ScannedItem {
    const item = this.items[this.position]!;
    return values ? asValue(item) : item;
  }

  consume(values: boolean): ScannedItem {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }
}

/** validateLabelKey: the key's problems joined with "; ", at the given path. */
function keyError(key: string, path: string): string | null {
  const errs = qualifiedName(key);
  return errs.length ? invalid(path, key, errs.join('; ')) : null;
}

/** NewRequirement's checks, in its order; the errors are aggregated as Go aggregates them. */
function newRequirement(key: string, operator: LabelOperator, values: string[]): Parsed<Requirement> {
  const errs: string[] = [];
  const keyProblem = keyError(key, 'key');
  if (keyProblem) errs.push(keyProblem);
  // A []string bad value prints with Go's %#v.
  const list = { shown: `[]string{${values.map(goQuote).join(', ')}}` };
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(invalid('values', list, "for 'in', 'notin' operators, values set can't be empty"));
  } else if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1) {
    errs.push(invalid('values', list, 'exact-match compatibility requires one single value'));
  } else if ((operator === 'exists' || operator === '!') && values.length !== 0) {
    errs.push(invalid('values', list, 'values set must be empty for exists and does not exist'));
  } else if (operator === '>' || operator === '<') {
    if (values.length !== 1) {
      errs.push(invalid('values', list, "for 'Gt', 'Lt' operators, exactly one value is required"));
    }
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) {
        errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    });
  }
  values.forEach((v, i) => {
    const problems = labelValue(v);
    if (problems.length) errs.push(invalid(`values[${i}][${key}]`, v, problems.join('; ')));
  });
  if (errs.length) return { ok: false, message: aggregate(errs) };
  return { ok: true, value: { key, operator, values } };
}

const sortedSet = (values: Iterable<string>) => [...new Set(values)].sort();

function parseKeyAndOperator(p: Parser): Parsed<{ key: string; unary: LabelOperator | null }> {
  let item = p.consume(true);
  let unary: LabelOperator | null = null;
  if (item.token === '!') {
    unary = '!';
    item = p.consume(true);
  }
  if (item.token !== 'identifier') return { ok: false, message: `found '${item.literal}', expected: identifier` };
  // Parsed without a field path: Go prints the nil path as "<nil>".
  const problem = keyError(item.literal, '<nil>');
  if (problem) return { ok: false, message: problem };
  const next = p.lookahead(true).token;
  if (unary === null && (next === 'end' || next === ',')) unary = 'exists';
  return { ok: true, value: { key: item.literal, unary } };
}

const OPERATOR_TOKENS: Partial<Record<Token, LabelOperator>> = {
  in: 'in',
  '=': '=',
  '==': '==',
  '>': '>',
  '<': '<',
  notin: 'notin',
  '!=': '!=',
};

function parseOperator(p: Parser): Parsed<LabelOperator> {
  const item = p.consume(false);
  const operator = OPERATOR_TOKENS[item.token];
  if (!operator) return { ok: false, message: `found '${item.literal}', expected: ${BINARY_OPERATORS.join(', ')}` };
  return { ok: true, value: operator };
}

/** `(a,b,c)`; empty entries stand for the empty value, as `(,` and `,)` do in Go. */
function parseValues(p: Parser): Parsed<string[]> {
  const open = p.consume(true);
  if (open.token !== '(') return { ok: false, message: `found '${open.literal}' expected: '('` };
  const first = p.lookahead(true);
  if (first.token === ')') {
    p.consume(true);
    return { ok: true, value: [''] };
  }
  if (first.token !== 'identifier' && first.token !== ',') {
    return { ok: false, message: `found '${first.literal}', expected: ',', ')' or identifier` };
  }
  const values: string[] = [];
  for (;;) {
    const item = p.consume(true);
    if (item.token === 'identifier') {
      values.push(item.literal);
      const next = p.lookahead(true);
      if (next.token === ',') continue;
      if (next.token === ')') break;
      return { ok: false, message: `found '${next.literal}', expected: ',' or ')'` };
    }
    if (item.token !== ',') return { ok: false, message: `found '${item.literal}', expected: ',', or identifier` };
    if (values.length === 0) values.push('');
    const next = p.lookahead(true).token;
    if (next === ')') {
      values.push('');
      break;
    }
    if (next === ',') values.push('');
  }
  // The closing parenthesis: the list loop stops in front of it.
  p.consume(true);
  return { ok: true, value: sortedSet(values) };
}

function parseExactValue(p: Parser): Parsed<string[]> {
  const next = p.lookahead(true).token;
  if (next === 'end' || next === ',') return { ok: true, value: [''] };
  const item = p.consume(true);
  if (item.token === 'identifier') return { ok: true, value: [item.literal] };
  return { ok: false, message: `found '${item.literal}', expected: identifier` };
}

function parseRequirement(p: Parser): Parsed<Requirement> {
  const head = parseKeyAndOperator(p);
  if (!head.ok) return head;
  const { key, unary } = head.value;
  if (unary !== null) return newRequirement(key, unary, []);
  const operator = parseOperator(p);
  if (!operator.ok) return operator;
  const values = operator.value === 'in' || operator.value === 'notin' ? parseValues(p) : parseExactValue(p);
  if (!values.ok) return values;
  return newRequirement(key, operator.value, values.value);
}

/** labels.Parse: the requirements sorted by key, or the API server's error text. */
export function parseLabelSelector(selector: string): Parsed<LabelSelector> {
  const p = new Parser(scan(selector));
  const requirements: Requirement[] = [];
  for (;;) {
    const item = p.lookahead(true);
    if (item.token === 'end') break;
    if (item.token !== 'identifier' && item.token !== '!') {
      return { ok: false, message: `found '${item.literal}', expected: !, identifier, or 'end of string'` };
    }
    const requirement = parseRequirement(p);
    if (!requirement.ok) return { ok: false, message: `unable to parse requirement: ${requirement.message}` };
    requirements.push(requirement.value);
    const after = p.consume(true);
    if (after.token === 'end') break;
    if (after.token !== ',') return { ok: false, message: `found '${after.literal}', expected: ',' or 'end of string'` };
    const next = p.lookahead(true);
    if (next.token !== 'identifier' && next.token !== '!') {
      return { ok: false, message: `found '${next.literal}', expected: identifier after ','` };
    }
  }
  // A stable sort by key, as sort.Sort(ByKey) gives for distinct keys.
  return { ok: true, value: requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/** Requirement.Matches over an object's labels (absent labels count as missing keys). */
export function matchesRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key]! : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case '>':
    case '<': {
      if (value === undefined || !/^[+-]?\d+$/.test(value) || r.values.length !== 1) return false;
      const [have, want] = [BigInt(value), BigInt(r.values[0]!)];
      return r.operator === '>' ? have > want : have < want;
    }
  }
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  return selector.every((r) => matchesRequirement(r, labels ?? {}));
}

/** Requirement.String: `!a`, `a`, `a=b`, `a in (x,y)`. */
export function formatRequirement(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const values = r.values.join(',');
  if (r.operator === 'in' || r.operator === 'notin') return `${r.key} ${r.operator} (${values})`;
  return `${r.key}${r.operator}${values}`;
}

export function formatLabelSelector(selector: LabelSelector): string {
  return selector.map(formatRequirement).join(',');
}
