// Field selectors against fields.ParseSelector (k8s.io/apimachinery/pkg/fields/selector.go, cases
// from its selector_test.go) and the per-kind labels of pkg/apis/core/v1/conversion.go and the
// registries' ToSelectableFields.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  convertFieldLabel,
  escapeFieldValue,
  formatFieldSelector,
  matchesFields,
  matchesSelectors,
  parseFieldSelector,
  parseFieldSelectorFor,
  parseLabelSelector,
  selectableFields,
  supportedFieldLabels,
} from '../../../../src-main/kube/selectors';

function parsed(text: string) {
  const result = parseFieldSelector(text);
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.message}`);
  return result.value;
}

describe('fields.ParseSelector', () => {
  test('terms are sorted, == reads as =, and an empty selector has none', () => {
    assert.deepEqual(parsed(''), []);
    assert.deepEqual(parsed('b=2,a==1,c!=3'), [
      { field: 'a', operator: '=', value: '1' },
      { field: 'b', operator: '=', value: '2' },
      { field: 'c', operator: '!=', value: '3' },
    ]);
    assert.deepEqual(parsed('x='), [{ field: 'x', operator: '=', value: '' }]);
    assert.deepEqual(parsed('a=b,,'), [{ field: 'a', operator: '=', value: 'b' }]);
    // The first operator splits the term: the field part has no escaping.
    assert.deepEqual(parsed('a!=b'), [{ field: 'a', operator: '!=', value: 'b' }]);
  });

  test('escaped commas, equals signs and backslashes are part of the value', () => {
    // TestSelectorParse: `x=a\,b` … `x=a\=b` … `x=a\\b`
    assert.deepEqual(parsed('x=a\\,b'), [{ field: 'x', operator: '=', value: 'a,b' }]);
    assert.deepEqual(parsed('x=a\\=b'), [{ field: 'x', operator: '=', value: 'a=b' }]);
    assert.deepEqual(parsed('x=a\\\\b'), [{ field: 'x', operator: '=', value: 'a\\b' }]);
    assert.deepEqual(parsed('x=a\\,b,y=c'), [
      { field: 'x', operator: '=', value: 'a,b' },
      { field: 'y', operator: '=', value: 'c' },
    ]);
    for (const value of ['plain', 'a,b', 'a=b', 'a\\b', '\\,=']) {
      assert.deepEqual(parsed(`f=${escapeFieldValue(value)}`), [{ field: 'f', operator: '=', value }], value);
    }
    assert.equal(formatFieldSelector(parsed('b=x\\,y,a!=z')), 'a!=z,b=x\\,y');
  });

  test('the error texts', () => {
    const cases: [string, string][] = [
      // `invalid selector: '%s'; can't understand '%s'`
      ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
      ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
      // InvalidEscapeSequence / UnescapedRune (the rune prints as its number with %v)
      ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
      ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
      ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ];
    for (const [input, message] of cases) {
      const result = parseFieldSelector(input);
      assert.ok(!result.ok, input);
      assert.equal(result.message, message, input);
    }
  });

  test('a field the object does not have reads as the empty string', () => {
    const fields = { 'status.phase': 'Running' };
    assert.equal(matchesFields(parsed('status.phase=Running'), fields), true);
    assert.equal(matchesFields(parsed('status.phase!=Running'), fields), false);
    assert.equal(matchesFields(parsed('spec.nodeName='), fields), true);
    assert.equal(matchesFields(parsed('spec.nodeName!=n1'), fields), true);
    assert.equal(matchesFields(parsed('status.phase=Running,spec.nodeName=n1'), fields), false);
  });
});

