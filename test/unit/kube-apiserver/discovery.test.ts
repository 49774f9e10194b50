// Discovery documents, against the shapes a cluster serves (kubectl get --raw /api/v1, /apis,
// aggregated discovery as k8s.io/api/apidiscovery/v2 defines it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  negotiateDiscovery,
  versionInfo,
} from '../../../src-main/kube-apiserver/discovery';
import { SERVED_RESOURCES } from '../../../src-main/kube-apiserver/resources';

type Json = Record<string, unknown>;
const resourcesIn = (list: unknown) => (list as { resources: Json[] }).resources;

describe('legacy discovery', () => {
  test('/api lists v1 with the address clients reach', () => {
    assert.deepEqual(apiVersions('127.0.0.1:16443'), {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:16443' }],
    });
  });

  test('/api/v1: every core resource of issue #12, with the pod subresources, as the apiserver writes them', () => {
    const list = apiResourceList({ group: '', version: 'v1' }) as Json;
    assert.equal(list.kind, 'APIResourceList');
    assert.equal(list.groupVersion, 'v1');
    assert.equal('apiVersion' in list, false, 'the core list carries no apiVersion');
    const names = resourcesIn(list).map((r) => r.name);
    assert.deepEqual(names, [
      'configmaps',
      'events',
      'namespaces',
      'nodes',
      'pods',
      'pods/attach',
      'pods/exec',
      'pods/log',
      'pods/portforward',
      'pods/status',
      'secrets',
      'services',
    ]);
    const pods = resourcesIn(list).find((r) => r.name === 'pods');
    assert.deepEqual(pods, {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    assert.deepEqual(
      resourcesIn(list).find((r) => r.name === 'pods/exec'),
      { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    );
    assert.deepEqual(
      resourcesIn(list).find((r) => r.name === 'pods/log'),
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
    );
    const secrets = resourcesIn(list).find((r) => r.name === 'secrets')!;
    assert.equal('shortNames' in secrets, false, 'empty lists are left out (omitempty)');
    assert.equal(resourcesIn(list).find((r) => r.name === 'nodes')!.namespaced, false);
  });

  test('/apis and the groups', () => {
    assert.deepEqual(apiGroupList(), {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        {
          name: 'events.k8s.io',
          versions: [{ groupVersion: 'events.k8s.io/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'events.k8s.io/v1', version: 'v1' },
        },
        {
          name: 'node.k8s.io',
          versions: [{ groupVersion: 'node.k8s.io/v1', version: 'v1' }],
          preferredVersion: { groupVersion: 'node.k8s.io/v1', version: 'v1' },
        },
      ],
    });
    assert.deepEqual((apiGroup('node.k8s.io') as Json).kind, 'APIGroup');
    assert.equal(apiGroup('apps'), undefined);
    const runtimeClasses = apiResourceList({ group: 'node.k8s.io', version: 'v1' }) as Json;
    assert.equal(runtimeClasses.apiVersion, 'v1');
    assert.equal(runtimeClasses.groupVersion, 'node.k8s.io/v1');
    assert.deepEqual(resourcesIn(runtimeClasses).map((r) => [r.name, r.namespaced, r.kind]), [['runtimeclasses', false, 'RuntimeClass']]);
    assert.equal(apiResourceList({ group: 'apps', version: 'v1' }), undefined);
    assert.equal(apiResourceList({ group: '', version: 'v2' }), undefined);
  });
});

describe('aggregated discovery', () => {
  test('/api: one group without a name, version v1, resources with scope and subresources', () => {
    const doc = aggregatedDiscovery('legacy', 'v2') as { kind: string; apiVersion: string; items: Json[] };
    assert.equal(doc.kind, 'APIGroupDiscoveryList');
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2');
    assert.equal(doc.items.length, 1);
    const [core] = doc.items as { metadata: Json; versions: { version: string; freshness: string; resources: Json[] }[] }[];
    assert.equal(core!.metadata.name, undefined);
    assert.equal(core!.versions[0]!.version, 'v1');
    assert.equal(core!.versions[0]!.freshness, 'Current');
    const pods = core!.versions[0]!.resources.find((r) => r.resource === 'pods');
    assert.deepEqual(pods, {
      resource: 'pods',
      responseKind: { group: '', version: '', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
      subresources: [
        { subresource: 'attach', responseKind: { group: '', version: '', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
        { subresource: 'exec', responseKind: { group: '', version: '', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
        { subresource: 'log', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
        { subresource: 'portforward', responseKind: { group: '', version: '', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Pod' }, verbs: ['get'] },
      ],
    });
    const nodes = core!.versions[0]!.resources.find((r) => r.resource === 'nodes');
    assert.equal(nodes!.scope, 'Cluster');
  });

  test('/apis: the named groups; v2beta1 for older kubectl', () => {
    const doc = aggregatedDiscovery('groups', 'v2beta1') as { apiVersion: string; items: { metadata: Json }[] };
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2beta1');
    assert.deepEqual(doc.items.map((i) => i.metadata.name), ['events.k8s.io', 'node.k8s.io']);
  });

  test('every resource of the table appears exactly once across /api and /apis', () => {
    const all = [aggregatedDiscovery('legacy', 'v2'), aggregatedDiscovery('groups', 'v2')].flatMap(
      (d) => (d as { items: { versions: { resources: Json[] }[] }[] }).items.flatMap((i) => i.versions.flatMap((v) => v.resources)),
    );
    assert.equal(all.length, SERVED_RESOURCES.length);
  });

  test('content negotiation follows the client order; the answer type echoes g, v, as', () => {
    const kubectl133 =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const kubectl127 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    assert.equal(negotiateDiscovery(kubectl133), 'v2');
    assert.equal(negotiateDiscovery(kubectl127), 'v2beta1');
    assert.equal(negotiateDiscovery('application/json'), 'legacy');
    assert.equal(negotiateDiscovery(undefined), 'legacy');
    assert.equal(negotiateDiscovery('*/*'), 'legacy');
    assert.equal(negotiateDiscovery('application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json'), 'legacy');
    assert.equal(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer'), 'v2');
    assert.equal(aggregatedContentType('v2'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });
});

describe('/version', () => {
  test('a version.Info with every field, a semver gitVersion of 1.33', () => {
    const info = versionInfo('linux', 'x64');
    assert.deepEqual(Object.keys(info), ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
    assert.equal(info.major, '1');
    assert.equal(info.minor, '33');
    assert.match(info.gitVersion!, /^v1\.33\.0\+[0-9A-Za-z.-]+$/);
    assert.equal(info.platform, 'linux/amd64');
  });
});
