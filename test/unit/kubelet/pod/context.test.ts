// PodContext: what a sync derives once from the pod record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PodContext } from '../../../../src-main/kubelet/pod/context';
import type { StoredPod } from '../../../../src-main/model';
import { container, podSpec, sidecar } from '../../status/fixtures';

const UID = '0123456789abcdef';

function contextOf(spec: Omit<StoredPod['spec'], 'terminationGracePeriodSeconds'> & { terminationGracePeriodSeconds?: number }, metadata: StoredPod['metadata'] = { name: 'web' }, namespace = 'shop') {
  return new PodContext({ uid: UID, record: { manifest: { apiVersion: 'v1', kind: 'Pod', metadata, spec: spec as StoredPod['spec'] }, namespace }, nodeName: 'laptop', now: () => 42 });
}

test('the record gives the namespace, the uid and the full name', () => {
  const ctx = contextOf(podSpec('Always', [container('main')]), { name: 'web', namespace: 'other' });
  assert.equal(ctx.namespace, 'shop');
  assert.equal(ctx.pod.metadata.namespace, 'shop');
  assert.equal(ctx.pod.metadata.uid, UID);
  assert.equal(ctx.name, 'web');
  assert.equal(ctx.fullName, `web_shop(${UID})`);
  assert.deepEqual(ctx.identity, { uid: UID, namespace: 'shop', name: 'web' });
});

test('the manifest is not changed', () => {
  const metadata = { name: 'web' };
  contextOf(podSpec('Always', [container('main')]), metadata);
  assert.deepEqual(metadata, { name: 'web' });
});

test('the grace period is defaulted to 30 s; 0 stays 0', () => {
  const { terminationGracePeriodSeconds: _, ...undefaulted } = podSpec('Always', [container('main')]);
  assert.equal(contextOf(undefaulted).gracePeriodSeconds, 30);
  assert.equal(contextOf({ ...undefaulted, terminationGracePeriodSeconds: 0 }).gracePeriodSeconds, 0);
  assert.equal(contextOf({ ...undefaulted, terminationGracePeriodSeconds: 5 }).gracePeriodSeconds, 5);
});

test('containers: spec lookup, kind and field path', () => {
  const ctx = contextOf(podSpec('Always', [container('main')], [container('setup'), sidecar('proxy')]));
  assert.deepEqual(ctx.allContainers.map((c) => c.name), ['setup', 'proxy', 'main']);
  assert.equal(ctx.specOf('proxy')?.restartPolicy, 'Always');
  assert.equal(ctx.specOf('nope'), undefined);
  assert.equal(ctx.kindOf('setup'), 'init');
  assert.equal(ctx.kindOf('proxy'), 'sidecar');
  assert.equal(ctx.kindOf('main'), 'app');
  assert.equal(ctx.kindOf('nope'), 'app');
  assert.equal(ctx.fieldPathOf('main'), 'spec.containers{main}');
  assert.equal(ctx.fieldPathOf('proxy'), 'spec.initContainers{proxy}');
});

test('events are the kubelet\'s, on the pod or one of its containers, stamped by the clock', () => {
  const ctx = contextOf(podSpec('Always', [container('main')]));
  assert.deepEqual(ctx.event('Normal', 'SandboxChanged', 'changed'), {
    involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web', uid: UID },
    type: 'Normal',
    reason: 'SandboxChanged',
    message: 'changed',
    source: { component: 'kubelet', host: 'laptop' },
    timestamp: 42,
  });
  assert.equal(ctx.containerEvent('Normal', 'Started', 'Started container main', 'main').involvedObject.fieldPath, 'spec.containers{main}');
});
