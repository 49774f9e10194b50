import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePath, requestVerb, type ResourceTarget } from '../../../src-main/kube-apiserver/paths';

const target = (path: string): ResourceTarget => {
  const parsed = parsePath(path);
  assert.equal(parsed.kind, 'resource', path);
  return (parsed as { target: ResourceTarget }).target;
};

describe('parsePath (as the apiserver RequestInfoFactory reads paths)', () => {
  test('non-resource paths', () => {
    assert.deepEqual(parsePath('/version'), { kind: 'version' });
    assert.deepEqual(parsePath('/healthz'), { kind: 'health', check: 'healthz' });
    assert.deepEqual(parsePath('/readyz'), { kind: 'health', check: 'readyz' });
    assert.deepEqual(parsePath('/api'), { kind: 'api' });
    assert.deepEqual(parsePath('/api/'), { kind: 'api' });
    assert.deepEqual(parsePath('/apis'), { kind: 'apis' });
    assert.deepEqual(parsePath('/api/v1'), { kind: 'groupVersion', group: '', version: 'v1' });
    assert.deepEqual(parsePath('/apis/node.k8s.io'), { kind: 'group', group: 'node.k8s.io' });
    assert.deepEqual(parsePath('/apis/node.k8s.io/v1'), { kind: 'groupVersion', group: 'node.k8s.io', version: 'v1' });
    assert.deepEqual(parsePath('/metrics'), { kind: 'unknown' });
    assert.deepEqual(parsePath('/api/v1/%zz'), { kind: 'unknown' });
    assert.deepEqual(parsePath('/api/v1/namespaces/default/pods/a/log/extra'), { kind: 'unknown' });
  });

  test('core resources, namespaced and cluster-wide', () => {
    assert.deepEqual(target('/api/v1/pods'), { group: '', version: 'v1', resource: 'pods' });
    assert.deepEqual(target('/api/v1/namespaces/default/pods'), { group: '', version: 'v1', resource: 'pods', namespace: 'default' });
    assert.deepEqual(target('/api/v1/namespaces/default/pods/web'), { group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web' });
    assert.deepEqual(target('/api/v1/namespaces/dev/pods/web/log'), {
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'dev',
      name: 'web',
      subresource: 'log',
    });
    assert.deepEqual(target('/api/v1/nodes/berth'), { group: '', version: 'v1', resource: 'nodes', name: 'berth' });
  });

  test('a namespace itself, and its status subresource', () => {
    assert.deepEqual(target('/api/v1/namespaces'), { group: '', version: 'v1', resource: 'namespaces' });
    assert.deepEqual(target('/api/v1/namespaces/dev'), { group: '', version: 'v1', resource: 'namespaces', name: 'dev' });
    assert.deepEqual(target('/api/v1/namespaces/dev/status'), { group: '', version: 'v1', resource: 'namespaces', name: 'dev', subresource: 'status' });
  });

  test('named groups', () => {
    assert.deepEqual(target('/apis/node.k8s.io/v1/runtimeclasses/crun'), { group: 'node.k8s.io', version: 'v1', resource: 'runtimeclasses', name: 'crun' });
    assert.deepEqual(target('/apis/events.k8s.io/v1/namespaces/default/events'), {
      group: 'events.k8s.io',
      version: 'v1',
      resource: 'events',
      namespace: 'default',
    });
  });

  test('names are %-decoded', () => {
    assert.equal(target('/api/v1/namespaces/default/configmaps/a%2Eb').name, 'a.b');
  });
});

describe('requestVerb', () => {
  const q = (s = '') => new URLSearchParams(s);
  const collection = target('/api/v1/namespaces/default/pods');
  const object = target('/api/v1/namespaces/default/pods/web');
  test('from the method and the shape of the path', () => {
    assert.equal(requestVerb('GET', collection, q()), 'list');
    assert.equal(requestVerb('GET', collection, q('watch=true')), 'watch');
    assert.equal(requestVerb('GET', collection, q('watch=1')), 'watch');
    assert.equal(requestVerb('GET', collection, q('watch=false')), 'list');
    // strconv.ParseBool's spellings: the Python client sends `watch=True`.
    assert.equal(requestVerb('GET', collection, q('watch=True')), 'watch');
    assert.equal(requestVerb('GET', collection, q('watch=yes')), 'list', 'not a boolean ParseBool knows');
    assert.equal(requestVerb('GET', object, q()), 'get');
    assert.equal(requestVerb('POST', collection, q()), 'create');
    assert.equal(requestVerb('PUT', object, q()), 'update');
    assert.equal(requestVerb('PATCH', object, q()), 'patch');
    assert.equal(requestVerb('DELETE', object, q()), 'delete');
    assert.equal(requestVerb('DELETE', collection, q()), 'deletecollection');
    assert.equal(requestVerb('PUT', collection, q()), undefined);
    assert.equal(requestVerb('TRACE', object, q()), undefined);
  });
});
