import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Container, ResourceFieldSelector } from '../../../src-main/model';
import {
  fieldRefValue,
  formatMap,
  resourceFieldRefValue,
  type PodRuntimeInfo,
} from '../../../src-main/kubelet/environment/downward';
import { makeContainer, makePod } from './fixtures';

const pod = makePod([makeContainer()], { nodeName: 'dev-laptop', serviceAccountName: 'builder' }, {
  labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
  annotations: { 'example.com/Owner': 'team-a', note: 'line1\nline2 "quoted"' },
});
const info: PodRuntimeInfo = { pod, podIPs: ['172.18.0.5', 'fd00::5'], hostIPs: ['192.168.1.10', 'fe80::1'] };

function field(fieldPath: string, runtime: PodRuntimeInfo = info): string {
  const result = fieldRefValue({ apiVersion: 'v1', fieldPath }, runtime);
  assert.ok(result.ok, `${fieldPath}: ${result.ok ? '' : result.message}`);
  return result.value;
}

describe('fieldRef', () => {
  test('metadata fields', () => {
    assert.equal(field('metadata.name'), 'web');
    assert.equal(field('metadata.namespace'), 'shop');
    assert.equal(field('metadata.uid'), 'uid-123');
  });

  test('labels and annotations by key; a missing key is the empty string', () => {
    assert.equal(field("metadata.labels['app']"), 'web');
    assert.equal(field("metadata.labels['app.kubernetes.io/part-of']"), 'shop');
    assert.equal(field("metadata.annotations['example.com/Owner']"), 'team-a');
    assert.equal(field("metadata.labels['missing']"), '');
    assert.equal(field("metadata.annotations['missing']"), '');
  });

  test('whole label and annotation maps are FormatMap lines in key order', () => {
    assert.equal(field('metadata.labels'), 'app="web"\napp.kubernetes.io/part-of="shop"');
    assert.equal(formatMap({ note: 'line1\nline2 "quoted"', a: 'tab\there' }), 'a="tab\\there"\nnote="line1\\nline2 \\"quoted\\""');
    assert.equal(formatMap(undefined), '');
  });

  test('spec fields; serviceAccountName defaults to "default", nodeName to the scheduled node', () => {
    assert.equal(field('spec.nodeName'), 'dev-laptop');
    assert.equal(field('spec.host'), 'dev-laptop');
    assert.equal(field('spec.serviceAccountName'), 'builder');
    const bare = makePod([makeContainer()]);
    const bareInfo: PodRuntimeInfo = { pod: bare, podIPs: [], hostIPs: [], nodeName: 'node-1' };
    assert.equal(field('spec.serviceAccountName', bareInfo), 'default');
    assert.equal(field('spec.nodeName', bareInfo), 'node-1');
  });

  test('status IPs: the first, or all comma-joined; empty before there are any', () => {
    assert.equal(field('status.podIP'), '172.18.0.5');
    assert.equal(field('status.podIPs'), '172.18.0.5,fd00::5');
    assert.equal(field('status.hostIP'), '192.168.1.10');
    assert.equal(field('status.hostIPs'), '192.168.1.10,fe80::1');
    const none: PodRuntimeInfo = { pod, podIPs: [], hostIPs: [] };
    assert.equal(field('status.podIP', none), '');
    assert.equal(field('status.podIPs', none), '');
  });

  test('unsupported paths, subscripts and versions are errors with the kubelet messages', () => {
    assert.deepEqual(fieldRefValue({ apiVersion: 'v1', fieldPath: 'spec.restartPolicy' }, info), {
      ok: false,
      message: 'unsupported fieldPath: spec.restartPolicy',
    });
    assert.deepEqual(fieldRefValue({ apiVersion: 'v1', fieldPath: "metadata.name['x']" }, info), {
      ok: false,
      message: 'fieldPath "metadata.name[\'x\']" does not support subscript',
    });
    assert.deepEqual(fieldRefValue({ apiVersion: 'v2', fieldPath: 'metadata.name' }, info), {
      ok: false,
      message: 'unsupported pod version: v2',
    });
    assert.equal(fieldRefValue({ apiVersion: 'v1', fieldPath: "metadata.labels['bad key!']" }, info).ok, false);
  });
});

describe('resourceFieldRef', () => {
  const node = { cpu: '8', memory: '16Gi', 'ephemeral-storage': '100Gi' };
  const limited = makeContainer({
    resources: {
      limits: { cpu: '500m', memory: '128Mi', 'ephemeral-storage': '2Gi' },
      requests: { cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1G' },
    },
  });
  const unlimited = makeContainer({ name: 'sidecar', resources: { requests: { cpu: '100m' } } });
  const twoContainers = makePod([limited, unlimited]);

  function value(ref: ResourceFieldSelector, container: Container = limited): string {
    const result = resourceFieldRefValue(ref, container, twoContainers, node);
    assert.ok(result.ok, result.ok ? '' : result.message);
    return result.value;
  }

  test('cpu rounds up to whole cores by default, exact with a 1m divisor', () => {
    assert.equal(value({ resource: 'limits.cpu' }), '1');
    assert.equal(value({ resource: 'requests.cpu' }), '1');
    assert.equal(value({ resource: 'limits.cpu', divisor: '1m' }), '500');
    assert.equal(value({ resource: 'requests.cpu', divisor: '1m' }), '250');
    assert.equal(value({ resource: 'limits.cpu', divisor: '0' }), '1'); // zero divisor = unset = 1
  });

  test('memory and ephemeral storage in bytes, or rounded up to the divisor', () => {
    assert.equal(value({ resource: 'limits.memory' }), '134217728');
    assert.equal(value({ resource: 'limits.memory', divisor: '1Mi' }), '128');
    assert.equal(value({ resource: 'limits.memory', divisor: '1M' }), '135'); // 134.2 → 135
    assert.equal(value({ resource: 'requests.memory', divisor: '1Ki' }), '65536');
    assert.equal(value({ resource: 'limits.ephemeral-storage', divisor: '1Gi' }), '2');
    assert.equal(value({ resource: 'requests.ephemeral-storage', divisor: '1Gi' }), '1'); // 0.93 → 1
  });

  test('an unset limit is the node allocatable; an unset request is 0', () => {
    assert.equal(value({ resource: 'limits.cpu' }, unlimited), '8');
    assert.equal(value({ resource: 'limits.memory', divisor: '1Gi' }, unlimited), '16');
    assert.equal(value({ resource: 'limits.ephemeral-storage', divisor: '1Gi' }, unlimited), '100');
    assert.equal(value({ resource: 'requests.memory' }, unlimited), '0');
    assert.equal(value({ resource: 'requests.cpu', divisor: '1m' }, unlimited), '100');
  });

  test('containerName reads another container of the pod', () => {
    assert.equal(value({ resource: 'limits.cpu', divisor: '1m', containerName: 'app' }, unlimited), '500');
    assert.equal(value({ resource: 'limits.cpu', containerName: 'sidecar' }, limited), '8');
    assert.deepEqual(resourceFieldRefValue({ resource: 'limits.cpu', containerName: 'nope' }, limited, twoContainers, node), {
      ok: false,
      message: 'container nope not found',
    });
  });

  test('unsupported resources are errors', () => {
    assert.deepEqual(resourceFieldRefValue({ resource: 'limits.gpu' }, limited, twoContainers, node), {
      ok: false,
      message: 'Unsupported container resource : limits.gpu',
    });
  });
});
