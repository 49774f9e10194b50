import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src-main/api/errors';
import { SubscriptionRegistry } from '../../../src-main/ipc/subscriptions';
import { fakeApi } from '../../support/fake-api';

function collect() {
  const pushes: [string, unknown][] = [];
  return { pushes, push: (id: string, payload: unknown) => pushes.push([id, payload]) };
}

function assertBadRequest(fn: () => void) {
  assert.throws(fn, (error: unknown) => error instanceof ApiError && error.code === 'BadRequest');
}

describe('subscription registry', () => {
  test('a subscription forwards pushes tagged with its id until it is removed', () => {
    const fake = fakeApi();
    const registry = new SubscriptionRegistry<number>(fake.api);
    const { pushes, push } = collect();
    registry.add(1, 'a-1', 'pods', { namespace: 'default' }, push);
    assert.deepEqual(fake.subscriptions.map((s) => [s.topic, s.params]), [['pods', { namespace: 'default' }]]);
    fake.push('pods', { type: 'removed', uid: 'u' });
    assert.deepEqual(pushes, [['a-1', { type: 'removed', uid: 'u' }]]);
    assert.equal(registry.remove(1, 'a-1'), true);
    assert.equal(fake.subscriptions[0]!.closed, true);
    assert.equal(registry.remove(1, 'a-1'), false, 'a second remove is a no-op');
    assert.equal(registry.count(), 0);
  });

  test('malformed subscriptions are refused before the API hears of them', () => {
    const fake = fakeApi();
    const registry = new SubscriptionRegistry<number>(fake.api);
    const { push } = collect();
    assertBadRequest(() => registry.add(1, 'a-1', 'nodes', {}, push));
    assertBadRequest(() => registry.add(1, 'a-1', '__proto__', {}, push));
    assertBadRequest(() => registry.add(1, 'a-1', 'pods', { namespace: 5 }, push));
    assertBadRequest(() => registry.add(1, 'a-1', 'pods', { extra: true }, push));
    assertBadRequest(() => registry.add(1, 'a-1', 'pods', JSON.parse('{"__proto__": {"x": 1}}'), push));
    assertBadRequest(() => registry.add(1, 'a-1', 'events', { limit: 0 }, push));
    assertBadRequest(() => registry.add(1, 'a-1', 'pods', null, push));
    for (const id of [1, '', 'has space', 'x'.repeat(65), '../x', null, { id: 1 }]) {
      assertBadRequest(() => registry.add(1, id, 'pods', {}, push));
    }
    assert.deepEqual(fake.subscriptions, []);
  });

  test('ids are per page: two pages may use the same id, one page may not reuse an open one', () => {
    const fake = fakeApi();
    const registry = new SubscriptionRegistry<number>(fake.api);
    const { push } = collect();
    registry.add(1, 's-1', 'pods', {}, push);
    registry.add(2, 's-1', 'events', {}, push);
    assertBadRequest(() => registry.add(1, 's-1', 'events', {}, push));
    assert.equal(registry.count(1), 1);
    assert.equal(registry.count(2), 1);
    assert.equal(registry.remove(2, 'unknown'), false);
    assert.equal(registry.remove(3, 's-1'), false, 'another page cannot close it');
  });

  test('dropping a page closes all of its subscriptions and no others', () => {
    const fake = fakeApi();
    const registry = new SubscriptionRegistry<number>(fake.api);
    const { push } = collect();
    registry.add(1, 'a', 'pods', {}, push);
    registry.add(1, 'b', 'events', {}, push);
    registry.add(2, 'a', 'pods', {}, push);
    assert.equal(registry.dropPage(1), 2);
    assert.deepEqual(fake.subscriptions.map((s) => s.closed), [true, true, false]);
    assert.equal(registry.count(), 1);
    registry.dropAll();
    assert.equal(registry.count(), 0);
    assert.equal(fake.subscriptions[2]!.closed, true);
  });

  test('a page cannot open unbounded subscriptions', () => {
    const registry = new SubscriptionRegistry<number>(fakeApi().api, 3);
    const { push } = collect();
    for (const id of ['a', 'b', 'c']) registry.add(1, id, 'pods', {}, push);
    assertBadRequest(() => registry.add(1, 'd', 'pods', {}, push));
    registry.add(2, 'a', 'pods', {}, push);
  });

  test('a core that refuses a subscription surfaces as an ApiError', () => {
    const api = { subscribe: () => { throw new Error('notifier closed'); } };
    const registry = new SubscriptionRegistry<number>(api);
    assert.throws(() => registry.add(1, 'a', 'pods', {}, () => {}), (e: unknown) => e instanceof ApiError && e.code === 'Internal');
    assert.equal(registry.count(), 0);
  });
});
