// ensureImage's flow with a stand-in engine: the decisions, the credential order, abort and
// sharing, without a daemon (the same flow runs against Docker and Podman in test/engine).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Engine, PullOptions, RegistryAuth } from '../../../src-main/engine/engine';
import { BasicDockerKeyring } from '../../../src-main/images/keyring';
import { ensureImage } from '../../../src-main/images/puller';

interface FakeEngineOptions {
  present?: Record<string, { Id: string; Size: number }>;
  /** Decides each pull: resolve, or throw the engine's error. */
  pull?: (ref: string, auth: RegistryAuth | undefined, options: PullOptions) => Promise<void>;
  inspectError?: Error;
}

function fakeEngine(options: FakeEngineOptions = {}) {
  const images = { ...options.present };
  const pulls: { ref: string; user: string | undefined }[] = [];
  const engine = {
    docker: {
      getImage: (name: string) => ({
        inspect: () => {
          if (options.inspectError) return Promise.reject(options.inspectError);
          const found = images[name];
          return found ? Promise.resolve(found) : Promise.reject(Object.assign(new Error('no such image'), { statusCode: 404 }));
        },
      }),
    },
    async inspectImage(name: string) {
      const found = await this.docker.getImage(name).inspect().catch((error: unknown) => {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      });
      return found ? { id: found.Id, sizeBytes: found.Size } : undefined;
    },
    async pullImage(ref: string, auth?: RegistryAuth, pullOptions: PullOptions = {}) {
      pulls.push({ ref, user: auth?.username });
      await (options.pull ?? (() => Promise.resolve()))(ref, auth, pullOptions);
      images[ref] = { Id: 'sha256:pulled', Size: 1234 };
    },
  };
  return { engine: engine as unknown as Engine, pulls };
}

const dockerError = (message: string, statusCode = 500) => Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), { statusCode });

