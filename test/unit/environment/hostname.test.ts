import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from '../../../src-main/model';
import { podHostnameAndDomain, truncatePodHostname } from '../../../src-main/kubelet/environment/hostname';

function pod(name: string, spec: Partial<Pod['spec']> = {}, namespace = 'team-a'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, enableServiceLinks: true, ...spec },
  };
}

test('the hostname is the pod name, without a domain when no subdomain is set', () => {
  assert.deepEqual(podHostnameAndDomain(pod('web-0')), { hostname: 'web-0', domain: '' });
});

test('spec.hostname wins over the pod name; spec.subdomain makes the domain', () => {
  assert.deepEqual(podHostnameAndDomain(pod('web-0', { hostname: 'db', subdomain: 'backend' })), {
    hostname: 'db',
    domain: 'backend.team-a.svc.cluster.local',
  });
  assert.equal(podHostnameAndDomain(pod('x', { subdomain: 's' }), 'berth.internal').domain, 's.team-a.svc.berth.internal');
});

test('a name of 63 characters is kept; a longer one is cut at 63', () => {
  const exactly63 = 'a'.repeat(63);
  assert.equal(podHostnameAndDomain(pod(exactly63)).hostname, exactly63);
  const long = 'b'.repeat(70);
  assert.equal(podHostnameAndDomain(pod(long)).hostname, 'b'.repeat(63));
});

test('truncation trims the trailing dashes and dots it exposes', () => {
  const name = `${'a'.repeat(60)}-.-x${'y'.repeat(10)}`; // chars 61-63 are "-.-"
  assert.equal(truncatePodHostname(name), 'a'.repeat(60));
  assert.equal(truncatePodHostname(`${'c'.repeat(62)}-more`), 'c'.repeat(62));
  // A short name is never touched, even with a dash at the end (validation forbids it anyway).
  assert.equal(truncatePodHostname('short-'), 'short-');
});
