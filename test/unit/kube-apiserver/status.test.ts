// Status objects against k8s.io/apimachinery/pkg/api/errors/errors.go, compared with the JSON a
// cluster answers (key order included, as `kubectl get -v=8` shows the response body), and the
// importer's real reports converted to them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importManifests } from '../../../src-main/kube';
import { checkPodSecurity, podSecurityRefusal } from '../../../src-main/kube/security';
import type { Pod } from '../../../src-main/model';
import {
  fieldErrors,
  podSecurityStatus,
  statuses,
  statusFromReport,
  strictDecodingStatus,
  unknownFieldWarnings,
} from '../../../src-main/kube-apiserver/status';

const pods = { resource: 'pods' };
const runtimeClasses = { group: 'node.k8s.io', resource: 'runtimeclasses' };

describe('the constructors of errors.go', () => {
  test('NotFound, byte for byte as a cluster sends it', () => {
    assert.equal(
      JSON.stringify(statuses.notFound(pods, 'x')),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}',
    );
    // A grouped resource prints as resource.group: `runtimeclasses.node.k8s.io "gvisor" not found`.
    const s = statuses.notFound(runtimeClasses, 'gvisor');
    assert.equal(s.message, 'runtimeclasses.node.k8s.io "gvisor" not found');
    assert.deepEqual(s.details, { name: 'gvisor', group: 'node.k8s.io', kind: 'runtimeclasses' });
  });

  test('AlreadyExists and Conflict are 409 with their own reasons', () => {
    const exists = statuses.alreadyExists(pods, 'web');
    assert.deepEqual([exists.code, exists.reason, exists.message], [409, 'AlreadyExists', 'pods "web" already exists']);
    const conflict = statuses.conflict(pods, 'web');
    assert.deepEqual([conflict.code, conflict.reason], [409, 'Conflict']);
    // kubectl: Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; …
    assert.equal(conflict.message, 'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
    assert.equal(statuses.conflict(pods, 'web', 'Precondition failed: UID in precondition: a, UID in object meta: b').message, 'Operation cannot be fulfilled on pods "web": Precondition failed: UID in precondition: a, UID in object meta: b');
  });

  test('Invalid: 422, the kind in details, one cause per field error, the aggregate in the message', () => {
    const one = statuses.invalid({ kind: 'Pod' }, 'x', [fieldErrors.required('spec.containers[0].image')]);
    assert.equal(
      JSON.stringify(one),
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \\"x\\" is invalid: spec.containers[0].image: Required value","reason":"Invalid","details":{"name":"x","kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]},"code":422}',
    );
    const two = statuses.invalid({ kind: 'Pod' }, 'x', [
      fieldErrors.invalid('metadata.name', 'Web_1', 'a lowercase RFC 1123 subdomain …'),
      fieldErrors.notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']),
      fieldErrors.duplicate('spec.containers[1].name', 'app'),
      fieldErrors.forbidden('spec.containers[0].lifecycle', 'may not be set for init containers'),
    ]);
    assert.equal(
      two.message,
      'Pod "x" is invalid: [metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain …, ' +
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", ' +
        'spec.containers[1].name: Duplicate value: "app", ' +
        'spec.containers[0].lifecycle: Forbidden: may not be set for init containers]',
    );
    assert.deepEqual(two.details!.causes!.map((c) => c.reason), ['FieldValueInvalid', 'FieldValueNotSupported', 'FieldValueDuplicate', 'FieldValueForbidden']);
    assert.equal(two.details!.causes![1]!.message, 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    assert.equal(statuses.invalid({ kind: 'RuntimeClass', group: 'node.k8s.io' }, 'r', []).message, 'RuntimeClass.node.k8s.io "r" is invalid');
  });

  test('Forbidden, with and without a name or a resource', () => {
    const f = statuses.forbidden(pods, 'web', 'violates PodSecurity "baseline:latest": privileged');
    assert.deepEqual([f.code, f.reason, f.message], [403, 'Forbidden', 'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged']);
    assert.equal(statuses.forbidden(pods, '', 'no').message, 'pods is forbidden: no');
    assert.equal(statuses.forbidden(null, '', 'no').message, 'forbidden: no');
  });

  test('Gone and Expired: the watch cache says which version is too old', () => {
    const s = statuses.tooOldResourceVersion(5, 41);
    assert.deepEqual([s.code, s.reason, s.message], [410, 'Expired', 'too old resource version: 5 (41)']);
    assert.deepEqual([statuses.gone('gone').code, statuses.gone('gone').reason], [410, 'Gone']);
  });

  test('the request errors: codes, reasons and texts', () => {
    const cases = [
      [statuses.badRequest('bad'), 400, 'BadRequest', 'bad'],
      [statuses.unauthorized(), 401, 'Unauthorized', 'not authorized'],
      [statuses.unauthorized('Unauthorized'), 401, 'Unauthorized', 'Unauthorized'],
      [statuses.methodNotSupported(pods, 'create'), 405, 'MethodNotAllowed', 'create is not supported on resources of kind "pods"'],
      [statuses.notAcceptable(['application/json', 'application/yaml']), 406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml'],
      [statuses.notAcceptableAsTable(pods), 406, 'NotAcceptable', 'the resource pods does not support being converted to a Table'],
      [statuses.requestEntityTooLarge('limit is 3145728'), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'],
      [statuses.unsupportedMediaType(['application/json']), 415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json'],
      [statuses.tooManyRequests('slow down', 1), 429, 'TooManyRequests', 'slow down'],
      [statuses.internalError('boom'), 500, 'InternalError', 'Internal error occurred: boom'],
      [statuses.serviceUnavailable('later'), 503, 'ServiceUnavailable', 'later'],
    ] as const;
    for (const [s, code, reason, message] of cases) assert.deepEqual([s.code, s.reason, s.message], [code, reason, message]);
    assert.deepEqual(statuses.internalError('boom').details, { causes: [{ message: 'boom' }] });
    assert.deepEqual(statuses.tooManyRequests('slow down', 1).details, { retryAfterSeconds: 1 });
    assert.deepEqual(statuses.methodNotSupported(pods, 'create').details, { kind: 'pods' });
    assert.equal('details' in statuses.badRequest('bad'), false);
  });
});

describe("the importer's report as the API server's answer", () => {
  const report = (yaml: string) => {
    const r = importManifests(yaml, 'pod.yaml');
    return [...r.errors, ...r.warnings];
  };

  test('a container without an image: what kubectl apply prints for a cluster', () => {
    const s = statusFromReport({ kind: 'Pod', name: 'x' }, report('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n'));
    // The Error from server (Invalid): error when creating "pod.yaml": Pod "x" is invalid: spec.containers[0].image: Required value
    assert.equal(s?.message, 'Pod "x" is invalid: spec.containers[0].image: Required value');
    assert.deepEqual(s?.details?.causes, [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' }]);
    assert.equal(s?.code, 422);
  });

  test('invalid, duplicate and unsupported values keep the value, typed as Kubernetes types them', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: "Web_1"}',
      'spec:',
      '  restartPolicy: Sometimes',
      '  containers:',
      '  - {name: app, image: nginx}',
      '  - {name: app, image: nginx}',
    ].join('\n');
    const s = statusFromReport({ kind: 'Pod', name: 'Web_1' }, report(yaml));
    const causes = s?.details?.causes ?? [];
    assert.deepEqual(causes.map((c) => [c.reason, c.field]), [
      ['FieldValueInvalid', 'metadata.name'],
      ['FieldValueNotSupported', 'spec.restartPolicy'],
      ['FieldValueDuplicate', 'spec.containers[1].name'],
    ]);
    assert.match(causes[0]!.message!, /^Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of/);
    assert.equal(causes[1]!.message, 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    assert.equal(causes[2]!.message, 'Duplicate value: "app"');
    assert.ok(s?.message?.startsWith('Pod "Web_1" is invalid: [metadata.name: Invalid value: "Web_1": '), s?.message);
  });

  test('a clean object has no Status; one that cannot be read is a BadRequest', () => {
    assert.equal(statusFromReport({ kind: 'Pod', name: 'web' }, report('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: nginx}]\n')), null);
    const unreadable = statusFromReport({ kind: 'Pod', name: '' }, report('- just\n- a list\n'));
    assert.equal(unreadable?.code, 400);
  });

  test('unknown fields: warnings for Warn, the strict decoding error for Strict', () => {
    const diagnostics = report('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: nginx, imagePullPolicyy: Always}]\n');
    assert.deepEqual(unknownFieldWarnings(diagnostics), ['unknown field "spec.containers[0].imagePullPolicyy"']);
    const strict = strictDecodingStatus('Pod', 'v1', diagnostics);
    // kubectl apply --validate=strict against a cluster:
    // Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"
    assert.equal(strict?.message, 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"');
    assert.equal(strict?.code, 400);
    assert.equal(statusFromReport({ kind: 'Pod', name: 'web' }, diagnostics), null);
  });

  test('a Pod Security refusal is the admission plugin\'s 403, in the words Berth already uses', () => {
    const result = importManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: nginx}]\n', 'pod.yaml');
    const verdict = checkPodSecurity(result.objects[0] as Pod);
    const s = podSecurityStatus('web', verdict);
    assert.equal(s.code, 403);
    assert.equal(s.message, podSecurityRefusal('web', verdict));
    // check_hostNamespaces.go: ForbiddenReason "host namespaces", the detail the namespaces set.
    assert.match(s.message!, /^pods "web" is forbidden: violates PodSecurity "baseline:latest": host namespaces \(hostNetwork\)$/);
  });
});
