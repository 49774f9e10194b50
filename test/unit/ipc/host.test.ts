import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { channels } from '../../../src-main/ipc/channels';
import { IpcHost, type Peer } from '../../../src-main/ipc/host';
import { fakeApi } from '../../support/fake-api';

function peer(key: number, trusted = true) {
  const sent: unknown[][] = [];
  const p: Peer<number> = { key, trusted, send: (channel, ...args) => sent.push([channel, ...args]) };
  return { peer: p, sent };
}

describe('IPC host', () => {
  test('an untrusted page can neither call nor subscribe', async () => {
    const fake = fakeApi();
    const warnings: string[] = [];
    const host = new IpcHost<number>(fake.api, { warn: (m) => warnings.push(m) });
    const { peer: stranger, sent } = peer(9, false);
    const result = await host.call(stranger, 'listPods', {});
    assert.equal(result.ok, false);
    host.subscribe(stranger, 'a', 'pods', {});
    assert.deepEqual(fake.calls, []);
    assert.deepEqual(fake.subscriptions, []);
    assert.deepEqual(sent, []);
    assert.equal(warnings.length, 2);
  });

  test('pushes go to the page on berth:push; a refused subscription is reported on its id', () => {
    const fake = fakeApi();
    const host = new IpcHost<number>(fake.api, { warn: () => {} });
    const { peer: page, sent } = peer(1);
    host.subscribe(page, 'p-1', 'pods', {});
    host.subscribe(page, 'p-2', 'nodes', {});
    fake.push('pods', { type: 'removed', uid: 'u', namespace: 'default', name: 'web' });
    assert.equal(sent.length, 2);
    assert.equal(sent[0]![0], channels.subscribeFailed);
    assert.equal(sent[0]![1], 'p-2');
    assert.equal((sent[0]![2] as { code: string }).code, 'BadRequest');
    assert.deepEqual(sent[1], [channels.push, 'p-1', { type: 'removed', uid: 'u', namespace: 'default', name: 'web' }]);
  });

  test('forgetting a page closes its subscriptions', () => {
    const fake = fakeApi();
    const host = new IpcHost<number>(fake.api, { warn: () => {} });
    const { peer: page, sent } = peer(1);
    host.subscribe(page, 'p-1', 'events', {});
    host.forget(1);
    fake.push('events', [{ id: 1 }]);
    assert.deepEqual(sent, []);
    assert.equal(fake.subscriptions[0]!.closed, true);
  });
});
