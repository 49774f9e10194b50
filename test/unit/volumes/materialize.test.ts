import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { ConfigMap, Pod, Secret, Volume } from '../../../src-main/model';
import { materializePodVolumes, removePodVolumes, type VolumeSourceLookups } from '../../../src-main/kubelet/volumes/materialize';
import { hostMemoryDir } from '../../../src-main/kubelet/volumes/memory-dir';
import { checkHostPathType } from '../../../src-main/kubelet/volumes/host-path';
import { planPodVolumes, type PodVolumePlan } from '../../../src-main/kubelet/volumes/plan';
import { prepareSubPath } from '../../../src-main/kubelet/volumes/sub-path';
import { makeTempDir } from '../../support/temp';
import { makeConfigMap, makeContainer, makePod, makeSecret } from './fixtures';

const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8);
const isRoot = process.getuid?.() === 0;

function lookups(configMaps: ConfigMap[] = [], secrets: Secret[] = []): VolumeSourceLookups {
  return {
    configMap: (ns, name) => configMaps.find((c) => c.metadata.name === name && ns === 'shop'),
    // Async on purpose: the store may answer either way.
    secret: async (ns, name) => secrets.find((s) => s.metadata.name === name && ns === 'shop'),
    nodeAllocatable: { cpu: '2', memory: '4Gi' },
  };
}