describe('ensureImage (stand-in engine)', () => {
  test('an invalid name: InspectFailed, then Error: InvalidImageName; the engine is not asked', async () => {
    const { engine, pulls } = fakeEngine();
    const result = await ensureImage({ engine, image: 'bad name', policy: 'Always' });
    const message = 'Failed to apply default image tag "bad name": couldn\'t parse image name "bad name": invalid reference format';
    assert.deepEqual(result, {
      ok: false,
      reason: 'InvalidImageName',
      message,
      events: [
        { type: 'Warning', reason: 'InspectFailed', message },
        { type: 'Warning', reason: 'Failed', message: 'Error: InvalidImageName' },
      ],
    });
    assert.deepEqual(pulls, []);
  });

  test('the engine cannot inspect: ImageInspectError', async () => {
    const { engine } = fakeEngine({ inspectError: dockerError('daemon is restarting') });
    const result = await ensureImage({ engine, image: 'busybox:1', policy: 'IfNotPresent' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'ImageInspectError');
    assert.equal(!result.ok && result.message, 'Failed to inspect image "busybox:1": daemon is restarting');
  });

  test('a present image is looked up with the default tag applied; Always does not look', async () => {
    const { engine, pulls } = fakeEngine({ present: { 'busybox:latest': { Id: 'sha256:here', Size: 1 } } });
    const present = await ensureImage({ engine, image: 'busybox', policy: 'IfNotPresent' });
    assert.deepEqual(present.ok && [present.image, present.imageId, present.pulled], ['busybox:latest', 'sha256:here', false]);
    const always = await ensureImage({ engine, image: 'busybox', policy: 'Always' });
    assert.equal(always.ok && always.pulled, true);
    assert.deepEqual(pulls, [{ ref: 'docker.io/library/busybox:latest', user: undefined }]);
  });

  test('credentials are tried in order until one works; their errors are aggregated when all fail', async () => {
    const keyring = new BasicDockerKeyring()
      .add({ 'reg.example.com/team': { username: 'specific', password: 'pw-one' } }, 'Secret a')
      .add({ 'reg.example.com': { username: 'general', password: 'pw-two' } }, 'Secret b');
    const accepted = new Set(['general']);
    const { engine, pulls } = fakeEngine({
      pull: (_ref, auth) => (accepted.has(auth?.username ?? '') ? Promise.resolve() : Promise.reject(dockerError(`denied for ${auth?.username}`))),
    });
    const ok = await ensureImage({ engine, image: 'reg.example.com/team/app:1', policy: 'Always', credentials: keyring });
    assert.equal(ok.ok, true);
    assert.deepEqual(pulls.map((p) => p.user), ['specific', 'general']);

    accepted.clear();
    const failed = await ensureImage({ engine, image: 'reg.example.com/team/app:1', policy: 'Always', credentials: keyring });
    assert.equal(!failed.ok && failed.message, '[denied for specific, denied for general]');
  });

  test('a password the engine echoes is redacted from the message and the events', async () => {
    const keyring = new BasicDockerKeyring().add({ 'reg.example.com': { username: 'u', password: 'hunter2-secret' } }, 's');
    const { engine } = fakeEngine({ pull: (_ref, auth) => Promise.reject(dockerError(`bad password ${auth?.password}`)) });
    const result = await ensureImage({ engine, image: 'reg.example.com/app:1', policy: 'Always', credentials: keyring });
    assert.equal(!result.ok && result.message, 'bad password [redacted]');
    assert.ok(!JSON.stringify(result).includes('hunter2-secret'));
  });

  test('Docker Hub credentials are sent with Docker\'s auth server address', async () => {
    const keyring = new BasicDockerKeyring().add({ 'https://index.docker.io/v1/': { username: 'hub', password: 'x' } }, 's');
    let serveraddress: string | undefined;
    const { engine } = fakeEngine({
      pull: (_ref, auth) => {
        serveraddress = auth?.serveraddress;
        return Promise.resolve();
      },
    });
    await ensureImage({ engine, image: 'myorg/app:1', policy: 'Always', credentials: keyring });
    assert.equal(serveraddress, 'https://index.docker.io/v1/');
  });

  test('concurrent calls share one pull; a caller that aborts stops waiting without stopping the other', async () => {
    let release = (): void => undefined;
    let pullSignal: AbortSignal | undefined;
    const { engine, pulls } = fakeEngine({
      pull: (_ref, _auth, options) => {
        pullSignal = options.signal;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const abort = new AbortController();
    const first = ensureImage({ engine, image: 'app:1', policy: 'Always' });
    const second = ensureImage({ engine, image: 'app:1', policy: 'Always', signal: abort.signal });
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort(new Error('pod deleted'));
    await assert.rejects(second, /pod deleted/);
    assert.equal(pullSignal?.aborted, false, 'the first caller still waits: the engine pull goes on');
    release();
    const result = await first;
    assert.equal(result.ok && result.pulled, true);
    assert.equal(pulls.length, 1);
  });

  test('when the only caller aborts, the engine pull is aborted too', async () => {
    let pullSignal: AbortSignal | undefined;
    const { engine } = fakeEngine({
      pull: (_ref, _auth, options) => {
        pullSignal = options.signal;
        return new Promise<void>((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const abort = new AbortController();
    const pending = ensureImage({ engine, image: 'app:1', policy: 'Always', signal: abort.signal });
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort(new Error('pod deleted'));
    await assert.rejects(pending, /pod deleted/);
    assert.equal(pullSignal?.aborted, true);
  });

  test('the Pulled message uses the injected clock', async () => {
    let t = 0;
    const { engine } = fakeEngine({
      pull: () => {
        t += 1500;
        return Promise.resolve();
      },
    });
    const result = await ensureImage({ engine, image: 'app:1', policy: 'Always', now: () => t });
    assert.equal(
      result.events.find((e) => e.reason === 'Pulled')?.message,
      'Successfully pulled image "app:1" in 1.5s (1.5s including waiting). Image size: 1234 bytes.',
    );
  });
});
