// ensureImage against real Docker and Podman and the password-protected test registry
// (127.0.0.1:5000, alice / s3cret, from test/setup/engines.sh).
//
// Each test pushes its own tiny image to a repository unique to this run and engine, straight
// through the registry's HTTP API: no engine tag is touched, so a retag in the registry really is
// only in the registry, and parallel test files never share an image. Only those images are
// removed afterwards. The registry's access log shows which requests reached it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { DockerodeEngine as Engine } from '../../src-main/engine/dockerode/adapter';
import { podPullCredentials } from '../../src-main/images/credentials';
import { buildDockerConfigJson } from '../../src-main/images/docker-config';
import type { PullSecret } from '../../src-main/images/docker-config';
import { ensureImage } from '../../src-main/images/puller';
import type { EnsureImageResult, PullProgress } from '../../src-main/images/puller';
import { ImagePullBackOff } from '../../src-main/images/pull-backoff';
import { TEST_REGISTRY, connectTestEngine, testEngineKinds, testRunId } from '../support/engines';

const REGISTRY_LOG = join(
  process.env.BERTH_ENGINES_DIR ?? `/tmp/berth-engines${process.getuid?.() === 0 ? '' : `-${process.getuid?.() ?? ''}`}`,
  'registry.log',
);
const BASIC_AUTH = `Basic ${Buffer.from(`${TEST_REGISTRY.username}:${TEST_REGISTRY.password}`).toString('base64')}`;

// --- the registry, spoken to directly --------------------------------------------------------

const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

async function registryFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = path.startsWith('http') ? path : `http://${TEST_REGISTRY.address}${path}`;
  return fetch(url, { ...init, headers: { Authorization: BASIC_AUTH, ...(init.headers as Record<string, string>) } });
}