describe('materializePodVolumes', () => {
  let temp: { path: string; remove: () => void };
  let podDir: string;
  let memoryDir: string;

  beforeEach(() => {
    temp = makeTempDir('berth-volumes-');
    podDir = join(temp.path, 'pods', 'uid-123');
    memoryDir = join(temp.path, 'shm');
    mkdirSync(memoryDir, { mode: 0o700 });
  });
  afterEach(() => temp.remove());

  const plan = (pod: Pod): PodVolumePlan => planPodVolumes(pod, { podDir, podUid: 'uid-123', memoryDir });

  test('a configMap volume is laid out as the atomic writer does: ..data, a timestamped folder, key symlinks', async () => {
    const pod = makePod([
      { name: 'cfg', configMap: { name: 'app', defaultMode: 0o644, items: [{ key: 'app.conf', path: 'conf/app.conf' }, { key: 'level', path: 'level', mode: 0o600 }] } },
    ]);
    const p = plan(pod);
    const result = await materializePodVolumes(pod, p, lookups([makeConfigMap('app', { 'app.conf': 'port=80\n', level: 'debug' })]));
    assert.deepEqual(result, { errors: [], warnings: [] });

    const dir = join(podDir, 'volumes', 'configmap', 'cfg');
    const entries = readdirSync(dir).sort();
    assert.equal(entries.length, 4, entries.join(' '));
    const ts = entries.find((e) => /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\..+$/.test(e));
    assert.ok(ts, `a timestamped folder among ${entries.join(' ')}`);
    assert.equal(readlinkSync(join(dir, '..data')), ts);
    assert.equal(readlinkSync(join(dir, 'conf')), '..data/conf');
    assert.equal(readlinkSync(join(dir, 'level')), '..data/level');
    assert.equal(readFileSync(join(dir, 'conf', 'app.conf'), 'utf8'), 'port=80\n');
    assert.equal(readFileSync(join(dir, 'level'), 'utf8'), 'debug');
    assert.equal(mode(join(dir, 'conf', 'app.conf')), '644');
    assert.equal(mode(join(dir, 'level')), '600');
    assert.equal(mode(join(dir, ts)), '755');
    assert.equal(mode(dir), '755', 'any container user can enter the volume');
  });

  test('secrets go to the memory folder decoded, with defaultMode; the folders above are private', async () => {
    const pod = makePod([{ name: 'creds', secret: { secretName: 'db', defaultMode: 0o440 } }]);
    const result = await materializePodVolumes(pod, plan(pod), lookups([], [makeSecret('db', { password: 'pa55\n', key: Buffer.from([1, 2, 3]) })]));
    assert.deepEqual(result.errors, []);
    const dir = join(memoryDir, 'uid-123', 'secret', 'creds');
    assert.equal(readFileSync(join(dir, 'password'), 'utf8'), 'pa55\n');
    assert.deepEqual([...readFileSync(join(dir, 'key'))], [1, 2, 3]);
    assert.equal(mode(join(dir, 'password')), '440');
    assert.equal(mode(join(memoryDir, 'uid-123')), '700');
    assert.equal(mode(join(memoryDir, 'uid-123', 'secret')), '700');
    assert.equal(existsSync(join(podDir, 'volumes', 'secret')), false, 'nothing of the secret on disk');
  });

  test('each failing volume gets its own kubelet error; the others are still set up', async () => {
    const pod = makePod([
      { name: 'a', configMap: { name: 'missing', defaultMode: 0o644 } },
      { name: 'b', configMap: { name: 'missing', defaultMode: 0o644, optional: true } },
      { name: 'c', secret: { secretName: 'gone', defaultMode: 0o644 } },
      { name: 'd', configMap: { name: 'app', defaultMode: 0o644, items: [{ key: 'nope', path: 'x' }] } },
      { name: 'e', hostPath: { path: join(temp.path, 'not-there'), type: 'Directory' } },
      { name: 'f', emptyDir: {} },
      { name: 'g', nfs: { server: 'x' } } as unknown as Volume,
    ]);
    const result = await materializePodVolumes(pod, plan(pod), lookups([makeConfigMap('app', { k: 'v' })]));
    assert.deepEqual(result.errors, [
      { volume: 'a', message: 'configmap "missing" not found' },
      { volume: 'c', message: 'secret "gone" not found' },
      { volume: 'd', message: 'configmap references non-existent config key: nope' },
      { volume: 'e', message: `hostPath type check failed: ${join(temp.path, 'not-there')} is not a directory` },
      { volume: 'g', message: 'volume type nfs is not supported by Berth' },
    ]);
    assert.deepEqual(readdirSync(join(podDir, 'volumes', 'configmap', 'b')).sort(), ['..data', readlinkSync(join(podDir, 'volumes', 'configmap', 'b', '..data'))].sort(), 'an optional missing configMap is an empty volume');
    assert.equal(statSync(join(podDir, 'volumes', 'empty-dir', 'f')).isDirectory(), true);
  });

  test('an emptyDir is 0777 and keeps its contents when set up again (app restart)', async () => {
    const pod = makePod([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'app', defaultMode: 0o644 } }]);
    const p = plan(pod);
    const maps = [makeConfigMap('app', { k: 'v1' })];
    await materializePodVolumes(pod, p, lookups(maps));
    const dir = join(podDir, 'volumes', 'empty-dir', 'scratch');
    assert.equal(mode(dir), '777');
    writeFileSync(join(dir, 'work.txt'), 'kept');
    chmodSync(dir, 0o750); // a container's own chmod is not undone either
    const cfgDir = join(podDir, 'volumes', 'configmap', 'cfg');
    const firstTs = readlinkSync(join(cfgDir, '..data'));

    const again = await materializePodVolumes(pod, planPodVolumes(pod, { podDir, podUid: 'uid-123', memoryDir }), lookups(maps));
    assert.deepEqual(again.errors, []);
    assert.equal(readFileSync(join(dir, 'work.txt'), 'utf8'), 'kept');
    assert.equal(mode(dir), '750');
    assert.equal(readlinkSync(join(cfgDir, '..data')), firstTs, 'an unchanged payload is not rewritten');
  });

  test('a changed configMap is swapped in atomically; keys that went away disappear', async () => {
    const pod = makePod([{ name: 'cfg', configMap: { name: 'app', defaultMode: 0o644 } }]);
    const p = plan(pod);
    await materializePodVolumes(pod, p, lookups([makeConfigMap('app', { a: '1', b: '2' })]));
    const dir = join(podDir, 'volumes', 'configmap', 'cfg');
    const firstTs = readlinkSync(join(dir, '..data'));
    await new Promise((r) => setTimeout(r, 5));
    await materializePodVolumes(pod, p, lookups([makeConfigMap('app', { a: '10', c: '3' })]));
    const secondTs = readlinkSync(join(dir, '..data'));
    assert.notEqual(secondTs, firstTs);
    assert.deepEqual(readdirSync(dir).sort(), ['..data', secondTs, 'a', 'c'].sort());
    assert.equal(readFileSync(join(dir, 'a'), 'utf8'), '10');
    assert.equal(readFileSync(join(dir, 'c'), 'utf8'), '3');
  });

  test('a downwardAPI volume holds the labels formatted as the kubelet does', async () => {
    const pod = makePod(
      [{ name: 'info', downwardAPI: { defaultMode: 0o644, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } }],
      [makeContainer()],
      { labels: { zone: 'b', app: 'web' } },
    );
    assert.deepEqual((await materializePodVolumes(pod, plan(pod), lookups())).errors, []);
    assert.equal(readFileSync(join(podDir, 'volumes', 'downward-api', 'info', 'labels'), 'utf8'), 'app="web"\nzone="b"');
  });

  test('fsGroup gives the group to the volume files and g+r (read-only volumes) / g+rw (emptyDir)', { skip: !isRoot && 'needs root to chown' }, async () => {
    const pod = makePod([{ name: 'creds', secret: { secretName: 'db', defaultMode: 0o400 } }, { name: 'scratch', emptyDir: {} }]);
    pod.spec.securityContext = { fsGroup: 4242 };
    const result = await materializePodVolumes(pod, plan(pod), lookups([], [makeSecret('db', { password: 'x' })]));
    assert.deepEqual(result, { errors: [], warnings: [] });
    const secretFile = join(memoryDir, 'uid-123', 'secret', 'creds', 'password');
    assert.equal(statSync(secretFile).gid, 4242);
    assert.equal(mode(secretFile), '440');
    const scratch = join(podDir, 'volumes', 'empty-dir', 'scratch');
    assert.equal(statSync(scratch).gid, 4242);
    assert.equal(mode(scratch), '2777');
  });

  test('removePodVolumes removes the pod folders, not a hostPath, and follows no symlink', async () => {
    const hostDir = join(temp.path, 'host-data');
    mkdirSync(hostDir);
    writeFileSync(join(hostDir, 'precious'), 'x');
    const pod = makePod([
      { name: 'scratch', emptyDir: {} },
      { name: 'mem', emptyDir: { medium: 'Memory' } },
      { name: 'h', hostPath: { path: hostDir } },
    ]);
    const p = plan(pod);
    await materializePodVolumes(pod, p, lookups());
    // A container planted a symlink to the host folder in its emptyDir.
    symlinkSync(hostDir, join(podDir, 'volumes', 'empty-dir', 'scratch', 'escape'));
    assert.equal(statSync(join(memoryDir, 'uid-123', 'empty-dir', 'mem')).isDirectory(), true);

    await removePodVolumes(p);
    assert.equal(existsSync(join(podDir, 'volumes')), false);
    assert.equal(existsSync(join(memoryDir, 'uid-123')), false);
    assert.equal(existsSync(podDir), true, 'the pod folder itself belongs to the runtime');
    assert.equal(readFileSync(join(hostDir, 'precious'), 'utf8'), 'x');
    await removePodVolumes(p); // twice is fine
  });
});

