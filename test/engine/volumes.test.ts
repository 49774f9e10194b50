// Pod volumes on real Docker and Podman: what the containers see through the mounts Berth makes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DockerodeEngine as Engine } from '../../src-main/engine/dockerode/adapter';
import { isNotFound } from '../../src-main/engine/engine';
import type { Container, Pod } from '../../src-main/model';
import {
  cleanupPodVolumes,
  ContainerMountError,
  preparePodVolumes,
  PVC_LABEL,
  type PreparedPodVolumes,
} from '../../src-main/kubelet/volumes';
import { makeTempDir } from '../support/temp';
import { BUSYBOX_IMAGE, cleanupTestContainers, connectTestEngine, testEngineKinds, testLabels, testName, testRunId } from '../support/engines';
import { makeConfigMap, makeSecret } from '../unit/volumes/fixtures';

const SLEEP = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1 & wait $!; done'];

const mount = (name: string, mountPath: string, extra: { subPath?: string; readOnly?: boolean } = {}) => ({ name, mountPath, ...extra });

function container(name: string, volumeMounts: Container['volumeMounts']): Container {
  return { name, image: BUSYBOX_IMAGE, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Never', volumeMounts };
}

for (const kind of testEngineKinds()) {
  describe(`pod volumes on ${kind}`, () => {
    let engine: Engine;
    let temp: { path: string; remove: () => void };
    let memoryDir: string;
    let volumes: PreparedPodVolumes;
    let pod: Pod;
    const podUid = `${testRunId}-${kind}`;
    const claim = `claim-${testRunId}-${kind}`.toLowerCase();
    const pvcName = `berth-pvc-shop-${claim}`;

    /** A running container of the pod, with the mounts Berth planned for it. */
    async function run(containerName: string, opts: { user?: string } = {}): Promise<string> {
      const id = await engine.createContainer({
        name: testName(containerName),
        image: BUSYBOX_IMAGE,
        labels: testLabels({ 'berth.test.case': 'volumes' }),
        cmd: SLEEP,
        mounts: volumes.mountsFor(containerName),
        ...(opts.user ? { user: opts.user } : {}),
      });
      await engine.startContainer(id);
      return id;
    }

    async function sh(id: string, script: string): Promise<{ exitCode: number; output: string }> {
      const { exitCode, output } = await engine.exec(id, ['sh', '-c', script]);
      return { exitCode, output };
    }

    before(async () => {
      engine = await connectTestEngine(kind);
      temp = makeTempDir(`berth-vol-${kind}-`);
      memoryDir = mkdtempSync(`/dev/shm/berth-test-${kind}-`);
      pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'vol', namespace: 'shop', uid: podUid, labels: { app: 'vol' } },
        spec: {
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 1,
          enableServiceLinks: false,
          volumes: [
            { name: 'shared', emptyDir: {} },
            { name: 'mem', emptyDir: { medium: 'Memory' } },
            { name: 'cfg', configMap: { name: 'app', defaultMode: 0o644, items: [{ key: 'app.conf', path: 'app.conf' }, { key: 'script', path: 'bin/run.sh', mode: 0o755 }] } },
            { name: 'creds', secret: { secretName: 'db', defaultMode: 0o400 } },
            { name: 'info', downwardAPI: { defaultMode: 0o644, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
            { name: 'data', persistentVolumeClaim: { claimName: claim } },
          ],
          containers: [
            container('writer', [mount('shared', '/shared'), mount('mem', '/mem'), mount('data', '/data')]),
            container('reader', [
              mount('shared', '/shared', { readOnly: true }),
              mount('mem', '/mem'),
              mount('cfg', '/etc/app'),
              mount('creds', '/etc/creds'),
              mount('info', '/etc/podinfo'),
              mount('data', '/data'),
            ]),
            container('nonroot', [mount('shared', '/shared'), mount('cfg', '/etc/app'), mount('creds', '/etc/creds')]),
            container('site', [mount('shared', '/www', { subPath: 'site/html' }), mount('cfg', '/etc/app.conf', { subPath: 'app.conf' })]),
            container('pvc-sub', [mount('data', '/data', { subPath: 'x' })]),
          ],
        },
      };
      volumes = await preparePodVolumes({
        pod,
        podDir: join(temp.path, 'pods', podUid),
        podUid,
        memoryDir,
        engine,
        lookups: {
          configMap: (_ns, name) => (name === 'app' ? makeConfigMap('app', { 'app.conf': 'port=8080\n', script: '#!/bin/sh\necho run\n' }) : undefined),
          secret: (_ns, name) => (name === 'db' ? makeSecret('db', { password: 'hunter2' }) : undefined),
          nodeAllocatable: { cpu: '2', memory: '2Gi' },
        },
      });
    });

    after(async () => {
      if (engine) await cleanupTestContainers(engine);
      if (engine) await engine.docker.getVolume(pvcName).remove().catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
      if (temp) {
        await cleanupPodVolumes({ podDir: join(temp.path, 'pods', podUid), podUid, memoryDir });
        temp.remove();
      }
      if (memoryDir) rmSync(memoryDir, { recursive: true, force: true });
    });

    test('the volumes were prepared without errors; the claim is a labelled named volume', async () => {
      assert.deepEqual(volumes.errors, []);
      assert.deepEqual(volumes.warnings, []);
      const info = await engine.docker.getVolume(pvcName).inspect();
      assert.equal(info.Labels?.[PVC_LABEL], `shop/${claim}`);
      assert.equal(info.Labels?.['berth.managed'], 'true');
    });

    test('two containers share an emptyDir (and a Memory emptyDir): one writes, the other reads', async () => {
      const writer = await run('writer');
      const reader = await run('reader');
      assert.deepEqual(await sh(writer, 'echo "from writer" > /shared/msg && echo in-memory > /mem/m'), { exitCode: 0, output: '' });
      assert.deepEqual(await sh(reader, 'cat /shared/msg /mem/m'), { exitCode: 0, output: 'from writer\nin-memory\n' });
      assert.equal(readFileSync(join(memoryDir, podUid, 'empty-dir', 'mem', 'm'), 'utf8'), 'in-memory\n', 'the Memory emptyDir lives on the tmpfs');
      const fsType = await sh(reader, "busybox awk '$2 == \"/mem\" { print $3 }' /proc/mounts");
      assert.equal(fsType.output.trim(), 'tmpfs');
    });

    test('a read-only mount refuses writes', async () => {
      const reader = await run('reader');
      const result = await sh(reader, 'echo nope > /shared/other');
      assert.notEqual(result.exitCode, 0);
      assert.match(result.output, /Read-only file system/);
    });

    test('configMap, secret and downwardAPI files have the right contents, modes and symlinks', async () => {
      const reader = await run('reader');
      const stat = (path: string) => sh(reader, `busybox stat -L -c %a ${path}`).then((r) => r.output.trim());
      assert.equal((await sh(reader, 'cat /etc/app/app.conf')).output, 'port=8080\n');
      assert.equal(await stat('/etc/app/app.conf'), '644');
      assert.equal(await stat('/etc/app/bin/run.sh'), '755');
      assert.deepEqual(await sh(reader, '/etc/app/bin/run.sh'), { exitCode: 0, output: 'run\n' });
      assert.equal((await sh(reader, 'busybox readlink /etc/app/app.conf')).output, '..data/app.conf\n');
      assert.match((await sh(reader, 'busybox readlink /etc/app/..data')).output, /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\S+\n$/);
      assert.equal((await sh(reader, 'cat /etc/creds/password')).output, 'hunter2');
      assert.equal(await stat('/etc/creds/password'), '400');
      assert.equal((await sh(reader, 'cat /etc/podinfo/labels')).output, 'app="vol"');
      const write = await sh(reader, 'echo x > /etc/app/new');
      assert.notEqual(write.exitCode, 0, 'configMap volumes are always read-only');
    });

    test('a non-root user writes into the emptyDir, reads 0644 files and not a 0400 secret', async () => {
      const id = await run('nonroot', { user: '10000' });
      assert.equal((await sh(id, 'id -u')).output, '10000\n');
      assert.deepEqual(await sh(id, 'echo mine > /shared/by-10000 && busybox stat -c %u /shared/by-10000'), { exitCode: 0, output: '10000\n' });
      assert.equal((await sh(id, 'cat /etc/app/app.conf')).output, 'port=8080\n');
      const secret = await sh(id, 'cat /etc/creds/password');
      assert.notEqual(secret.exitCode, 0);
      assert.match(secret.output, /Permission denied/);
    });

    test('a subPath mount shows only that sub-folder (created when missing) or file', async () => {
      const shared = join(temp.path, 'pods', podUid, 'volumes', 'empty-dir', 'shared');
      mkdirSync(join(shared, 'site', 'html'), { recursive: true });
      writeFileSync(join(shared, 'site', 'html', 'index.html'), '<h1>hi</h1>');
      writeFileSync(join(shared, 'site', 'secret.txt'), 'not for /www');
      const id = await run('site');
      assert.equal((await sh(id, 'ls -A /www')).output, 'index.html\n');
      assert.equal((await sh(id, 'cat /www/index.html')).output, '<h1>hi</h1>');
      assert.equal((await sh(id, 'cat /etc/app.conf')).output, 'port=8080\n', 'a configMap key as a single file');

      rmSync(join(shared, 'site'), { recursive: true });
      const fresh = await run('site');
      assert.equal((await sh(fresh, 'ls -A /www')).output, '', 'the missing subPath was created empty');
    });

    test('a subPath symlinked out of the volume is refused before any container is made', async () => {
      const shared = join(temp.path, 'pods', podUid, 'volumes', 'empty-dir', 'shared');
      rmSync(join(shared, 'site'), { recursive: true, force: true });
      mkdirSync(join(shared, 'site'));
      symlinkSync('/etc', join(shared, 'site', 'html'));
      assert.throws(
        () => volumes.mountsFor('site'),
        (err: unknown) =>
          err instanceof ContainerMountError &&
          err.message === 'failed to prepare subPath for volumeMount "shared" of container "site"' &&
          err.reason === 'CreateContainerConfigError',
      );
      rmSync(join(shared, 'site'), { recursive: true });
    });

    test('subPath on a claim is refused', () => {
      assert.throws(() => volumes.mountsFor('pvc-sub'), /subPath is not supported on persistentVolumeClaim volumes/);
    });

    test('a claim volume survives its container and the pod, and a new container sees the data', async () => {
      const writer = await run('writer');
      assert.equal((await sh(writer, 'echo persisted > /data/keep && cat /data/keep')).output, 'persisted\n');
      await engine.removeContainer(writer, { force: true, volumes: true });
      // The pod goes away too: its host folders are removed, the claim's volume stays.
      await cleanupPodVolumes({ podDir: join(temp.path, 'pods', podUid), podUid, memoryDir });
      await engine.docker.getVolume(pvcName).inspect();

      const later: Pod = {
        ...pod,
        metadata: { ...pod.metadata, uid: `${podUid}-2` },
        spec: { ...pod.spec, volumes: pod.spec.volumes?.filter((v) => v.name === 'data'), containers: [container('later', [mount('data', '/data')])] },
      };
      const again = await preparePodVolumes({
        pod: later,
        podDir: join(temp.path, 'pods', `${podUid}-2`),
        podUid: `${podUid}-2`,
        memoryDir,
        engine,
        lookups: { configMap: () => undefined, secret: () => undefined, nodeAllocatable: {} },
      });
      assert.deepEqual(again.errors, []);
      assert.deepEqual(again.mountsFor('later'), [{ type: 'volume', source: pvcName, target: '/data', readOnly: false }]);
      volumes = again;
      const id = await run('later');
      assert.equal((await sh(id, 'cat /data/keep')).output, 'persisted\n');
      await cleanupPodVolumes({ podDir: join(temp.path, 'pods', `${podUid}-2`), podUid: `${podUid}-2`, memoryDir });
    });
  });
}
