// The label selector lexer, ported from k8s.io/apimachinery/pkg/labels/selector.go (Lexer,
// scanIDOrKeyword, scanSpecialSymbol). Its quirks are kept, because they decide the error texts:
// `in`/`notin` are keywords only where an operator may stand, and a run of symbols is cut at the
// longest operator it starts with.

export type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

export interface ScannedItem {
  token: Token;
  literal: string;
}

const KEYWORDS: Readonly<Record<string, Token>> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch);

function keyword(text: string): Token | undefined {
  return Object.hasOwn(KEYWORDS, text) ? KEYWORDS[text] : undefined;
}

/** Every token of the selector, ending with `end`. */
export function scan(input: string): ScannedItem[] {
  const items: ScannedItem[] = [];
  let pos = 0;

  const identifierOrKeyword = (): ScannedItem => {
    const start = pos;
    while (pos < input.length && !isSpecialSymbol(input[pos]!) && !isWhitespace(input[pos]!)) pos++;
    const literal = input.slice(start, pos);
    return { token: keyword(literal) ?? 'identifier', literal };
  };

  const specialSymbol = (): ScannedItem => {
    let buffer = '';
    let last: ScannedItem | null = null;
    while (pos < input.length && isSpecialSymbol(input[pos]!)) {
      buffer += input[pos];
      const token = keyword(buffer);
      if (token) last = { token, literal: buffer };
      else if (last) break;
      pos++;
    }
    return last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` };
  };

  for (;;) {
    while (pos < input.length && isWhitespace(input[pos]!)) pos++;
    if (pos >= input.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    items.push(isSpecialSymbol(input[pos]!) ? specialSymbol() : identifierOrKeyword());
  }
}