describe('hostPath type checks', () => {
  let temp: { path: string; remove: () => void };
  let server: Server;
  let socketPath: string;
  before(async () => {
    temp = makeTempDir('berth-hostpath-');
    mkdirSync(join(temp.path, 'dir'));
    writeFileSync(join(temp.path, 'file'), 'x');
    socketPath = join(temp.path, 'app.sock');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    temp.remove();
  });

  const at = (name: string): string => join(temp.path, name);

  test('no type: no check at all', async () => {
    assert.deepEqual(await checkHostPathType(at('whatever'), ''), { ok: true });
    assert.equal(existsSync(at('whatever')), false);
  });

  test('DirectoryOrCreate creates the folders 0755; an existing file is refused', async () => {
    assert.deepEqual(await checkHostPathType(at('new/nested'), 'DirectoryOrCreate'), { ok: true });
    assert.equal(mode(at('new/nested')), '755');
    assert.deepEqual(await checkHostPathType(at('dir'), 'DirectoryOrCreate'), { ok: true });
    assert.deepEqual(await checkHostPathType(at('file'), 'DirectoryOrCreate'), {
      ok: false,
      message: `hostPath type check failed: ${at('file')} is not a directory`,
    });
  });

  test('FileOrCreate creates an empty 0644 file; its parent must exist', async () => {
    assert.deepEqual(await checkHostPathType(at('made.txt'), 'FileOrCreate'), { ok: true });
    assert.equal(mode(at('made.txt')), '644');
    assert.equal(readFileSync(at('made.txt'), 'utf8'), '');
    assert.deepEqual(await checkHostPathType(at('no-parent/made.txt'), 'FileOrCreate'), {
      ok: false,
      message: `open ${at('no-parent/made.txt')}: no such file or directory`,
    });
    assert.deepEqual(await checkHostPathType(at('dir'), 'FileOrCreate'), {
      ok: false,
      message: `hostPath type check failed: ${at('dir')} is not a file`,
    });
  });

  test('Directory, File, Socket, CharDevice and BlockDevice only check', async () => {
    assert.deepEqual(await checkHostPathType(at('dir'), 'Directory'), { ok: true });
    assert.deepEqual(await checkHostPathType(at('file'), 'File'), { ok: true });
    assert.deepEqual(await checkHostPathType(socketPath, 'Socket'), { ok: true });
    assert.deepEqual(await checkHostPathType('/dev/null', 'CharDevice'), { ok: true });
    const refused = {
      Directory: [at('file'), 'a directory'],
      File: [at('missing'), 'a file'],
      Socket: [at('file'), 'a socket file'],
      CharDevice: [at('file'), 'a character device'],
      BlockDevice: ['/dev/null', 'a block device'],
    } as const;
    for (const [type, [path, what]] of Object.entries(refused)) {
      assert.deepEqual(await checkHostPathType(path, type as keyof typeof refused), {
        ok: false,
        message: `hostPath type check failed: ${path} is not ${what}`,
      });
    }
    assert.equal(existsSync(at('missing')), false, 'File never creates');
  });
});

