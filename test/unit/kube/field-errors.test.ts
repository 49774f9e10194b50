// field.Error texts (k8s.io/apimachinery/pkg/util/validation/field/errors.go: ErrorBody prints
// the type, then the bad value with %q for strings and %v for numbers, then ": detail") and the
// importer's problems read back as them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregate, errorBody, errorString, fieldErrors } from '../../../src-main/kube/field-errors';
import { asFieldError, problems } from '../../../src-main/kube/report';

test('ErrorBody for each constructor', () => {
  const cases: [ReturnType<typeof fieldErrors.required>, string][] = [
    [fieldErrors.required('spec.containers'), 'Required value'],
    [fieldErrors.required('x', 'must be set'), 'Required value: must be set'],
    [fieldErrors.invalid('x', 'a"b', 'bad'), 'Invalid value: "a\\"b": bad'],
    [fieldErrors.invalid('x', 70000, 'must be between 1 and 65535, inclusive'), 'Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [fieldErrors.invalid('x', null, 'bad'), 'Invalid value: null: bad'],
    [fieldErrors.invalid('x', { shown: '[]string{"a"}' }, 'bad'), 'Invalid value: []string{"a"}: bad'],
    [fieldErrors.notSupported('x', 'Sometimes', ['Always', 'Never']), 'Unsupported value: "Sometimes": supported values: "Always", "Never"'],
    [fieldErrors.duplicate('x', 'app'), 'Duplicate value: "app"'],
    [fieldErrors.notFound('x', 'cfg'), 'Not found: "cfg"'],
    [fieldErrors.forbidden('x', 'not allowed'), 'Forbidden: not allowed'],
    [fieldErrors.tooLong('x', 63), 'Too long: must have at most 63 bytes'],
    [fieldErrors.tooMany('x', 5, 4), 'Too many: 5: must have at most 4 items'],
    [fieldErrors.internal('x', 'oops'), 'Internal error: oops'],
  ];
  for (const [e, body] of cases) assert.equal(errorBody(e), body);
  assert.equal(errorString(fieldErrors.required('spec.containers[0].image')), 'spec.containers[0].image: Required value');
});

test('an aggregate: one error alone, several in brackets, repeats once', () => {
  assert.equal(aggregate(['a']), 'a');
  assert.equal(aggregate(['a', 'b', 'a']), '[a, b]');
});

test("the importer's problems read back as the field errors Kubernetes builds", () => {
  const at = (message: string) => asFieldError({ path: 'p', message });
  assert.deepEqual(at(problems.required), fieldErrors.required('p'));
  assert.deepEqual(at(problems.invalid('a: b', 'why: this')), fieldErrors.invalid('p', 'a: b', 'why: this'));
  assert.deepEqual(at(problems.invalid(8080, 'taken')), fieldErrors.invalid('p', 8080, 'taken'));
  assert.deepEqual(at(problems.duplicate('app')), fieldErrors.duplicate('p', 'app'));
  assert.equal(errorBody(at(problems.notSupported('TCPX', ['TCP', 'UDP']))), 'Unsupported value: "TCPX": supported values: "TCP", "UDP"');
  assert.equal(errorBody(at('may not be set for init containers without restartPolicy: Always')), 'Forbidden: may not be set for init containers without restartPolicy: Always');
  assert.equal(errorBody(at('must specify one of: `configMapRef` or `secretRef`')), 'Required value: must specify one of: `configMapRef` or `secretRef`');
  assert.equal(errorBody(at('invalid base64 data')), 'Invalid value: invalid base64 data');
});
