// A small, forgiving YAML highlighter for the Import editor. It works a line at a time (plus one
// bit of state: the body of a `|`/`>` block scalar) and never throws: whatever it cannot make
// sense of stays plain text. The spans of a line always join back to exactly that line.

export type YamlTokenKind =
  | 'plain'
  | 'punct'
  | 'key'
  | 'string'
  | 'number'
  | 'bool'
  | 'null'
  | 'comment'
  | 'marker'
  | 'anchor'
  | 'alias'
  | 'tag'
  | 'block';

export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

/** Past this many characters a line is left plain: highlighting it would only slow typing. */
export const MAX_HIGHLIGHT_CHARS = 4000;

const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[\da-fA-F_]+|0o[0-7_]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const NULL = /^(?:null|Null|NULL|~)$/;
const BLOCK = /^[|>][-+0-9]*(?=\s|$)/;

class Line {
  readonly tokens: YamlToken[] = [];
  constructor(readonly text: string) {}

  push(kind: YamlTokenKind, text: string): void {
    if (text === '') return;
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.kind === kind) last.text += text;
    else this.tokens.push({ kind, text });
  }
}

/** Where a quoted scalar starting at `start` ends (exclusive); the line's end if never closed. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (quote === '"' && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Where a ` #` comment starts after `from`, skipping quoted parts; -1 if none. */
function commentStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return i;
    if ((c === '"' || c === "'") && (i === from || /[\s[{,:]/.test(text[i - 1]!))) {
      i = quotedEnd(text, i);
      continue;
    }
    i++;
  }
  return -1;
}

/** The end of a mapping key starting at `start` (the index of its `:`), or -1 if this is no key. */
function keyEnd(text: string, start: number): number {
  const c = text[start];
  if (c === undefined || c === '#' || c === '[' || c === '{' || c === '|' || c === '>' || c === '%' || c === '@' || c === '`') return -1;
  if (c === '"' || c === "'") {
    const end = quotedEnd(text, start);
    let i = end;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return text[i] === ':' && (i + 1 === text.length || /\s/.test(text[i + 1]!)) ? i : -1;
  }
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) return -1;
    if (ch === ':' && i > start && (i + 1 === text.length || /\s/.test(text[i + 1]!))) return i;
  }
  return -1;
}

function scalarKind(word: string): YamlTokenKind {
  if (NUMBER.test(word)) return 'number';
  if (BOOL.test(word)) return 'bool';
  if (NULL.test(word)) return 'null';
  return 'plain';
}

/** A value: everything after `key:` or `- `, or a whole line that is neither. */
function value(line: Line, start: number): void {
  const text = line.text;
  let i = start;
  while (i < text.length) {
    const ws = /^\s*/.exec(text.slice(i))![0];
    line.push('plain', ws);
    i += ws.length;
    if (i >= text.length) return;
    const c = text[i]!;
    if (c === '#') {
      line.push('comment', text.slice(i));
      return;
    }
    if (c === '&' || c === '*' || c === '!') {
      const word = /^\S+/.exec(text.slice(i))![0];
      line.push(c === '&' ? 'anchor' : c === '*' ? 'alias' : 'tag', word);
      i += word.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = quotedEnd(text, i);
      line.push('string', text.slice(i, end));
      i = end;
      // A quoted key inside a flow mapping, or trailing junk: the rest is more value.
      const rest = text.slice(i);
      const colon = /^\s*:(?=\s|$)/.exec(rest);
      if (colon) {
        line.push('punct', colon[0]);
        i += colon[0].length;
      } else if (rest !== '' && !/^\s/.test(rest)) {
        const comment = commentStart(text, i);
        const stop = comment === -1 ? text.length : comment;
        line.push('plain', text.slice(i, stop));
        i = stop;
      }
      continue;
    }
    const block = BLOCK.exec(text.slice(i));
    if (block) {
      line.push('block', block[0]);
      i += block[0].length;
      continue;
    }
    if (c === '[' || c === '{') {
      flow(line, i);
      return;
    }
    // A plain scalar: up to a comment.
    const comment = commentStart(text, i);
    const stop = comment === -1 ? text.length : comment;
    const raw = text.slice(i, stop);
    const word = raw.trimEnd();
    line.push(scalarKind(word), word);
    line.push('plain', raw.slice(word.length));
    if (comment !== -1) line.push('comment', text.slice(comment));
    return;
  }
}

