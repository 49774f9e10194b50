import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { methodNames } from '../../../src-main/api/names';
import { methods } from '../../../src-main/api/contract';
import { channels } from '../../../src-main/ipc/channels';
import { IpcHost, type Peer } from '../../../src-main/ipc/host';
import { createBerthClient, type RendererIpc } from '../../../src-main/preload/client';
import { fakeApi } from '../../support/fake-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An in-memory ipcRenderer/ipcMain pair: the client on one side, the real IpcHost on the other. */
function wire(api = fakeApi()) {
  const listeners = new Map<string, Listener[]>();
  const host = new IpcHost<number>(api.api, { warn: () => {} });
  const sent: unknown[][] = [];
  const page: Peer<number> = {
    key: 1,
    trusted: true,
    send: (channel, ...args) => {
      for (const l of listeners.get(channel) ?? []) l({}, ...args);
    },
  };
  const ipc: RendererIpc = {
    invoke: async (channel, ...args) => {
      assert.equal(channel, channels.call);
      return structuredClone(await host.call(page, structuredClone(args[0]), structuredClone(args[1])));
    },
    send: (channel, ...args) => {
      sent.push([channel, ...args]);
      if (channel === channels.subscribe) host.subscribe(page, args[0], args[1], args[2]);
      else if (channel === channels.unsubscribe) host.unsubscribe(page, args[0]);
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
  };
  return { client: createBerthClient(ipc), api, host, sent, listeners };
}

describe('preload client', () => {
  test('has exactly one function per contract method, plus subscribe', () => {
    const { client } = wire();
    assert.deepEqual(Object.keys(client).sort(), [...methodNames, 'subscribe'].sort());
    assert.deepEqual([...methodNames].sort(), Object.keys(methods).sort());
    assert.ok(Object.isFrozen(client));
  });

  test('it listens on the push channels only, once each', () => {
    const { listeners } = wire();
    assert.deepEqual([...listeners.keys()].sort(), [channels.push, channels.subscribeFailed].sort());
    for (const list of listeners.values()) assert.equal(list.length, 1);
  });

  test('a call resolves with the value', async () => {
    const { client, api } = wire(fakeApi({ listPods: () => [{ name: 'web' }] }));
    assert.deepEqual(await client.listPods({ namespace: 'default' }), [{ name: 'web' }]);
    assert.deepEqual(api.calls, [{ method: 'listPods', input: { namespace: 'default' } }]);
  });

  test('a failed call rejects with plain error data: code, message, diagnostics', async () => {
    const { client, api } = wire();
    await assert.rejects(
      client.getPod({ namespace: 'default', name: 'x'.repeat(300) }),
      (error: unknown) => {
        const data = error as { name: string; code: string; message: string };
        assert.equal(data.name, 'ApiError');
        assert.equal(data.code, 'BadRequest');
        assert.match(data.message, /name/);
        // Plain data, so contextBridge copies every field (it keeps only the message of an Error).
        assert.equal(Object.getPrototypeOf(error), Object.prototype);
        return true;
      },
    );
    assert.deepEqual(api.calls, []);
  });

  test('subscriptions get their own pushes only, and stop on unsubscribe', () => {
    const { client, api, sent } = wire();
    const pods: unknown[] = [];
    const events: unknown[] = [];
    const stopPods = client.subscribe('pods', {}, (p) => pods.push(p));
    client.subscribe('events', { type: 'Warning' }, (e) => events.push(e));
    api.push('pods', { type: 'removed', uid: 'u', namespace: 'default', name: 'web' });
    api.push('events', [{ id: 1 }]);
    assert.equal(pods.length, 1);
    assert.deepEqual(events, [[{ id: 1 }]]);
    assert.deepEqual(api.subscriptions.map((s) => s.params), [{}, { type: 'Warning' }]);

    stopPods();
    stopPods();
    api.push('pods', { type: 'removed', uid: 'v', namespace: 'default', name: 'db' });
    assert.equal(pods.length, 1);
    assert.equal(sent.filter(([channel]) => channel === channels.unsubscribe).length, 1, 'unsubscribes once');
    assert.equal(api.subscriptions[0]!.closed, true);
  });

  test('subscription ids are unique and well-formed', () => {
    const { client, sent } = wire();
    client.subscribe('pods', {}, () => {});
    client.subscribe('pods', {}, () => {});
    const ids = sent.filter(([c]) => c === channels.subscribe).map(([, id]) => id as string);
    assert.equal(new Set(ids).size, 2);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
  });

  test('an unknown topic or a missing listener throws at once', () => {
    const { client } = wire();
    assert.throws(() => client.subscribe('nodes' as 'pods', {}, () => {}), TypeError);
    assert.throws(() => client.subscribe('pods', {}, undefined as unknown as () => void), TypeError);
  });
});
