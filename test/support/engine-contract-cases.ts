// The engine port's contract: cases that run unchanged against the FakeEngine (unit suite) and
// against real Docker and Podman (engine suite). Each container a case makes is declared twice —
// the busybox command a real engine runs and the FakeProgram with the same behaviour — and where
// the two engines differ, the assertion says what both do (and the fake does that).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerSpec } from '../../src-main/engine/container-spec';
import type { Engine, EngineEvent } from '../../src-main/engine/engine';
import { engineStatusCode, isNotFound } from '../../src-main/engine/engine';
import type { FakeProgram } from '../../src-main/engine/fake';
import { ignoresSignals, exitsOn } from '../../src-main/engine/fake';
import { signalName } from '../../src-main/engine/signals';

/** One container of a case: what a real engine runs, and what the fake runs instead. */
export interface CaseContainer {
  /** The busybox command (Cmd), run by `sh -c` when given as a string. */
  command: string;
  program: FakeProgram;
}

export interface ContractContext {
  engine: Engine;
  /** The image every case container runs (local/busybox:1). */
  image: string;
  /** Labels every object a case makes carries, so it is cleaned up afterwards. */
  labels: Record<string, string>;
  /** A name unique to this run. */
  name(base: string): string;
  /** Creates a labelled container running `c` (its program on the fake). */
  create(c: CaseContainer, spec?: Partial<ContainerSpec>): Promise<string>;
  /** Names of networks and volumes the case made, removed afterwards. */
  track(kind: 'network' | 'volume', name: string): void;
  /** An image no registry has, and credentials for the registry it names. */
  missingImage: { ref: string; auth: { username: string; password: string; serveraddress: string } };
}

export interface ContractCase {
  name: string;
  run(ctx: ContractContext): Promise<void>;
}

const READY = 'echo ready';

/** Waits (polling) until the container's log shows `text`: its signal handlers are installed. */
async function untilLogged(engine: Engine, id: string, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await engine.logsText(id)).includes(text)) {
    if (Date.now() > deadline) assert.fail(`"${text}" never appeared in the log of ${id}`);
    await sleep(20);
  }
}

/** Prints ready, then exits 143 on SIGTERM (the code a process killed by SIGTERM has). */
export const EXITS_ON_TERM: CaseContainer = {
  command: `trap "exit 143" TERM; ${READY}; while :; do sleep 1 & wait $!; done`,
  program: { output: [{ stream: 'stdout', text: 'ready\n' }] },
};

/** Prints ready, then ignores SIGTERM: only SIGKILL (137) ends it. */
export const IGNORES_TERM: CaseContainer = {
  command: `trap "" TERM; ${READY}; while :; do sleep 1; done`,
  program: { output: [{ stream: 'stdout', text: 'ready\n' }], onSignal: ignoresSignals },
};

/**
 * Writes a line to stdout, then (a moment later: stdout and stderr are separate pipes, whose
 * order the engines keep only between writes some time apart) one to stderr, then exits 3.
 */
export const EXITS_3: CaseContainer = {
  command: 'echo hello; sleep 0.2; echo oops >&2; exit 3',
  program: { output: [{ stream: 'stdout', text: 'hello\n' }, { stream: 'stderr', text: 'oops\n', afterMs: 200 }], exitAfterMs: 250, exitCode: 3 },
};

/** Runs until killed, and answers the contract's exec. */
export const ANSWERS_EXEC: CaseContainer = {
  command: 'while :; do sleep 1; done',
  program: {
    onSignal: ignoresSignals,
    exec: (cmd) => (cmd[0] === 'sh' ? { exitCode: 3, output: 'out\nerr\n' } : undefined),
  },
};

/** Exits 42 on SIGUSR1 (the stop signal of the stop-signal case). */
export const EXITS_ON_USR1: CaseContainer = {
  command: `trap "exit 42" USR1; ${READY}; while :; do sleep 1 & wait $!; done`,
  program: { output: [{ stream: 'stdout', text: 'ready\n' }], onSignal: exitsOn('SIGUSR1', 42) },
};

/**
 * A refusal for the container's (or network's) state: Docker answers 409, Podman 500 with
 * "container state improper" / "network already exists".
 */
const conflictStatus = (engine: Engine): number => (engine.kind === 'podman' ? 500 : 409);

async function rejectsWith(promise: Promise<unknown>, status: number, what: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.equal(engineStatusCode(err), status, `${what}: ${String(err)}`);
    return true;
  });
}