/** A flow collection (`[a, b]`, `{a: 1}`) and whatever follows it on the line. */
function flow(line: Line, start: number): void {
  const text = line.text;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      line.push('comment', text.slice(i));
      return;
    }
    if (c === '"' || c === "'") {
      const end = quotedEnd(text, i);
      const after = /^\s*:(?=[\s,\]}]|$)/.test(text.slice(end));
      line.push(after ? 'key' : 'string', text.slice(i, end));
      i = end;
      continue;
    }
    if ('[]{},:'.includes(c)) {
      line.push('punct', c);
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      line.push('plain', c);
      i++;
      continue;
    }
    const word = /^[^\s[\]{},]+?(?=:(?:[\s,\]}]|$)|[\s[\]{},]|$)/.exec(text.slice(i))?.[0] ?? c;
    const isKey = text[i + word.length] === ':';
    line.push(isKey ? 'key' : c === '&' ? 'anchor' : c === '*' ? 'alias' : c === '!' ? 'tag' : scalarKind(word), word);
    i += word.length;
  }
}

function tokenizeLine(text: string): YamlToken[] {
  const line = new Line(text);
  let i = /^\s*/.exec(text)![0].length;
  line.push('plain', text.slice(0, i));
  const marker = /^(?:---|\.\.\.)(?=\s|$)/.exec(text);
  if (marker) {
    line.push('marker', marker[0]);
    value(line, marker[0].length);
    return line.tokens;
  }
  if (text[i] === '%' && i === 0) {
    line.push('marker', text);
    return line.tokens;
  }
  // List item dashes, possibly nested: `- - a`.
  for (let dash = /^-(?:\s+|$)/.exec(text.slice(i)); dash; dash = /^-(?:\s+|$)/.exec(text.slice(i))) {
    line.push('punct', '-');
    line.push('plain', dash[0].slice(1));
    i += dash[0].length;
  }
  // An explicit key `? a` or plain anchors before a key are rare: they end up as values.
  const colon = keyEnd(text, i);
  if (colon !== -1) {
    const key = text.slice(i, colon);
    const keyText = key.trimEnd();
    line.push('key', keyText);
    line.push('plain', key.slice(keyText.length));
    line.push('punct', ':');
    value(line, colon + 1);
    return line.tokens;
  }
  value(line, i);
  return line.tokens;
}

function safeTokenizeLine(text: string): YamlToken[] {
  if (text.length > MAX_HIGHLIGHT_CHARS) return [{ kind: 'plain', text }];
  try {
    const tokens = tokenizeLine(text);
    // Belt and braces: spans must join back to the line, or the layer would drift from the text.
    if (tokens.map((t) => t.text).join('') !== text) return text === '' ? [] : [{ kind: 'plain', text }];
    return tokens;
  } catch {
    return text === '' ? [] : [{ kind: 'plain', text }];
  }
}

const indentOf = (text: string) => /^ */.exec(text)![0].length;

/**
 * Highlights a whole document: one list of spans per line (split on `\n`; a `\r` stays in the
 * line's last span). The body of a block scalar (`key: |`) is one string span per line.
 */
export function highlightYaml(source: string): YamlToken[][] {
  const text = typeof source === 'string' ? source : '';
  const result: YamlToken[][] = [];
  /** Inside a block scalar: lines indented deeper than this belong to it. */
  let blockParent = -1;
  for (const raw of text.split('\n')) {
    if (blockParent >= 0) {
      if (raw.trim() === '' || indentOf(raw) > blockParent) {
        result.push(raw === '' ? [] : [{ kind: 'string', text: raw }]);
        continue;
      }
      blockParent = -1;
    }
    const tokens = safeTokenizeLine(raw);
    result.push(tokens);
    const meaningful = tokens.filter((t) => t.kind !== 'comment' && t.text.trim() !== '');
    if (meaningful[meaningful.length - 1]?.kind === 'block') blockParent = indentOf(raw);
  }
  return result;
}
