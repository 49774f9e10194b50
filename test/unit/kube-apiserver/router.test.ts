import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePath, type ResourceTarget } from '../../../src-main/kube-apiserver/paths';
import { Router } from '../../../src-main/kube-apiserver/router';

const target = (path: string) => (parsePath(path) as { target: ResourceTarget }).target;
const none = new URLSearchParams();
const handler = () => undefined;

describe('Router', () => {
  test('registers only what the served-resources table lists', () => {
    const router = new Router();
    router.register({ group: '', version: 'v1', resource: 'pods' }, ['get', 'list', 'watch'], handler);
    router.register({ group: '', version: 'v1', resource: 'pods', subresource: 'log' }, ['get'], handler);
    assert.throws(() => router.register({ group: 'apps', version: 'v1', resource: 'deployments' }, ['get'], handler), /not in the served-resources table/);
    assert.throws(() => router.register({ group: '', version: 'v1', resource: 'nodes' }, ['create'], handler), /does not list create for nodes/);
    assert.throws(() => router.register({ group: '', version: 'v1', resource: 'pods', subresource: 'eviction' }, ['create'], handler), /not in the served/);
    assert.throws(() => router.register({ group: '', version: 'v1', resource: 'pods' }, ['get'], handler), /already registered/);
  });

  test('routes a request to its handler with the verb', () => {
    const router = new Router();
    router.register({ group: '', version: 'v1', resource: 'pods' }, ['list', 'watch'], handler);
    const list = router.route('GET', target('/api/v1/namespaces/default/pods'), none);
    assert.equal(list.kind, 'handler');
    assert.equal(list.kind === 'handler' && list.verb, 'list');
    const watch = router.route('GET', target('/api/v1/pods'), new URLSearchParams('watch=true'));
    assert.equal(watch.kind === 'handler' && watch.verb, 'watch');
  });

  test('answers as the apiserver does where there is no route', () => {
    const router = new Router();
    const failure = (method: string, path: string) => {
      const route = router.route(method, target(path), none);
      assert.equal(route.kind, 'failure', path);
      return route.kind === 'failure' ? route.failure : undefined;
    };
    assert.equal(failure('GET', '/apis/apps/v1/namespaces/default/deployments')!.code, 404);
    assert.equal(failure('GET', '/api/v1/namespaces/default/nodes')!.code, 404, 'a cluster-scoped resource has no namespaced path');
    assert.equal(failure('GET', '/api/v1/namespaces/default/pods/web/eviction')!.code, 404);
    assert.deepEqual(failure('POST', '/api/v1/nodes'), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server does not allow this method on the requested resource',
      reason: 'MethodNotAllowed',
      details: {},
      code: 405,
    });
    const notYet = failure('GET', '/api/v1/namespaces/default/pods/web/log')!;
    assert.equal(notYet.code, 405, 'a verb the table lists but nothing serves yet is refused as a cluster refuses a verb');
    assert.equal(notYet.message, 'Berth does not serve get on pods/log yet');
  });
});