async function running(ctx: ContractContext, c: CaseContainer, spec: Partial<ContainerSpec> = {}): Promise<string> {
  const id = await ctx.create(c, spec);
  await ctx.engine.startContainer(id);
  if (c.program.output?.some((o) => o.text === 'ready\n')) await untilLogged(ctx.engine, id, 'ready');
  return id;
}

export const CONTRACT_CASES: ContractCase[] = [
  {
    name: 'create, start and inspect: states, times and labels; wait returns the exit code',
    async run(ctx) {
      const { engine } = ctx;
      const id = await ctx.create(EXITS_3, { labels: { 'contract.extra': 'yes' } });
      const created = await engine.inspectContainer(id);
      assert.equal(created.id, id);
      assert.equal(created.state.running, false);
      assert.ok(['created', 'configured'].includes(created.state.status), created.state.status);
      assert.equal(created.state.startedAt, undefined);
      assert.equal(created.state.finishedAt, undefined);
      assert.equal(created.labels['contract.extra'], 'yes');
      for (const [k, v] of Object.entries(ctx.labels)) assert.equal(created.labels[k], v);
      // Podman names a local image with its `localhost/` domain.
      assert.ok([ctx.image, `localhost/${ctx.image}`].includes(created.image), created.image);
      assert.match(created.imageId, /^(sha256:)?[0-9a-f]{64}$/);

      await engine.startContainer(id);
      assert.equal(await engine.waitContainer(id), 3);
      const done = await engine.inspectContainer(id);
      assert.equal(done.state.running, false);
      assert.equal(done.state.exitCode, 3);
      assert.ok(['exited', 'stopped'].includes(done.state.status), done.state.status);
      assert.ok(done.state.startedAt !== undefined && done.state.finishedAt !== undefined);
      assert.ok(done.state.startedAt >= created.created - 1000, 'started after it was created');
      assert.ok(done.state.finishedAt >= done.state.startedAt, 'finished after it started');
      assert.equal(await engine.waitContainer(id), 3, 'waiting on an exited container answers at once');
    },
  },
  {
    name: 'list by label: running containers by default, all with `all`',
    async run(ctx) {
      const { engine } = ctx;
      const group = { 'contract.group': ctx.name('list') };
      const up = await running(ctx, IGNORES_TERM, { labels: group });
      const idle = await ctx.create(IGNORES_TERM, { labels: group });
      const runningOnly = await engine.listContainers({ labels: group });
      assert.deepEqual(runningOnly.map((c) => c.id), [up]);
      assert.equal(runningOnly[0]?.state, 'running');
      const all = await engine.listContainers({ labels: group, all: true });
      assert.deepEqual(all.map((c) => c.id).sort(), [up, idle].sort());
      assert.ok(['created', 'configured'].includes(all.find((c) => c.id === idle)?.state ?? ''), 'the idle one is created');
      assert.deepEqual(await engine.listContainers({ labels: { 'contract.group': 'no-such-group' }, all: true }), []);
      const hasKey = await engine.listContainers({ labels: { 'contract.group': true }, all: true });
      assert.ok(hasKey.some((c) => c.id === idle), '`true` matches any value');
    },
  },
  {
    name: 'kill: SIGTERM ends a program that exits on it (143); one that ignores it runs on until SIGKILL (137)',
    async run(ctx) {
      const { engine } = ctx;
      const handles = await running(ctx, EXITS_ON_TERM);
      const handlesExit = engine.waitContainer(handles);
      assert.equal(await engine.killContainer(handles, 'SIGTERM'), true);
      assert.equal(await handlesExit, 143);

      const ignores = await running(ctx, IGNORES_TERM);
      assert.equal(await engine.killContainer(ignores, 'SIGTERM'), true);
      await sleep(300);
      assert.equal((await engine.inspectContainer(ignores)).state.running, true, 'SIGTERM was ignored');
      const ignoresExit = engine.waitContainer(ignores);
      assert.equal(await engine.killContainer(ignores, 'SIGKILL'), true);
      assert.equal(await ignoresExit, 137);
      assert.equal((await engine.inspectContainer(ignores)).state.exitCode, 137);
      assert.equal(await engine.killContainer(ignores, 'SIGKILL'), false, 'nothing to signal any more');
    },
  },
  {
    name: 'stop: the stop signal, then SIGKILL once the timeout is spent; false when not running',
    async run(ctx) {
      const { engine } = ctx;
      const ignores = await running(ctx, IGNORES_TERM);
      const started = Date.now();
      assert.equal(await engine.stopContainer(ignores, 1), true);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 900, `SIGKILL came after the 1 s timeout (${elapsed} ms)`);
      assert.equal((await engine.inspectContainer(ignores)).state.exitCode, 137);
      assert.equal(await engine.stopContainer(ignores, 1), false);

      const handles = await running(ctx, EXITS_ON_TERM);
      assert.equal(await engine.stopContainer(handles, 10), true);
      assert.equal((await engine.inspectContainer(handles)).state.exitCode, 143);
    },
  },
  {
    name: 'stop signal: taken from the spec, reported by name, and sent by stop',
    async run(ctx) {
      const { engine } = ctx;
      const plain = await ctx.create(EXITS_3);
      const plainSignal = (await engine.inspectContainer(plain)).stopSignal;
      assert.equal(signalName(plainSignal ?? 'SIGTERM'), 'SIGTERM', `default stop signal: ${plainSignal}`);

      const id = await running(ctx, EXITS_ON_USR1, { stopSignal: 'SIGUSR1' });
      const details = await engine.inspectContainer(id);
      // Docker reports the name as given, Podman the number (10): both name SIGUSR1.
      assert.equal(signalName(details.stopSignal ?? ''), 'SIGUSR1', `stopSignal: ${details.stopSignal}`);
      assert.equal(await engine.stopContainer(id, 10), true);
      assert.equal((await engine.inspectContainer(id)).state.exitCode, 42);
    },
  },
  {
    name: 'remove: refused while running without force; gone afterwards (404, start 404, remove false)',
    async run(ctx) {
      const { engine } = ctx;
      const id = await running(ctx, IGNORES_TERM);
      await rejectsWith(engine.removeContainer(id), conflictStatus(engine), 'removing a running container without force');
      assert.equal(await engine.removeContainer(id, { force: true }), true);
      await assert.rejects(engine.inspectContainer(id), (err: unknown) => isNotFound(err));
      await rejectsWith(engine.startContainer(id), 404, 'restarting a removed container');
      await rejectsWith(engine.killContainer(id, 'SIGKILL'), 404, 'killing a removed container');
      assert.equal(await engine.removeContainer(id, { force: true }), false);
      assert.deepEqual((await engine.listContainers({ labels: ctx.labels, all: true })).filter((c) => c.id === id), []);
    },
  },
  {
    name: 'exec: exit code and merged output; a command not in the image is 127; a stopped container refuses',
    async run(ctx) {
      const { engine } = ctx;
      const id = await running(ctx, ANSWERS_EXEC);
      const result = await engine.exec(id, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
      assert.equal(result.exitCode, 3);
      assert.match(result.output, /out\n/);
      assert.match(result.output, /err\n/);
      assert.equal(result.truncated, false);
      assert.equal((await engine.exec(id, ['no-such-command'])).exitCode, 127);
      const small = await engine.exec(id, ['sh', '-c', 'echo out; echo err >&2; exit 3'], { maxOutputBytes: 2 });
      // Two bytes of `out` or of `err`: stdout and stderr are separate pipes.
      assert.ok(['ou', 'er'].includes(small.output), small.output);
      assert.equal(small.truncated, true);

      await engine.killContainer(id, 'SIGKILL');
      await engine.waitContainer(id);
      await rejectsWith(engine.exec(id, ['sh', '-c', 'true']), conflictStatus(engine), 'exec in a stopped container');
    },
  },
  {
    name: 'logs: stdout and stderr in order, split by stream; tail',
    async run(ctx) {
      const { engine } = ctx;
      const id = await ctx.create(EXITS_3);
      await engine.startContainer(id);
      await engine.waitContainer(id);
      assert.equal(await engine.logsText(id), 'hello\noops\n');
      assert.equal(await engine.logsText(id, { tail: 1 }), 'oops\n');
      const chunks: { stream: string; text: string }[] = [];
      for await (const chunk of engine.logs(id)) chunks.push({ stream: chunk.stream, text: chunk.data.toString() });
      assert.deepEqual(
        chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join(''),
        'oops\n',
      );
      assert.deepEqual(
        chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join(''),
        'hello\n',
      );
    },
  },
  {
    name: 'events: create, start and die with the exit code, for the labelled container only',
    async run(ctx) {
      const { engine } = ctx;
      const only = { 'contract.events': ctx.name('events') };
      const stream = await engine.events({ labels: only });
      const seen: EngineEvent[] = [];
      const timer = setTimeout(() => stream.close(), 20_000);
      try {
        const id = await ctx.create(EXITS_3, { labels: only });
        await engine.startContainer(id);
        for await (const event of stream) {
          seen.push(event);
          if (event.action === 'die') break;
        }
        const actions = seen.map((e) => e.action);
        for (const action of ['create', 'start', 'die']) assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
        assert.ok(seen.every((e) => e.containerId === id && e.labels['contract.events'] === only['contract.events']));
        const start = seen.find((e) => e.action === 'start')!;
        const die = seen.find((e) => e.action === 'die')!;
        assert.equal(die.exitCode, 3);
        assert.ok(die.time >= start.time, 'die after start');
        assert.ok(Math.abs(die.time - Date.now()) < 60_000, 'times are epoch ms');
      } finally {
        clearTimeout(timer);
        stream.close();
      }
    },
  },
  {
    name: 'published port: on 127.0.0.1, on a port the engine chose',
    async run(ctx) {
      const { engine } = ctx;
      const id = await running(ctx, IGNORES_TERM, { portBindings: [{ containerPort: 8080 }] });
      const ports = (await engine.inspectContainer(id)).ports.filter((p) => p.containerPort === 8080);
      assert.equal(ports.length, 1, JSON.stringify(ports));
      assert.equal(ports[0]?.protocol, 'tcp');
      assert.equal(ports[0]?.hostIp, '127.0.0.1');
      assert.ok((ports[0]?.hostPort ?? 0) > 0);
    },
  },
  {
    name: 'networks: create (409 when taken), inspect, an address and gateway for a container on it, remove',
    async run(ctx) {
      const { engine } = ctx;
      const name = ctx.name('net');
      ctx.track('network', name);
      const id = await engine.createNetwork({ name, labels: ctx.labels });
      assert.ok(id.length > 0);
      const details = await engine.inspectNetwork(name);
      assert.equal(details?.name, name);
      assert.equal(details?.driver, 'bridge');
      for (const [k, v] of Object.entries(ctx.labels)) assert.equal(details?.labels[k], v);
      await rejectsWith(engine.createNetwork({ name }), conflictStatus(engine), 'a network name taken');

      const container = await running(ctx, IGNORES_TERM, { networkMode: name });
      const endpoint = (await engine.inspectContainer(container)).networks[name];
      assert.match(endpoint?.ipAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
      assert.match(endpoint?.gateway ?? '', /^\d+\.\d+\.\d+\.\d+$/);
      await engine.removeContainer(container, { force: true });

      assert.equal(await engine.removeNetwork(name), true);
      assert.equal(await engine.inspectNetwork(name), undefined);
      assert.equal(await engine.removeNetwork(name), false);
    },
  },
  {
    name: 'volumes: create (again is no error), inspect, remove',
    async run(ctx) {
      const { engine } = ctx;
      const name = ctx.name('vol');
      ctx.track('volume', name);
      await engine.createVolume({ name, labels: ctx.labels });
      await engine.createVolume({ name, labels: ctx.labels });
      const volume = await engine.inspectVolume(name);
      assert.equal(volume?.name, name);
      for (const [k, v] of Object.entries(ctx.labels)) assert.equal(volume?.labels[k], v);
      assert.ok((volume?.mountpoint ?? '').length > 0);
      assert.equal(await engine.removeVolume(name), true);
      assert.equal(await engine.inspectVolume(name), undefined);
      assert.equal(await engine.removeVolume(name), false);
    },
  },
  {
    name: 'images: exists and inspect; an image the registry does not have fails to pull',
    async run(ctx) {
      const { engine } = ctx;
      assert.equal(await engine.imageExists(ctx.image), true);
      const image = await engine.inspectImage(ctx.image);
      assert.match(image?.id ?? '', /^sha256:[0-9a-f]{64}$/);
      assert.ok((image?.sizeBytes ?? 0) > 0);
      assert.equal(await engine.imageExists('local/no-such-image:0'), false);
      assert.equal(await engine.inspectImage('local/no-such-image:0'), undefined);
      await assert.rejects(engine.pullImage(ctx.missingImage.ref, ctx.missingImage.auth), Error);
      assert.equal(await engine.imageExists(ctx.missingImage.ref), false);
    },
  },
];
