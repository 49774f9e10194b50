// `$(VAR)` references, exactly as the kubelet expands them in env values, command and args.
// A port of third_party/forked/golang/expansion/expand.go (`Expand`, `MappingFuncFor`).
//
// The Go code walks bytes; this walks UTF-16 code units. The result is the same because the
// only characters the syntax looks at (`$`, `(`, `)`) are ASCII, which never occur inside a
// multi-byte UTF-8 sequence nor inside a surrogate pair. One deliberate difference: for `$`
// followed by a non-ASCII character Go copies `string(byte)` of the first UTF-8 byte, which
// mangles it (`$é` → `$Ã\xa9`); here the character is kept (`$é`).

const OPERATOR = '$';
const REFERENCE_OPENER = '(';
const REFERENCE_CLOSER = ')';

/** Resolves a variable name, or returns undefined when the variable is not defined. */
export type VariableLookup = (name: string) => string | undefined;

/** `MappingFuncFor`: the first context that defines the name wins. */
export function lookupIn(...contexts: ReadonlyMap<string, string>[]): VariableLookup {
  return (name) => {
    for (const vars of contexts) {
      const value = vars.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/**
 * Replaces `$(VAR)` with VAR's value when it is defined and leaves the reference as written
 * when it is not; `$$` is an escaped `$`; anything else (`$X`, a lone `$`, an unterminated
 * `$(VAR`) is copied as is.
 */
export function expand(input: string, lookup: VariableLookup): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== OPERATOR || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const { read, isVariable, advance } = tryReadVariableName(input.slice(cursor + 1));
    if (isVariable) {
      out += lookup(read) ?? syntaxWrap(read);
    } else {
      out += OPERATOR + read;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function syntaxWrap(name: string): string {
  return OPERATOR + REFERENCE_OPENER + name + REFERENCE_CLOSER;
}

interface ReadResult {
  /** The variable name, or the text to copy after the operator. */
  read: string;
  isVariable: boolean;
  /** How many characters after the operator were consumed. */
  advance: number;
}

/** `tryReadVariableName`: `input` starts just after a `$` and is never empty. */
function tryReadVariableName(input: string): ReadResult {
  const first = input[0] ?? '';
  if (first === OPERATOR) {
    // `$$`: an escaped operator.
    return { read: '', isVariable: false, advance: 1 };
  }
  if (first === REFERENCE_OPENER) {
    const close = input.indexOf(REFERENCE_CLOSER, 1);
    if (close !== -1) return { read: input.slice(1, close), isVariable: true, advance: close + 1 };
    // An incomplete reference: copy `$(` and go on scanning after it.
    return { read: REFERENCE_OPENER, isVariable: false, advance: 1 };
  }
  // An operator that does not start an expression: copy it and the next character. Take the
  // whole code point so that a surrogate pair is never split.
  const char = String.fromCodePoint(input.codePointAt(0) ?? 0);
  return { read: char, isVariable: false, advance: char.length };
}
