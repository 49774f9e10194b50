import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerMounts, planPodVolumes, pvcVolumeName, type PodVolumePlan } from '../../../src-main/kubelet/volumes/plan';
import type { Container, Volume } from '../../../src-main/model';
import { makeContainer, makePod } from './fixtures';

const options = { podDir: '/data/pods/uid-123', podUid: 'uid-123', memoryDir: '/dev/shm/berth-0' };

const volumes: Volume[] = [
  { name: 'scratch', emptyDir: {} },
  { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
  { name: 'logs', hostPath: { path: '/var/log/app', type: 'DirectoryOrCreate' } },
  { name: 'cfg', configMap: { name: 'app-config', defaultMode: 0o644 } },
  { name: 'creds', secret: { secretName: 'db', defaultMode: 0o400 } },
  { name: 'info', downwardAPI: { defaultMode: 0o644, items: [] } },
  { name: 'data', persistentVolumeClaim: { claimName: 'pg-data' } },
  { name: 'frozen', persistentVolumeClaim: { claimName: 'archive', readOnly: true } },
];

function mountsOf(container: Container, plan: PodVolumePlan) {
  const result = containerMounts(container, plan);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.mounts;
}

describe('planPodVolumes', () => {
  test('each source gets its place: disk for emptyDir/configMap/downwardAPI, tmpfs for Memory and secrets', () => {
    const plan = planPodVolumes(makePod(volumes), options);
    const where = Object.fromEntries(
      plan.volumes.map((v) => [v.name, 'hostDir' in v ? v.hostDir : v.kind === 'hostPath' ? v.path : v.kind === 'persistentVolumeClaim' ? v.volumeName : '']),
    );
    assert.deepEqual(where, {
      scratch: '/data/pods/uid-123/volumes/empty-dir/scratch',
      cache: '/dev/shm/berth-0/uid-123/empty-dir/cache',
      logs: '/var/log/app',
      cfg: '/data/pods/uid-123/volumes/configmap/cfg',
      creds: '/dev/shm/berth-0/uid-123/secret/creds',
      info: '/data/pods/uid-123/volumes/downward-api/info',
      data: 'berth-pvc-shop-pg-data',
      frozen: 'berth-pvc-shop-archive',
    });
    assert.deepEqual(plan.ownedDirs, ['/data/pods/uid-123/volumes', '/dev/shm/berth-0/uid-123']);
    assert.deepEqual(plan.warnings, [
      { volume: 'cache', message: "sizeLimit 64Mi is not enforced: Berth's emptyDir is a host folder without a quota" },
    ]);
  });

  test('without a tmpfs, Memory emptyDirs and secrets fall back to disk, with a warning each', () => {
    const plan = planPodVolumes(makePod(volumes.slice(0, 5)), { podDir: '/p', podUid: 'u' });
    const cache = plan.volumes.find((v) => v.name === 'cache');
    const creds = plan.volumes.find((v) => v.name === 'creds');
    assert.ok(cache?.kind === 'emptyDir' && creds?.kind === 'secret');
    assert.equal(cache.hostDir, '/p/volumes/empty-dir/cache');
    assert.equal(cache.inMemory, false);
    assert.equal(creds.hostDir, '/p/volumes/secret/creds');
    assert.deepEqual(plan.ownedDirs, ['/p/volumes']);
    assert.deepEqual(
      plan.warnings.map((w) => `${w.volume}: ${w.message}`),
      [
        'cache: no tmpfs is available on this host: the Memory emptyDir is kept on disk',
        "cache: sizeLimit 64Mi is not enforced: Berth's emptyDir is a host folder without a quota",
        'creds: no tmpfs is available on this host: the secret files are written to disk',
      ],
    );
  });

  test('a claim volume is named after namespace and claim; a pod without namespace is in default', () => {
    assert.equal(pvcVolumeName('team-a', 'db'), 'berth-pvc-team-a-db');
    const pod = makePod([{ name: 'd', persistentVolumeClaim: { claimName: 'db' } }], undefined, { namespace: undefined });
    const [claim] = planPodVolumes(pod, options).volumes;
    assert.ok(claim?.kind === 'persistentVolumeClaim');
    assert.equal(claim.volumeName, 'berth-pvc-default-db');
    assert.equal(claim.namespace, 'default');
  });

  test('a source the importer should have refused is planned as unsupported', () => {
    const odd = { name: 'nfs-share', nfs: { server: 'x', path: '/' } } as unknown as Volume;
    const [planned] = planPodVolumes(makePod([odd]), options).volumes;
    assert.deepEqual(planned, { kind: 'unsupported', name: 'nfs-share', message: 'volume type nfs is not supported by Berth' });
  });
});

describe('containerMounts', () => {
  const plan = planPodVolumes(makePod(volumes), options);

  test('binds host folders, mounts claims as named volumes, read-only where the kubelet forces it', () => {
    const container = makeContainer({
      volumeMounts: [
        { name: 'scratch', mountPath: '/scratch' },
        { name: 'logs', mountPath: '/logs', readOnly: true },
        { name: 'cfg', mountPath: '/etc/app' },
        { name: 'creds', mountPath: '/etc/creds' },
        { name: 'info', mountPath: '/etc/podinfo' },
        { name: 'data', mountPath: '/var/lib/pg' },
        { name: 'frozen', mountPath: '/archive' },
        { name: 'cache', mountPath: '/cache' },
      ],
    });
    assert.deepEqual(
      mountsOf(container, plan).map((m) => m.spec),
      [
        { type: 'bind', source: '/data/pods/uid-123/volumes/empty-dir/scratch', target: '/scratch', readOnly: false },
        { type: 'bind', source: '/var/log/app', target: '/logs', readOnly: true },
        { type: 'bind', source: '/data/pods/uid-123/volumes/configmap/cfg', target: '/etc/app', readOnly: true },
        { type: 'bind', source: '/dev/shm/berth-0/uid-123/secret/creds', target: '/etc/creds', readOnly: true },
        { type: 'bind', source: '/data/pods/uid-123/volumes/downward-api/info', target: '/etc/podinfo', readOnly: true },
        { type: 'volume', source: 'berth-pvc-shop-pg-data', target: '/var/lib/pg', readOnly: false },
        { type: 'volume', source: 'berth-pvc-shop-archive', target: '/archive', readOnly: true },
        { type: 'bind', source: '/dev/shm/berth-0/uid-123/empty-dir/cache', target: '/cache', readOnly: false },
      ],
    );
  });

  test('a subPath binds the sub-folder and records what the host side must prepare', () => {
    const container = makeContainer({
      volumeMounts: [
        { name: 'scratch', mountPath: '/www', subPath: 'site/html/' },
        { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
        { name: 'scratch', mountPath: '/whole', subPath: '' },
      ],
    });
    const mounts = mountsOf(container, plan);
    assert.deepEqual(mounts[0], {
      volume: 'scratch',
      spec: { type: 'bind', source: '/data/pods/uid-123/volumes/empty-dir/scratch/site/html', target: '/www', readOnly: false },
      subPath: { volumeRoot: '/data/pods/uid-123/volumes/empty-dir/scratch', subPath: 'site/html' },
    });
    assert.equal(mounts[1]?.spec.source, '/data/pods/uid-123/volumes/configmap/cfg/app.conf');
    assert.equal(mounts[1]?.spec.readOnly, true);
    assert.equal(mounts[2]?.subPath, undefined, 'an empty subPath is the whole volume');
    assert.equal(mounts[2]?.spec.source, '/data/pods/uid-123/volumes/empty-dir/scratch');
  });

  test('subPath on a claim is refused: the engines cannot mount part of a named volume', () => {
    const container = makeContainer({ name: 'db', volumeMounts: [{ name: 'data', mountPath: '/var/lib/pg', subPath: 'pgdata' }] });
    assert.deepEqual(containerMounts(container, plan), {
      ok: false,
      message:
        'volumeMount "data" of container "db": subPath is not supported on persistentVolumeClaim volumes by this engine (its named volumes cannot mount a sub-directory)',
    });
  });

  test('a subPath leaving the volume and a mount of an unknown volume are errors', () => {
    const escape = makeContainer({ volumeMounts: [{ name: 'scratch', mountPath: '/x', subPath: 'a/../../etc' }] });
    const result = containerMounts(escape, plan);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /subPath "a\/\.\.\/\.\.\/etc" must be a relative path inside the volume/);

    const unknown = makeContainer({ volumeMounts: [{ name: 'nope', mountPath: '/x' }] });
    assert.deepEqual(containerMounts(unknown, plan), { ok: false, message: 'cannot find volume "nope" to mount into container "app"' });
  });

  test('a container without volumeMounts gets none', () => {
    assert.deepEqual(containerMounts(makeContainer(), plan), { ok: true, mounts: [] });
  });
});
