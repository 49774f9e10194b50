// Cases after qos_test.go (TestComputePodQOS).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResourceRequirements } from '../../../src-main/model';
import { podQOSClass } from '../../../src-main/kubelet/status/qos';
import { container, podSpec } from './fixtures';

const withResources = (name: string, resources: ResourceRequirements) => container(name, { resources });

test('no requests or limits → BestEffort; zero quantities and other resources do not count', () => {
  assert.equal(podQOSClass(podSpec('Always', [container('a'), container('b')])), 'BestEffort');
  assert.equal(
    podQOSClass(podSpec('Always', [withResources('a', { requests: { cpu: '0', memory: 0 }, limits: { 'nvidia.com/gpu': 1 } })])),
    'BestEffort',
  );
});

test('equal cpu and memory requests and limits in every container → Guaranteed', () => {
  const res = { requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '0.1', memory: '104857600' } };
  assert.equal(podQOSClass(podSpec('Always', [withResources('a', res), withResources('b', res)])), 'Guaranteed');
});

test('limits only: requests default to the limits → Guaranteed', () => {
  assert.equal(podQOSClass(podSpec('Always', [withResources('a', { limits: { cpu: '1', memory: '1Gi' } })])), 'Guaranteed');
});

test('one container without limits, requests below limits, or a missing memory limit → Burstable', () => {
  const guaranteed = { limits: { cpu: '1', memory: '1Gi' } };
  assert.equal(podQOSClass(podSpec('Always', [withResources('a', guaranteed), container('b')])), 'Burstable');
  assert.equal(
    podQOSClass(podSpec('Always', [withResources('a', { requests: { cpu: '500m', memory: '1Gi' }, limits: guaranteed.limits })])),
    'Burstable',
  );
  assert.equal(podQOSClass(podSpec('Always', [withResources('a', { limits: { cpu: '1' } })])), 'Burstable');
  assert.equal(podQOSClass(podSpec('Always', [withResources('a', { requests: { memory: '10Mi' } })])), 'Burstable');
});

test('init containers count too', () => {
  const guaranteed = { limits: { cpu: '1', memory: '1Gi' } };
  const spec = podSpec('Always', [withResources('a', guaranteed)], [withResources('init', { requests: { cpu: '1' } })]);
  assert.equal(podQOSClass(spec), 'Burstable');
});
