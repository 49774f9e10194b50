import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodRecord, StoredPod } from '../../../src-main/model';
import { PodNameConflictError } from '../../../src-main/store/index';
import { tempStore } from './helpers';

function pod(over: Partial<PodRecord> = {}): PodRecord {
  const name = over.name ?? 'web';
  return {
    uid: `uid-${name}`,
    namespace: 'default',
    name,
    manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } as StoredPod, // the store keeps any JSON
    status: { phase: 'Pending' },
    createdAt: 1000,
    deletionTimestamp: null,
    engine: null,
    ...over,
  };
}

describe('pods', () => {
  test('upsert, get by name and uid, round trip of JSON columns', () => {
    const { store, done } = tempStore();
    try {
      const p = pod({ engine: 'podman' });
      store.upsertPod(p);
      assert.deepEqual(store.getPod('default', 'web'), { ...p, resourceVersion: 1 });
      assert.deepEqual(store.getPodByUid('uid-web'), { ...p, resourceVersion: 1 });
      assert.equal(store.getPod('default', 'nope'), undefined);
      assert.equal(store.getPod('other', 'web'), undefined);
      assert.equal(store.getPodByUid('nope'), undefined);

      // upsert again: manifest/status/engine replaced, createdAt kept
      const changed = pod({ status: { phase: 'Running' }, engine: 'docker', createdAt: 5555 });
      store.upsertPod(changed);
      const got = store.getPodByUid('uid-web');
      assert.deepEqual(got?.status, { phase: 'Running' });
      assert.equal(got?.engine, 'docker');
      assert.equal(got?.createdAt, 1000);
      assert.equal(store.listPods().length, 1);
    } finally {
      done();
    }
  });

  test('listPods orders by namespace, name and filters by namespace', () => {
    const { store, done } = tempStore();
    try {
      store.upsertPod(pod({ name: 'zeta' }));
      store.upsertPod(pod({ name: 'alpha' }));
      store.upsertPod(pod({ name: 'mid', namespace: 'kube-system', uid: 'u-ks' }));
      store.upsertPod(pod({ name: 'beta', namespace: 'apps', uid: 'u-apps' }));
      assert.deepEqual(
        store.listPods().map((p) => `${p.namespace}/${p.name}`),
        ['apps/beta', 'default/alpha', 'default/zeta', 'kube-system/mid'],
      );
      assert.deepEqual(
        store.listPods('default').map((p) => p.name),
        ['alpha', 'zeta'],
      );
      assert.deepEqual(store.listPods('empty'), []);
    } finally {
      done();
    }
  });

  test('setPodStatus, markPodDeleting (first timestamp wins), removePod', () => {
    const { store, done } = tempStore();
    try {
      store.upsertPod(pod());
      assert.equal(store.setPodStatus('uid-web', { phase: 'Running', podIP: '10.0.0.2' }), true);
      assert.deepEqual(store.getPodByUid('uid-web')?.status, { phase: 'Running', podIP: '10.0.0.2' });
      assert.equal(store.setPodStatus('missing', {}), false);

      assert.equal(store.markPodDeleting('uid-web', 2000), true);
      assert.equal(store.markPodDeleting('uid-web', 3000), false);
      assert.equal(store.getPodByUid('uid-web')?.deletionTimestamp, 2000);
      assert.deepEqual(store.listPods(), [], 'deleting pods are not listed by default');
      assert.deepEqual(
        store.listPods(undefined, { includeDeleting: true }).map((p) => p.uid),
        ['uid-web'],
      );
      assert.equal(store.getPod('default', 'web')?.uid, 'uid-web', 'still found by name while terminating');

      assert.equal(store.removePod('uid-web'), true);
      assert.equal(store.removePod('uid-web'), false);
      assert.equal(store.getPodByUid('uid-web'), undefined);
      assert.equal(store.getPod('default', 'web'), undefined);
    } finally {
      done();
    }
  });

  test('a name is unique among live pods; re-applying needs the old pod deleting or removed', () => {
    const { store, done } = tempStore();
    try {
      store.upsertPod(pod({ uid: 'old' }));
      assert.throws(
        () => store.upsertPod(pod({ uid: 'new' })),
        (err: unknown) => err instanceof PodNameConflictError && err.existingUid === 'old' && /default\/web/.test(err.message),
      );
      assert.equal(store.getPodByUid('new'), undefined);

      // The same name in another namespace is fine.
      store.upsertPod(pod({ uid: 'other-ns', namespace: 'prod' }));

      // While the old pod terminates, a new one with the same name can be applied.
      store.markPodDeleting('old', 5000);
      store.upsertPod(pod({ uid: 'new', createdAt: 6000 }));
      assert.equal(store.getPod('default', 'web')?.uid, 'new', 'the live pod wins');
      assert.deepEqual(
        store.listPods('default', { includeDeleting: true }).map((p) => p.uid),
        ['old', 'new'],
      );
      assert.deepEqual(store.listPods('default').map((p) => p.uid), ['new']);

      // "Un-deleting" the old one would make two live pods: refused.
      assert.throws(() => store.upsertPod(pod({ uid: 'old', deletionTimestamp: null })), PodNameConflictError);

      store.removePod('old');
      assert.equal(store.getPodByUid('old'), undefined);
      assert.equal(store.getPod('default', 'web')?.uid, 'new');
    } finally {
      done();
    }
  });

  test('a uid cannot move to another name', () => {
    const { store, done } = tempStore();
    try {
      store.upsertPod(pod({ uid: 'u1' }));
      assert.throws(() => store.upsertPod(pod({ uid: 'u1', name: 'renamed' })), /cannot store it as default\/renamed/);
    } finally {
      done();
    }
  });
});
