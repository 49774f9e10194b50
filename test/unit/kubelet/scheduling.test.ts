import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeLocalNode, nodeNameFromHostname } from '../../../src-main/kubelet/node';
import { schedulePod } from '../../../src-main/kubelet/scheduling';

const node = describeLocalNode('Dev-Laptop.local', 'linux', 'x64');

test('the local node carries the well-known labels in Go spelling', () => {
  assert.equal(node.name, 'dev-laptop.local');
  assert.equal(node.labels['kubernetes.io/hostname'], 'dev-laptop.local');
  assert.equal(node.labels['kubernetes.io/os'], 'linux');
  assert.equal(node.labels['kubernetes.io/arch'], 'amd64');
  assert.equal(nodeNameFromHostname('__'), 'localhost');
});

test('a pod without constraints is assigned to the local node', () => {
  assert.deepEqual(schedulePod({}, node), { fits: true, nodeName: 'dev-laptop.local' });
});

test('a matching nodeSelector fits; a mismatching one gives the scheduler message', () => {
  assert.equal(schedulePod({ nodeSelector: { 'kubernetes.io/os': 'linux' } }, node).fits, true);
  const decision = schedulePod({ nodeSelector: { disktype: 'ssd' } }, node);
  assert.deepEqual(decision, {
    fits: false,
    message:
      "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
  });
});

test("a RuntimeClass's nodeSelector is merged into the pod's", () => {
  assert.equal(schedulePod({}, node, { 'kubernetes.io/arch': 'arm64' }).fits, false);
  assert.equal(schedulePod({}, node, { 'kubernetes.io/arch': 'amd64' }).fits, true);
});

test('spec.nodeName must name the local node', () => {
  assert.equal(schedulePod({ nodeName: 'dev-laptop.local' }, node).fits, true);
  const decision = schedulePod({ nodeName: 'other' }, node);
  assert.equal(decision.fits, false);
});
