// The stop signal Berth reads back from an engine container, by name on both engines: Docker's
// inspect reports `Config.StopSignal` as given, Podman's as a number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerDetails } from '../../../src-main/engine/container-spec';
import { linuxSignalName, stopSignalOf } from '../../../src-main/kubelet/observe';

const details = (stopSignal?: string) => (stopSignal === undefined ? {} : { stopSignal }) as ContainerDetails;

test('stopSignalOf: names as given, Podman numbers as names, SIGTERM by default', () => {
  assert.equal(stopSignalOf(details()), 'SIGTERM');
  assert.equal(stopSignalOf(details('SIGUSR1')), 'SIGUSR1');
  assert.equal(stopSignalOf(details('QUIT')), 'SIGQUIT');
  assert.equal(stopSignalOf(details('15')), 'SIGTERM');
  assert.equal(stopSignalOf(details('10')), 'SIGUSR1');
  assert.equal(stopSignalOf(details('36')), 'SIGRTMIN+2');
  assert.equal(stopSignalOf(details('99')), '99');
});

test('linuxSignalName: the real-time range', () => {
  assert.equal(linuxSignalName(34), 'SIGRTMIN');
  assert.equal(linuxSignalName(49), 'SIGRTMIN+15');
  assert.equal(linuxSignalName(50), 'SIGRTMAX-14');
  assert.equal(linuxSignalName(64), 'SIGRTMAX');
  assert.equal(linuxSignalName(32), undefined);
});
