// Label selectors against labels.Parse (k8s.io/apimachinery/pkg/labels/selector.go); the valid
// and invalid inputs are those of its selector_test.go (TestSelectorParse, TestLexer,
// TestRequirementConstructor) and the error texts are the ones that source formats.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatLabelSelector, matchesLabels, parseLabelSelector } from '../../../../src-main/kube/selectors';

function parsed(text: string) {
  const result = parseLabelSelector(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.message}`);
  return result.value;
}

function error(text: string): string {
  const result = parseLabelSelector(text);
  assert.ok(!result.ok, `${text} should not parse`);
  return result.message;
}

describe('parsing', () => {
  test('the selectors selector_test.go accepts parse, sorted by key as Parse sorts them', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
      ['x!=a,y=b', 'x!=a,y=b'],
      ['x=', 'x='],
      ['x= ', 'x='],
      ['x=,z= ', 'x=,z='],
      ['x= ,z= ', 'x=,z='],
      ['!x', '!x'],
      ['x>1', 'x>1'],
      ['x>1,z<5', 'x>1,z<5'],
      ['x', 'x'],
      ['z,x', 'x,z'],
      ['x in (a)', 'x in (a)'],
      ['x in (c,b,a)', 'x in (a,b,c)'],
      ['x notin (a,a)', 'x notin (a)'],
      // "x in (foo,,baz),y,z notin ()" is the example in Parse's doc comment.
      ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
      ['x in (in)', 'x in (in)'],
      ['notin', 'notin'],
      ['a.b/c-d_e==f', 'a.b/c-d_e==f'],
      ['  x  ==  a  ', 'x==a'],
    ];
    for (const [input, printed] of cases) assert.equal(formatLabelSelector(parsed(input)), printed, input);
  });

  test('syntax errors name the token as the parser does', () => {
    const cases: [string, string][] = [
      // parse(): `found '%s', expected: ',' or 'end of string'`
      ['x==a==b', "found '==', expected: ',' or 'end of string'"],
      ['!x=a', "found '=', expected: ',' or 'end of string'"],
      // A second identifier is where an operator must stand: parseOperator's text.
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      // `found '%s', expected: !, identifier, or 'end of string'`
      ['=a', "found '=', expected: !, identifier, or 'end of string'"],
      [',x', "found ',', expected: !, identifier, or 'end of string'"],
      // `found '%s', expected: identifier after ','`
      ['x,', "found '', expected: identifier after ','"],
      ['x,,y', "found ',', expected: identifier after ','"],
      // parseOperator: `found '%s', expected: %v` with binaryOperators joined
      ['x (a)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
      // parseValues
      ['x in a', "unable to parse requirement: found 'a' expected: '('"],
      ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
      ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
      ['x in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
      // parseExactValue
      ['x=(', "unable to parse requirement: found '(', expected: identifier"],
      // `!=` lexes as one operator, so nothing names a key.
      ['!=a', "found '!=', expected: !, identifier, or 'end of string'"],
      ['x=a,y=!', "unable to parse requirement: found '!', expected: identifier"],
      // scanSpecialSymbol: a symbol run that starts no operator
      ['x=a,y=>', "unable to parse requirement: found '>', expected: identifier"],
    ];
    for (const [input, message] of cases) assert.equal(error(input), message, input);
  });

  test('an invalid key is a field error at the nil path, with the validation texts joined by "; "', () => {
    // parseKeyAndInferOperator: validateLabelKey(literal, p.path) with no path: Go prints "<nil>".
    assert.equal(
      error('-x=a'),
      'unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of alphanumeric characters, ' +
        "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or " +
        "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    assert.equal(
      error('a/b/c'),
      'unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric ' +
        "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or " +
        "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an " +
        "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    assert.match(error('Ex.com/x'), /^unable to parse requirement: <nil>: Invalid value: "Ex\.com\/x": prefix part a lowercase RFC 1123 subdomain/);
    assert.equal(
      error('/x'),
      'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty',
    );
    assert.match(error(`${'k'.repeat(64)}=v`), /Invalid value: "k{64}": name part must be no more than 63 characters$/);
  });

  test('an invalid value is a field error at values[i][key]', () => {
    assert.equal(
      error('app=a/b'),
      'unable to parse requirement: values[0][app]: Invalid value: "a/b": a valid label must be an empty string or ' +
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    // `|` is no symbol to the lexer: "x=a||y=b" (invalid in TestSelectorParse) is one bad value.
    assert.match(error('x=a||y=b'), /^unable to parse requirement: values\[0\]\[x\]: Invalid value: "a\|\|y": a valid label/);
    assert.match(error(`app=${'v'.repeat(64)}`), /values\[0\]\[app\]: Invalid value: "v{64}": must be no more than 63 characters$/);
  });

  test('Gt and Lt want an integer; two problems print as an aggregate in brackets', () => {
    // "x>1.1" and "x<a" are invalid in TestSelectorParse.
    assert.equal(error('x<a'), `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
    const both = error('x>a.');
    assert.ok(both.startsWith(`unable to parse requirement: [values[0]: Invalid value: "a.": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a.": a valid label`), both);
    assert.ok(both.endsWith("')]"), both);
  });
});

describe('matching (Requirement.Matches)', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  const cases: [string, boolean][] = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (db,web)', true],
    ['app notin (db,web)', false],
    ['missing notin (a)', true],
    ['missing in (a)', false],
    ['app', true],
    ['missing', false],
    ['!app', false],
    ['!missing', true],
    ['app=web,tier=back', false],
    ['n>4', true],
    ['n>5', false],
    ['n<6', true],
    ['app>1', false],
    ['missing<1', false],
    ['app=', false],
    ['missing=', false],
  ];
  for (const [selector, expected] of cases) {
    test(`${selector || '(empty)'} → ${expected}`, () => assert.equal(matchesLabels(parsed(selector), labels), expected));
  }

  test('an object without labels has no keys', () => {
    assert.equal(matchesLabels(parsed('!app'), undefined), true);
    assert.equal(matchesLabels(parsed('app'), undefined), false);
  });
});
