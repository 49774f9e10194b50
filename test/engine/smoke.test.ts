// The engine adapter against real Docker and Podman (started by `npm run engines:start`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectEngine, EngineUnavailableError } from '../../src-main/engine/connect';
import type { Engine, EngineEvent, EngineEventStream } from '../../src-main/engine/engine';
import { isNotFound, RuntimeNotHonouredError } from '../../src-main/engine/engine';
import {
  BUSYBOX_IMAGE,
  cleanupTestContainers,
  connectTestEngine,
  ENGINE_SOCKETS,
  PAUSE_IMAGE,
  TEST_RUN_LABEL,
  testEngineKinds,
  testLabels,
  testName,
  testRunId,
} from '../support/engines';

/** A shell loop that exits with `code` as soon as it gets SIGTERM (busybox sh as PID 1). */
const exitOnTerm = (code: number): string[] => [
  'sh',
  '-c',
  `trap "exit ${code}" TERM; while :; do sleep 1 & wait $!; done`,
];

/** Collects events until `done` says so, or fails after `timeoutMs` listing what did arrive. */
async function collectEvents(
  stream: EngineEventStream,
  done: (seen: EngineEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<EngineEvent[]> {
  const seen: EngineEvent[] = [];
  const timer = setTimeout(() => stream.close(), timeoutMs);
  try {
    for await (const event of stream) {
      seen.push(event);
      if (done(seen)) return seen;
    }
  } finally {
    clearTimeout(timer);
    stream.close();
  }
  assert.fail(`events ended before the expected ones arrived; got: ${JSON.stringify(seen.map((e) => e.action))}`);
}

for (const kind of testEngineKinds()) {
  describe(`engine adapter on ${kind}`, () => {
    let engine: Engine;

    before(async () => {
      engine = await connectTestEngine(kind);
    });

    after(async () => {
      if (engine) await cleanupTestContainers(engine);
    });

    test('connects and reports what it is', async () => {
      const info = await engine.info();
      assert.equal(info.kind, kind, `the ${kind} socket must be detected as ${kind}`);
      assert.match(info.version, /^\d+\.\d+/);
      assert.match(info.apiVersion, /^1\.\d+$/);
      assert.equal(info.socket, `unix://${ENGINE_SOCKETS[kind]}`);
      assert.equal(info.os, 'linux');
      assert.ok(info.runtimes.includes('runc'), `runtimes: ${info.runtimes.join(', ')}`);
      assert.equal(info.defaultRuntime, 'runc');
      assert.equal(info.runtimeSelectable, kind === 'docker');
      await engine.ping();
      assert.equal(await engine.imageExists(BUSYBOX_IMAGE), true);
      assert.equal(await engine.imageExists(PAUSE_IMAGE), true);
      assert.equal(await engine.imageExists('local/no-such-image:0'), false);
    });

    test('create, start, exec, stop and remove a labelled container', async () => {
      const id = await engine.createContainer({
        name: testName('lifecycle'),
        image: BUSYBOX_IMAGE,
        labels: testLabels({ 'berth.test.case': 'lifecycle' }),
        cmd: exitOnTerm(7),
        env: { GREETING: 'hello from env' },
        workingDir: '/tmp',
      });
      await engine.startContainer(id);

      const running = await engine.inspectContainer(id);
      assert.equal(running.state.running, true);
      assert.equal(running.labels[TEST_RUN_LABEL], testRunId);
      assert.ok(running.state.startedAt !== undefined && running.state.finishedAt === undefined);

      const ok = await engine.exec(id, ['sh', '-c', 'echo "$GREETING"; pwd']);
      assert.deepEqual(ok, { exitCode: 0, output: 'hello from env\n/tmp\n', truncated: false });

      const failing = await engine.exec(id, ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; exit 3']);
      assert.equal(failing.exitCode, 3);
      assert.match(failing.output, /to-stdout/);
      assert.match(failing.output, /to-stderr/, 'stderr is merged into the output');

      const missing = await engine.exec(id, ['no-such-command', 'arg']);
      assert.equal(missing.exitCode, 127, `output: ${missing.output}`);
      assert.match(missing.output, /no-such-command/);

      const noisy = await engine.exec(id, ['sh', '-c', 'head -c 200000 /dev/zero | tr "\\0" x; exit 4'], {
        maxOutputBytes: 1000,
      });
      assert.equal(noisy.exitCode, 4, 'the stream is drained to the end even past the cap');
      assert.equal(noisy.output, 'x'.repeat(1000));
      assert.equal(noisy.truncated, true);

      const asNobody = await engine.exec(id, ['id', '-u'], { user: '65534' });
      assert.equal(asNobody.output.trim(), '65534');

      const started = Date.now();
      assert.equal(await engine.stopContainer(id, 10), true);
      assert.ok(Date.now() - started < 5000, 'the container exits on SIGTERM, long before the 10 s grace');
      const stopped = await engine.inspectContainer(id);
      assert.equal(stopped.state.running, false);
      assert.equal(stopped.state.exitCode, 7, 'the exit code of the SIGTERM trap is recorded');
      assert.ok(stopped.state.finishedAt !== undefined);
      assert.equal(await engine.stopContainer(id, 10), false, 'stopping a stopped container reports false');
      assert.equal(await engine.killContainer(id, 'SIGKILL'), false, 'nothing to kill');

      assert.equal(await engine.removeContainer(id), true);
      await assert.rejects(engine.inspectContainer(id), (err: unknown) => isNotFound(err));
      assert.equal(await engine.removeContainer(id), false, 'removing twice reports false');
    });

    test('stop sends SIGKILL once the grace period (t, always sent) is spent', async () => {
      // busybox sleep as PID 1 has no SIGTERM handler: the kernel ignores TERM for it.
      const id = await engine.createContainer({ image: BUSYBOX_IMAGE, labels: testLabels(), cmd: ['sleep', '300'] });
      await engine.startContainer(id);
      const started = Date.now();
      await engine.stopContainer(id, 1);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 900, `stop waited ${elapsed} ms: the 1 s grace was not honoured`);
      assert.ok(elapsed < 8000, `stop took ${elapsed} ms`);
      assert.equal((await engine.inspectContainer(id)).state.exitCode, 137);
    });

    test('the pause image exits at once on SIGTERM', async () => {
      const id = await engine.createContainer({ image: PAUSE_IMAGE, labels: testLabels({ [`berth.role`]: 'sandbox' }) });
      await engine.startContainer(id);
      // A started container's shell may not have run its `trap` yet, and PID 1 ignores a signal it
      // has no handler for: stop once it catches TERM (bit 15 of SigCgt), as a sandbox is by then.
      const catchesTerm = async () => {
        const { output } = await engine.exec(id, ['sh', '-c', 'grep SigCgt /proc/1/status']);
        return (BigInt(`0x${output.trim().split(/\s+/)[1] ?? '0'}`) & (1n << 14n)) !== 0n;
      };
      const deadline = Date.now() + 10_000;
      while (!(await catchesTerm())) assert.ok(Date.now() < deadline, 'the pause script never trapped TERM');
      const started = Date.now();
      await engine.stopContainer(id, 10);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1500, `stopping the pause container took ${elapsed} ms`);
      assert.equal((await engine.inspectContainer(id)).state.exitCode, 0);
    });

    test('list by label finds exactly our containers', async () => {
      const group = `g${Date.now().toString(36)}`;
      const ours = [];
      for (let i = 0; i < 2; i++) {
        ours.push(
          await engine.createContainer({ image: BUSYBOX_IMAGE, labels: testLabels({ 'berth.test.group': group }), cmd: ['true'] }),
        );
      }
      const other = await engine.createContainer({
        image: BUSYBOX_IMAGE,
        labels: testLabels({ 'berth.test.group': `${group}-other` }),
        cmd: ['true'],
      });

      const listed = await engine.listContainers({ labels: { 'berth.test.group': group }, all: true });
      assert.deepEqual(listed.map((c) => c.id).sort(), [...ours].sort());
      assert.ok(listed.every((c) => c.labels['berth.test.group'] === group && c.state === 'created'));

      const anyGroup = await engine.listContainers({ labels: { [TEST_RUN_LABEL]: testRunId, 'berth.test.group': true }, all: true });
      assert.deepEqual(anyGroup.map((c) => c.id).sort(), [...ours, other].sort());

      const runningOnly = await engine.listContainers({ labels: { 'berth.test.group': group } });
      assert.deepEqual(runningOnly, [], 'without `all`, created containers are not listed');
    });

    test('events deliver start and die with the exit code, filtered by label', async () => {
      const marker = `e${Date.now().toString(36)}`;
      const events = await engine.events({ labels: { [TEST_RUN_LABEL]: testRunId, 'berth.test.events': marker } });
      // Another container of this run without the marker: its events must not get through.
      const noise = await engine.createContainer({ image: BUSYBOX_IMAGE, labels: testLabels(), cmd: ['true'] });
      const id = await engine.createContainer({
        image: BUSYBOX_IMAGE,
        labels: testLabels({ 'berth.test.events': marker }),
        cmd: ['sh', '-c', 'echo bye; exit 3'],
      });
      await engine.startContainer(noise);
      await engine.startContainer(id);

      const seen = await collectEvents(events, (all) => all.some((e) => e.action === 'die'));
      assert.ok(seen.every((e) => e.containerId === id), `only the marked container: ${JSON.stringify(seen)}`);
      const actions = seen.map((e) => e.action);
      assert.ok(actions.includes('create') && actions.includes('start'), `actions: ${actions.join(', ')}`);
      assert.ok(actions.indexOf('start') < actions.indexOf('die'));
      const die = seen.find((e) => e.action === 'die');
      assert.equal(die?.exitCode, 3);
      assert.equal(die?.labels['berth.test.events'], marker);
      assert.ok(die && Math.abs(die.time - Date.now()) < 60_000, 'event time is epoch ms');
      assert.equal(seen.find((e) => e.action === 'start')?.exitCode, undefined, 'exit codes only on die');

      assert.match(await engine.logsText(id), /^bye\n$/);

      // Replay from a time in the past, and the normalised `destroy` on removal.
      const since = seen[0]?.time ?? Date.now();
      const replay = await engine.events({ labels: { 'berth.test.events': marker }, since, actions: ['die', 'destroy'] });
      await engine.removeContainer(id);
      const replayed = await collectEvents(replay, (all) => all.some((e) => e.action === 'destroy'));
      assert.deepEqual(
        replayed.map((e) => e.action),
        ['die', 'destroy'],
      );
    });

    test('a RuntimeClass handler is applied only where the engine honours it', async (t) => {
      const info = await engine.info();
      if (kind === 'podman') {
        const labels = testLabels({ 'berth.test.case': 'runtime' });
        await assert.rejects(
          engine.createContainer({ image: BUSYBOX_IMAGE, labels, cmd: ['true'], runtime: 'crun' }),
          (err: unknown) => err instanceof RuntimeNotHonouredError && err.requested === 'crun' && err.actual === 'runc',
        );
        const leftovers = await engine.listContainers({ labels, all: true });
        assert.deepEqual(leftovers, [], 'the container that ignored the handler is removed');
        return;
      }
      if (!info.runtimes.includes('crun')) {
        t.skip('this dockerd has no crun runtime (engines.sh starts one with --add-runtime crun=/usr/bin/crun)');
        return;
      }
      const id = await engine.createContainer({
        image: BUSYBOX_IMAGE,
        labels: testLabels(),
        cmd: ['sh', '-c', 'echo on-crun'],
        runtime: 'crun',
      });
      assert.equal(await engine.containerRuntime(id), 'crun');
      await engine.startContainer(id);
      const events = await engine.events({ labels: { [TEST_RUN_LABEL]: testRunId }, actions: ['die'], since: Date.now() - 5000 });
      const seen = await collectEvents(events, (all) => all.some((e) => e.containerId === id));
      assert.equal(seen.find((e) => e.containerId === id)?.exitCode, 0);
      assert.equal(await engine.logsText(id), 'on-crun\n');
    });
  });
}

describe('connectEngine without an engine', () => {
  test('a socket path that does not exist fails with an error naming it and how to fix it', async () => {
    const path = join(tmpdir(), `berth-no-engine-${process.pid}.sock`);
    await assert.rejects(connectEngine({ engine: 'docker', env: { DOCKER_HOST: `unix://${path}` } }), (err: unknown) => {
      assert.ok(err instanceof EngineUnavailableError);
      assert.equal(err.attempts.length, 1);
      assert.match(err.message, new RegExp(`unix://${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(DOCKER_HOST\\): no socket at`));
      assert.match(err.message, /systemctl start docker/);
      assert.match(err.hint, /DOCKER_HOST/);
      return true;
    });
  });

  test('an explicit host is the only candidate, whatever the environment', async () => {
    const err = await connectEngine({
      engine: 'auto',
      host: 'unix:///nonexistent/berth/podman.sock',
      env: { DOCKER_HOST: `unix://${ENGINE_SOCKETS.docker}` },
    }).catch((e: unknown) => e);
    assert.ok(err instanceof EngineUnavailableError);
    assert.deepEqual(
      err.attempts.map((a) => a.candidate.address),
      ['unix:///nonexistent/berth/podman.sock'],
    );
    assert.match(err.message, /podman system service/);
  });

  test('a tcp address where nothing listens fails fast with connection refused', async () => {
    const started = Date.now();
    // Port 9 (discard) on loopback: nothing listens there on a test machine.
    const err = await connectEngine({ engine: 'docker', host: 'tcp://127.0.0.1:9' }).catch((e: unknown) => e);
    assert.ok(err instanceof EngineUnavailableError);
    assert.match(err.message, /tcp:\/\/127\.0\.0\.1:9 \(--host\): connection refused/);
    assert.ok(Date.now() - started < 3000);
  });
});

if (testEngineKinds().includes('podman')) {
  describe('Podman detection', () => {
    let linkDir: string;
    before(() => {
      linkDir = mkdtempSync(join(tmpdir(), 'berth-sock-'));
      symlinkSync(ENGINE_SOCKETS.podman, join(linkDir, 'docker.sock'));
    });
    after(() => rmSync(linkDir, { recursive: true, force: true }));

    test('Podman is detected from /version even behind a socket named docker.sock', async () => {
      const engine = await connectEngine({ engine: 'auto', env: { DOCKER_HOST: `unix://${join(linkDir, 'docker.sock')}` } });
      assert.equal(engine.kind, 'podman');
      assert.equal((await engine.info()).socket, `unix://${join(linkDir, 'docker.sock')}`);
    });

    test('--engine docker refuses a Podman endpoint and says what answered', async () => {
      const err = await connectEngine({ engine: 'docker', env: { DOCKER_HOST: `unix://${ENGINE_SOCKETS.podman}` } }).catch(
        (e: unknown) => e,
      );
      assert.ok(err instanceof EngineUnavailableError);
      assert.match(err.message, /answers as Podman 4?[\d.]+, not Docker/);
    });
  });
}