describe('prepareSubPath', () => {
  let temp: { path: string; remove: () => void };
  let root: string;
  beforeEach(() => {
    temp = makeTempDir('berth-subpath-');
    root = join(temp.path, 'vol');
    mkdirSync(root);
    chmodSync(root, 0o777);
  });
  afterEach(() => temp.remove());

  test('a missing subPath is created with the volume root mode, component by component', () => {
    const result = prepareSubPath({ volumeRoot: root, subPath: 'a/b' });
    assert.deepEqual(result, { ok: true, hostPath: join(root, 'a', 'b') });
    assert.equal(mode(join(root, 'a')), '777');
    assert.equal(mode(join(root, 'a', 'b')), '777');
  });

  test('an existing file (a configMap key) resolves through its symlinks inside the volume', () => {
    mkdirSync(join(root, '..2024_01_01_00_00_00.x'));
    writeFileSync(join(root, '..2024_01_01_00_00_00.x', 'app.conf'), 'c');
    symlinkSync('..2024_01_01_00_00_00.x', join(root, '..data'));
    symlinkSync('..data/app.conf', join(root, 'app.conf'));
    assert.deepEqual(prepareSubPath({ volumeRoot: root, subPath: 'app.conf' }), {
      ok: true,
      hostPath: join(root, '..2024_01_01_00_00_00.x', 'app.conf'),
    });
  });

  test('a symlink leading out of the volume is refused, and nothing is created outside', () => {
    const outside = join(temp.path, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(root, 'link'));
    const existing = prepareSubPath({ volumeRoot: root, subPath: 'link' });
    assert.equal(existing.ok, false);
    assert.equal(existing.ok ? '' : existing.reason, 'prepare');
    const creating = prepareSubPath({ volumeRoot: root, subPath: 'link/new' });
    assert.equal(creating.ok, false);
    assert.equal(creating.ok ? '' : creating.reason, 'create');
    assert.equal(existsSync(join(outside, 'new')), false);
  });
});

describe('hostMemoryDir', () => {
  let shm: string;
  before(() => {
    shm = mkdtempSync('/dev/shm/berth-unit-');
  });
  after(() => rmSync(shm, { recursive: true, force: true }));

  test('a private folder on the tmpfs, reused when it is ours', async () => {
    const uid = process.getuid?.() ?? 0;
    const dir = await hostMemoryDir({ shm, env: {}, uid });
    assert.equal(dir, join(shm, `berth-${uid}`));
    assert.equal(mode(dir ?? ''), '700');
    chmodSync(dir ?? '', 0o755);
    assert.equal(await hostMemoryDir({ shm, env: {}, uid }), dir);
    assert.equal(mode(dir ?? ''), '700', 'loosened permissions are tightened again');
  });

  test('a folder someone else owns or a symlink is refused; a non-tmpfs place or another OS has none', async () => {
    mkdirSync(join(shm, 'berth-4242')); // owned by whoever runs the test, not by uid 4242
    assert.equal(await hostMemoryDir({ shm, env: {}, uid: 4242 }), undefined);
    symlinkSync('/tmp', join(shm, 'berth-999'));
    assert.equal(await hostMemoryDir({ shm, env: {}, uid: 999 }), undefined);
    assert.equal(lstatSync(join(shm, 'berth-999')).isSymbolicLink(), true, 'left alone');
    const onDisk = mkdtempSync(join(process.cwd(), '.berth-unit-'));
    try {
      assert.equal(await hostMemoryDir({ shm: onDisk, env: {}, uid: 0 }), undefined, 'the project folder is no tmpfs');
      assert.equal(existsSync(join(onDisk, 'berth-0')), false);
      // ...then $XDG_RUNTIME_DIR, when it is a tmpfs.
      assert.equal(await hostMemoryDir({ shm: onDisk, env: { XDG_RUNTIME_DIR: shm }, uid: 0 }), join(shm, 'berth'));
    } finally {
      rmSync(onDisk, { recursive: true, force: true });
    }
    assert.equal(await hostMemoryDir({ shm, env: {}, platform: 'darwin' }), undefined);
  });
});
