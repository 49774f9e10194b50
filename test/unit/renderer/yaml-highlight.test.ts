import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { highlightYaml, MAX_HIGHLIGHT_CHARS, type YamlToken } from '../../../src-renderer/src/lib/yaml-highlight';

/** The spans of a one-line document, without the whitespace-only plain ones. */
const spans = (line: string) =>
  highlightYaml(line)[0]!
    .filter((t) => !(t.kind === 'plain' && t.text.trim() === ''))
    .map((t) => [t.kind, t.text.trim()]);

const joined = (lines: YamlToken[][]) => lines.map((tokens) => tokens.map((t) => t.text).join('')).join('\n');

describe('yaml highlighting', () => {
  test('keys and their values', () => {
    assert.deepEqual(spans('apiVersion: v1'), [['key', 'apiVersion'], ['punct', ':'], ['plain', 'v1']]);
    assert.deepEqual(spans('  name: web'), [['key', 'name'], ['punct', ':'], ['plain', 'web']]);
    assert.deepEqual(spans('metadata:'), [['key', 'metadata'], ['punct', ':']]);
    assert.deepEqual(spans('image: nginx:1.27'), [['key', 'image'], ['punct', ':'], ['plain', 'nginx:1.27']]);
    assert.deepEqual(spans('"quoted key": 1'), [['key', '"quoted key"'], ['punct', ':'], ['number', '1']]);
    assert.deepEqual(spans('url: http://example.com/a'), [['key', 'url'], ['punct', ':'], ['plain', 'http://example.com/a']]);
  });

  test('scalar kinds', () => {
    assert.deepEqual(spans('port: 8080'), [['key', 'port'], ['punct', ':'], ['number', '8080']]);
    assert.deepEqual(spans('ratio: -1.5e3'), [['key', 'ratio'], ['punct', ':'], ['number', '-1.5e3']]);
    assert.deepEqual(spans('tty: true'), [['key', 'tty'], ['punct', ':'], ['bool', 'true']]);
    assert.deepEqual(spans('stdin: False'), [['key', 'stdin'], ['punct', ':'], ['bool', 'False']]);
    assert.deepEqual(spans('x: null'), [['key', 'x'], ['punct', ':'], ['null', 'null']]);
    assert.deepEqual(spans('x: ~'), [['key', 'x'], ['punct', ':'], ['null', '~']]);
    assert.deepEqual(spans('v: 1.27-alpine'), [['key', 'v'], ['punct', ':'], ['plain', '1.27-alpine']]);
    assert.deepEqual(spans(`s: 'it''s'`), [['key', 's'], ['punct', ':'], ['string', `'it''s'`]]);
    assert.deepEqual(spans('s: "a \\" b"'), [['key', 's'], ['punct', ':'], ['string', '"a \\" b"']]);
  });

  test('comments, and # inside quotes or words is no comment', () => {
    assert.deepEqual(spans('# a comment'), [['comment', '# a comment']]);
    assert.deepEqual(spans('  # indented: still a comment'), [['comment', '# indented: still a comment']]);
    assert.deepEqual(spans('name: web # the name'), [['key', 'name'], ['punct', ':'], ['plain', 'web'], ['comment', '# the name']]);
    assert.deepEqual(spans('color: "#fff" # white'), [['key', 'color'], ['punct', ':'], ['string', '"#fff"'], ['comment', '# white']]);
    assert.deepEqual(spans("c: '# not a comment'"), [['key', 'c'], ['punct', ':'], ['string', "'# not a comment'"]]);
    assert.deepEqual(spans('tag: a#b'), [['key', 'tag'], ['punct', ':'], ['plain', 'a#b']]);
    assert.deepEqual(spans('#key: no'), [['comment', '#key: no']]);
  });

  test('lists, nested lists and list items that are maps', () => {
    assert.deepEqual(spans('    - name: web'), [['punct', '-'], ['key', 'name'], ['punct', ':'], ['plain', 'web']]);
    assert.deepEqual(spans('- nginx'), [['punct', '-'], ['plain', 'nginx']]);
    assert.deepEqual(spans('- - 1'), [['punct', '-'], ['punct', '-'], ['number', '1']]);
    assert.deepEqual(spans('-'), [['punct', '-']]);
    assert.deepEqual(spans('args: ["sh", "-c", 1]'), [
      ['key', 'args'], ['punct', ':'], ['punct', '['], ['string', '"sh"'], ['punct', ','], ['string', '"-c"'], ['punct', ','], ['number', '1'], ['punct', ']'],
    ]);
    assert.deepEqual(spans('labels: {app: web}'), [['key', 'labels'], ['punct', ':'], ['punct', '{'], ['key', 'app'], ['punct', ':'], ['plain', 'web'], ['punct', '}']]);
  });

  test('document markers, anchors, aliases, tags and block scalars', () => {
    assert.deepEqual(spans('---'), [['marker', '---']]);
    assert.deepEqual(spans('...'), [['marker', '...']]);
    assert.deepEqual(spans('base: &base'), [['key', 'base'], ['punct', ':'], ['anchor', '&base']]);
    assert.deepEqual(spans('copy: *base'), [['key', 'copy'], ['punct', ':'], ['alias', '*base']]);
    assert.deepEqual(spans('n: !!str 12'), [['key', 'n'], ['punct', ':'], ['tag', '!!str'], ['number', '12']]);
    assert.deepEqual(spans('script: |'), [['key', 'script'], ['punct', ':'], ['block', '|']]);
    assert.deepEqual(spans('text: >-'), [['key', 'text'], ['punct', ':'], ['block', '>-']]);

    const doc = highlightYaml(['cmd: |', '  echo a: b', '  # kept', '', 'next: 1'].join('\n'));
    assert.deepEqual(doc[1], [{ kind: 'string', text: '  echo a: b' }]);
    assert.deepEqual(doc[2], [{ kind: 'string', text: '  # kept' }]);
    assert.deepEqual(doc[3], []);
    assert.equal(doc[4]![0]!.kind, 'key');
  });

  test('one list of spans per line, joining back to the text', () => {
    const text = ['apiVersion: v1', 'kind: Pod', '', 'spec:', '  containers:', '    - name: web\r', '      image: nginx:1.27'].join('\n');
    const lines = highlightYaml(text);
    assert.equal(lines.length, 7);
    assert.equal(joined(lines), text);
    assert.deepEqual(highlightYaml(''), [[]]);
  });

  test('garbage never throws and keeps every character', () => {
    const nasty = [
      ': : :', '"unterminated', "'also", '- - - -', '[{]}', '{a: [b, "c', '&', '*', '!', '|||', '>>', '--- # x', 'a:b:c', '\t\tkey:\tv',
      '\u0000\u0001', '😀: 🚀 # 🎉', '"a" junk: x', '? complex', '%YAML 1.2', '@at', '`tick`', 'k: "\\', '#', ' #', 'x: #', ':',
    ];
    for (const line of nasty) {
      const tokens = highlightYaml(line);
      assert.equal(joined(tokens), line, JSON.stringify(line));
    }
    let seed = 7;
    const alphabet = 'ab1 :-#\'"[]{},&*!|>~\t\n.\\';
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        s += alphabet[seed % alphabet.length];
      }
      assert.equal(joined(highlightYaml(s)), s, JSON.stringify(s));
    }
    // Not even a string.
    assert.deepEqual(highlightYaml(undefined as unknown as string), [[]]);
  });

  test('long lines are fine, and very long ones are left plain', () => {
    const long = `key: ${'x'.repeat(3000)} # end`;
    const tokens = highlightYaml(long)[0]!;
    assert.equal(tokens[0]!.kind, 'key');
    assert.equal(tokens[tokens.length - 1]!.kind, 'comment');
    const huge = `key: "${'y'.repeat(MAX_HIGHLIGHT_CHARS)}"`;
    assert.deepEqual(highlightYaml(huge), [[{ kind: 'plain', text: huge }]]);
    const many = Array.from({ length: 5000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const started = Date.now();
    assert.equal(highlightYaml(many).length, 5000);
    assert.ok(Date.now() - started < 2000);
  });
});