async function uploadBlob(repo: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const start = await registryFetch(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  assert.equal(start.status, 202, `starting an upload to ${repo}: HTTP ${start.status}`);
  const location = new URL(start.headers.get('location') ?? '', `http://${TEST_REGISTRY.address}`);
  location.searchParams.set('digest', digest);
  const put = await registryFetch(location.toString(), {
    method: 'PUT',
    body: new Uint8Array(blob),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  assert.equal(put.status, 201, `uploading a blob to ${repo}: HTTP ${put.status}`);
  return digest;
}

/** Pushes a one-file image under repo:tag; returns its image ID (the config's digest) and manifest digest. */
async function pushImage(repo: string, tag: string, content: string): Promise<{ imageId: string; manifestDigest: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-image-'));
  try {
    writeFileSync(join(dir, 'berth-test.txt'), content);
    const tar = execFileSync('tar', ['-c', '-C', dir, '--owner=0', '--group=0', '--numeric-owner', 'berth-test.txt']);
    const layer = gzipSync(tar);
    const config = Buffer.from(
      JSON.stringify({
        architecture: process.arch === 'x64' ? 'amd64' : process.arch,
        os: 'linux',
        config: { Cmd: ['/berth-test.txt'], Labels: { 'berth.test.run': testRunId } },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
      }),
    );
    const layerDigest = await uploadBlob(repo, layer);
    const configDigest = await uploadBlob(repo, config);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
    });
    const put = await registryFetch(`/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      body: manifest,
      headers: { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    assert.equal(put.status, 201, `pushing ${repo}:${tag}: HTTP ${put.status}`);
    return { imageId: configDigest, manifestDigest: sha256(manifest) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests for a repository in the registry's access log so far. */
function registryRequests(repo: string): string[] {
  assert.ok(existsSync(REGISTRY_LOG), `the registry log ${REGISTRY_LOG} is missing: start the registry with test/setup/engines.sh`);
  return readFileSync(REGISTRY_LOG, 'utf8')
    .split('\n')
    .filter((line) => line.includes(` /v2/${repo}/`));
}

// --- helpers ---------------------------------------------------------------------------------

const aliceSecret = (server: string, password: string = TEST_REGISTRY.password): PullSecret => ({
  type: 'kubernetes.io/dockerconfigjson',
  data: {
    '.dockerconfigjson': Buffer.from(buildDockerConfigJson({ server, username: TEST_REGISTRY.username, password })).toString('base64'),
  },
});

/** Credentials as a pod with these imagePullSecrets (Secrets of namespace `test`) would get them. */
function podKeyring(secrets: Record<string, PullSecret>) {
  return podPullCredentials({
    namespace: 'test',
    imagePullSecrets: Object.keys(secrets).map((name) => ({ name })),
    getSecret: (_namespace, name) => secrets[name],
  }).keyring;
}

const everything = (result: EnsureImageResult): string => JSON.stringify(result);

async function removeImage(engine: Engine, ref: string): Promise<void> {
  await engine.docker
    .getImage(ref)
    .remove({ force: true })
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
}

for (const kind of testEngineKinds()) {
  describe(`ensureImage on ${kind}`, () => {
    let engine: Engine;
    const pulledRefs = new Set<string>();
    const pushed: { repo: string; digest: string }[] = [];
    const repoFor = (purpose: string) => `private/berth-test-${testRunId}-${kind}-${purpose}`;
    const imageFor = (purpose: string, tag = '1') => `${TEST_REGISTRY.address}/${repoFor(purpose)}:${tag}`;
    async function push(purpose: string, content: string, tag = '1') {
      const result = await pushImage(repoFor(purpose), tag, content);
      pushed.push({ repo: repoFor(purpose), digest: result.manifestDigest });
      return result;
    }
    async function ensure(options: Omit<Parameters<typeof ensureImage>[0], 'engine'>): Promise<EnsureImageResult> {
      pulledRefs.add(options.image);
      return ensureImage({ engine, ...options });
    }

    before(async () => {
      engine = await connectTestEngine(kind);
    });
    after(async () => {
      for (const ref of pulledRefs) await removeImage(engine, ref);
      for (const { repo, digest } of pushed) await registryFetch(`/v2/${repo}/manifests/${digest}`, { method: 'DELETE' }).catch(() => undefined);
    });

    test('the private image without credentials: ErrImagePull with the registry\'s words', async () => {
      const image = TEST_REGISTRY.privateImage;
      // Always: another test may have pulled it into this engine; the registry must be asked.
      const result = await ensureImage({ engine, image, policy: 'Always' });
      assert.equal(result.ok, false, 'an anonymous pull from the private registry must fail');
      if (result.ok) return;
      assert.equal(result.reason, 'ErrImagePull');
      // Docker answers HTTP 500 "no basic auth credentials"; Podman puts "unauthorized" in the stream.
      assert.match(result.message, kind === 'docker' ? /no basic auth credentials/ : /unauthorized: authentication required/);
      assert.doesNotMatch(result.message, /HTTP code/, 'dockerode\'s wrapper is removed');
      assert.deepEqual(
        result.events.map((e) => [e.type, e.reason, e.message]),
        [
          ['Normal', 'Pulling', `Pulling image "${image}"`],
          ['Warning', 'Failed', `Failed to pull image "${image}": ${result.message}`],
          ['Warning', 'Failed', 'Error: ErrImagePull'],
        ],
      );
    });

    test('a wrong password: ErrImagePull, and the password appears nowhere', async () => {
      const wrong = 'not-the-password-9f3k';
      await push('wrong', 'wrong password');
      const result = await ensure({
        image: imageFor('wrong'),
        policy: 'IfNotPresent',
        credentials: podKeyring({ regcred: aliceSecret(TEST_REGISTRY.address, wrong) }),
      });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason, 'ErrImagePull');
      assert.match(result.message, /unauthorized|authentication required/);
      assert.ok(!everything(result).includes(wrong), 'the password leaked into the result');
      assert.ok(!everything(result).includes(Buffer.from(`alice:${wrong}`).toString('base64')));
    });

    test('with a dockerconfigjson Secret: pulled, with the Pulled message, size and progress', async () => {
      const { imageId } = await push('secret', 'pulled with a secret');
      const image = imageFor('secret');
      const progress: PullProgress[] = [];
      const result = await ensure({
        image,
        policy: 'IfNotPresent',
        credentials: podKeyring({ regcred: aliceSecret(TEST_REGISTRY.address) }),
        onProgress: (p) => progress.push(p),
      });
      assert.equal(result.ok, true, everything(result));
      if (!result.ok) return;
      assert.equal(result.pulled, true);
      assert.equal(result.imageId, imageId);
      const inspected = await engine.docker.getImage(image).inspect();
      assert.equal(result.sizeBytes, inspected.Size);
      assert.deepEqual(result.events.map((e) => e.reason), ['Pulling', 'Pulled']);
      assert.match(
        result.events[1]!.message,
        new RegExp(`^Successfully pulled image "${image.replace(/[.]/g, '\\.')}" in [0-9.]+m?s \\([0-9.]+m?s including waiting\\)\\. Image size: ${inspected.Size} bytes\\.$`),
      );
      assert.equal(progress.at(-1)?.percent, 100);
      assert.ok(progress.at(-1)!.layers.length >= 1, 'the layer shows in the progress');
    });

    test('every matching credential is tried in turn: a wrong, more specific one first, then the right one', async () => {
      await push('turns', 'second credential wins');
      const result = await ensure({
        image: imageFor('turns'),
        policy: 'Always',
        credentials: podKeyring({
          specific: aliceSecret(`${TEST_REGISTRY.address}/private`, 'wrong-password-x1'),
          general: aliceSecret(TEST_REGISTRY.address),
        }),
      });
      assert.equal(result.ok, true, everything(result));
    });

    test('Never with a missing image: ErrImageNeverPull, and the registry is not asked', async () => {
      const image = imageFor('never');
      const before = registryRequests(repoFor('never')).length;
      const result = await ensureImage({ engine, image, policy: 'Never' });
      assert.deepEqual(result, {
        ok: false,
        reason: 'ErrImageNeverPull',
        message: `Container image "${image}" is not present with pull policy of Never`,
        events: [
          { type: 'Warning', reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` },
          { type: 'Warning', reason: 'Failed', message: 'Error: ErrImageNeverPull' },
        ],
      });
      assert.equal(registryRequests(repoFor('never')).length, before);
    });

    test('IfNotPresent with the image present: "already present", and no request reaches the registry', async () => {
      await push('present', 'already here');
      const image = imageFor('present');
      const credentials = podKeyring({ regcred: aliceSecret(TEST_REGISTRY.address) });
      const beforePull = registryRequests(repoFor('present')).length;
      const first = await ensure({ image, policy: 'IfNotPresent', credentials });
      assert.equal(first.ok && first.pulled, true, everything(first));
      const afterPull = registryRequests(repoFor('present')).length;
      assert.ok(afterPull > beforePull, 'the log shows the pull (else it could not show its absence below)');

      const second = await ensure({ image, policy: 'IfNotPresent', credentials });
      assert.equal(second.ok, true);
      if (!second.ok) return;
      assert.equal(second.pulled, false);
      assert.equal(second.imageId, first.ok ? first.imageId : '');
      assert.deepEqual(second.events, [{ type: 'Normal', reason: 'Pulled', message: `Container image "${image}" already present on machine` }]);
      assert.equal(registryRequests(repoFor('present')).length, afterPull);
    });

    test('Always pulls again and gets the new image after the tag moved in the registry', async () => {
      const image = imageFor('always');
      const credentials = podKeyring({ regcred: aliceSecret(TEST_REGISTRY.address) });
      const v1 = await push('always', 'version one');
      const first = await ensure({ image, policy: 'Always', credentials });
      assert.equal(first.ok && first.imageId, v1.imageId, everything(first));

      const v2 = await push('always', 'version two');
      assert.notEqual(v2.imageId, v1.imageId);
      const second = await ensure({ image, policy: 'Always', credentials });
      assert.equal(second.ok && second.pulled, true, everything(second));
      assert.equal(second.ok && second.imageId, v2.imageId);
      assert.equal((await engine.docker.getImage(image).inspect()).Id, v2.imageId);
      // The first version may now be untagged; remove it too (only this test made it).
      await removeImage(engine, v1.imageId);
    });

    test('two concurrent ensureImage calls for one image: one engine pull, both succeed', async () => {
      await push('shared', 'pulled once');
      const image = imageFor('shared');
      const credentials = podKeyring({ regcred: aliceSecret(TEST_REGISTRY.address) });
      let enginePulls = 0;
      const realPull = engine.pullImage.bind(engine);
      engine.pullImage = (...args: Parameters<Engine['pullImage']>) => {
        enginePulls++;
        return realPull(...args);
      };
      try {
        const [a, b] = await Promise.all([
          ensure({ image, policy: 'IfNotPresent', credentials }),
          ensure({ image, policy: 'IfNotPresent', credentials }),
        ]);
        assert.equal(a.ok && a.pulled, true, everything(a));
        assert.equal(b.ok && b.pulled, true, everything(b));
        assert.equal(enginePulls, 1);
        assert.deepEqual([a.ok && a.joinedPull, b.ok && b.joinedPull].sort(), [false, true]);
        assert.equal(a.ok && b.ok && a.imageId === b.imageId, true);
      } finally {
        delete (engine as { pullImage?: unknown }).pullImage; // back to the prototype's
      }
    });

    test('after a failed pull the pod backs off: ImagePullBackOff with the last error, registry not asked', async () => {
      await push('backoff', 'needs a password');
      const image = imageFor('backoff');
      const backOff = { tracker: new ImagePullBackOff(() => 1_000), podUid: `uid-${testRunId}` };
      const failed = await ensure({ image, policy: 'IfNotPresent', backOff });
      assert.equal(failed.ok, false);
      if (failed.ok) return;
      assert.equal(failed.reason, 'ErrImagePull');
      const requests = registryRequests(repoFor('backoff')).length;

      const held = await ensure({ image, policy: 'IfNotPresent', backOff });
      assert.deepEqual(held, {
        ok: false,
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${image}": ErrImagePull: ${failed.message}`,
        events: [
          { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${image}"` },
          { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
        ],
      });
      assert.equal(registryRequests(repoFor('backoff')).length, requests);
    });
  });
}