describe('field labels per kind', () => {
  test('pods accept the labels conversion.go lists, and spec.host is renamed for old clients', () => {
    assert.deepEqual(supportedFieldLabels('Pod'), [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ]);
    assert.deepEqual(convertFieldLabel('Pod', 'spec.host'), { ok: true, value: 'spec.nodeName' });
    // kubectl: Error from server (BadRequest): … field label not supported: status.hostIP
    assert.deepEqual(convertFieldLabel('Pod', 'status.hostIP'), { ok: false, message: 'field label not supported: status.hostIP' });
  });

  test('events, secrets, namespaces; every other kind has name and namespace only', () => {
    for (const label of ['involvedObject.kind', 'involvedObject.uid', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type']) {
      assert.equal(convertFieldLabel('Event', label).ok, true, label);
    }
    assert.equal(convertFieldLabel('Secret', 'type').ok, true);
    assert.equal(convertFieldLabel('Secret', 'data').ok, false);
    assert.equal(convertFieldLabel('Namespace', 'status.phase').ok, true);
    // The namespace conversion lists no metadata.namespace.
    assert.deepEqual(convertFieldLabel('Namespace', 'metadata.namespace'), {
      ok: false,
      message: 'field label not supported: metadata.namespace',
    });
    assert.equal(convertFieldLabel('ConfigMap', 'metadata.name').ok, true);
    // runtime.DefaultMetaV1FieldSelectorConversion: `%q is not a known field selector: only %q, %q`
    assert.deepEqual(convertFieldLabel('ConfigMap', 'data.x'), {
      ok: false,
      message: '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    });
  });

  test('a selector for a kind fails at the first unsupported label in sorted order', () => {
    assert.deepEqual(parseFieldSelectorFor('Pod', 'status.hostIP=1,spec.foo=2'), { ok: false, message: 'field label not supported: spec.foo' });
    assert.deepEqual(parseFieldSelectorFor('Pod', 'spec.host=n1'), { ok: true, value: [{ field: 'spec.nodeName', operator: '=', value: 'n1' }] });
  });
});

describe('selectable fields of an object', () => {
  const pod = {
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'berth', restartPolicy: 'Always', serviceAccountName: 'default', schedulerName: 'default-scheduler' },
    status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }] },
  };

  test('a pod (ToSelectableFields: hostNetwork defaults to "false", status.podIP is the first of podIPs)', () => {
    assert.deepEqual(selectableFields('Pod', pod), {
      'metadata.name': 'web',
      'metadata.namespace': 'default',
      'spec.nodeName': 'berth',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
    assert.equal(selectableFields('Pod', { ...pod, spec: { ...pod.spec, hostNetwork: true } })['spec.hostNetwork'], 'true');
  });

  test('an event, as kubectl describe asks for it; source falls back to reportingComponent', () => {
    const event = {
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
      reason: 'FailedPostStartHook',
      type: 'Warning',
      reportingComponent: 'kubelet',
      source: {},
    };
    const fields = selectableFields('Event', event);
    assert.equal(fields.source, 'kubelet');
    assert.equal(fields['involvedObject.resourceVersion'], '');
    // kubectl describe pod: involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u1
    const selector = parseFieldSelectorFor('Event', 'involvedObject.name=web,involvedObject.namespace=default,involvedObject.uid=u1');
    assert.ok(selector.ok);
    assert.equal(matchesSelectors('Event', event, { fields: selector.value }), true);
    assert.equal(matchesSelectors('Event', { ...event, involvedObject: { ...event.involvedObject, uid: 'u2' } }, { fields: selector.value }), false);
  });

  test('cluster-scoped kinds have no metadata.namespace field, so it reads as ""', () => {
    assert.deepEqual(selectableFields('RuntimeClass', { metadata: { name: 'runc' } }, false), { 'metadata.name': 'runc' });
    assert.deepEqual(selectableFields('Namespace', { metadata: { name: 'default' }, status: { phase: 'Active' } }), {
      'metadata.name': 'default',
      'status.phase': 'Active',
    });
  });

  test('label and field selectors together', () => {
    const labels = parseLabelSelector('app=web');
    const fields = parseFieldSelectorFor('Pod', 'status.phase=Running');
    assert.ok(labels.ok && fields.ok);
    assert.equal(matchesSelectors('Pod', pod, { labels: labels.value, fields: fields.value }), true);
    assert.equal(matchesSelectors('Pod', { ...pod, metadata: { ...pod.metadata, labels: {} } }, { labels: labels.value }), false);
    assert.equal(matchesSelectors('Pod', pod, {}), true);
  });
});
