// Go's fmt verbs the kubelet's messages use (hooks, images, the downward API), so Berth's text
// matches byte for byte.

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * `%q` of a string (Go's strconv.Quote for valid UTF-8): quotes and backslashes escaped, the C
 * escapes for their controls, other characters Go does not print (controls, format characters,
 * separators other than the space) as `\x`, `\u` or `\U`; everything else kept as is.
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const escape = GO_ESCAPES[char];
    if (escape !== undefined) {
      out += escape;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (char !== ' ' && /^[\p{C}\p{Z}]$/u.test(char)) {
      out +=
        code < 0x80
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : code <= 0xffff
            ? `\\u${code.toString(16).padStart(4, '0')}`
            : `\\U${code.toString(16).padStart(8, '0')}`;
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** `%v` of a []string: `[sh -c echo hi]`. */
export function goStringSlice(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/** The kubelet's format.Pod: `name_namespace(uid)`. */
export function formatPodFullName(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}
