// What the FakeEngine does beyond the shared contract: driven by a ManualClock, with programs
// that exit, crash, run out of memory and hang, and the fake's Podman quirks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent } from '../../../src-main/engine/engine';
import { isNotFound, RuntimeNotHonouredError } from '../../../src-main/engine/engine';
import { exitsOn, FakeEngine, ManualClock } from '../../../src-main/engine/fake';
import type { FakeProgram } from '../../../src-main/engine/fake';

const IMAGE = 'local/busybox:1';

function setup(program: FakeProgram, kind: 'docker' | 'podman' = 'docker') {
  const clock = new ManualClock(1_000_000);
  const engine = new FakeEngine({ kind, clock, images: [IMAGE], programs: () => program, registry: { 'reg/private:1': { auth: { username: 'alice', password: 's3cret' } } } });
  return { clock, engine };
}

async function drain(engine: FakeEngine, since: number): Promise<EngineEvent[]> {
  const stream = await engine.events({ since });
  const seen: EngineEvent[] = [];
  setImmediate(() => stream.close());
  for await (const e of stream) seen.push(e);
  return seen;
}

test('a program exits by itself on the clock, with its code and times', async () => {
  const { clock, engine } = setup({ exitAfterMs: 5000, exitCode: 2 });
  const id = await engine.createContainer({ image: IMAGE });
  await engine.startContainer(id);
  clock.advance(4999);
  assert.equal((await engine.inspectContainer(id)).state.running, true);
  clock.advance(1);
  const { state } = await engine.inspectContainer(id);
  assert.deepEqual([state.status, state.exitCode, state.startedAt, state.finishedAt], ['exited', 2, 1_000_000, 1_005_000]);
});

test('a signal handler that takes its time; SIGKILL cuts it short', async () => {
  const { clock, engine } = setup({ onSignal: exitsOn('SIGTERM', 0, 3000) });
  const id = await engine.createContainer({ image: IMAGE });
  await engine.startContainer(id);
  const exit = engine.waitContainer(id);
  await engine.killContainer(id, 'TERM');
  clock.advance(3000);
  assert.equal(await exit, 0);

  await engine.startContainer(id); // a stopped container starts again (same id)
  await engine.killContainer(id, '15');
  await engine.killContainer(id, 'SIGKILL');
  assert.equal((await engine.inspectContainer(id)).state.exitCode, 137);
  clock.advance(10_000);
  assert.equal((await engine.inspectContainer(id)).state.exitCode, 137, 'the handler timer went with the run');
});

test('stop waits the timeout on the clock before SIGKILL, and reports the events Docker does', async () => {
  const { clock, engine } = setup({ onSignal: () => 'ignore' });
  const id = await engine.createContainer({ image: IMAGE });
  await engine.startContainer(id);
  const stopped = engine.stopContainer(id, 2);
  await Promise.resolve();
  clock.advance(1999);
  assert.equal((await engine.inspectContainer(id)).state.running, true);
  clock.advance(1);
  assert.equal(await stopped, true);
  const actions = (await drain(engine, 0)).map((e) => `${e.action}${e.signal ? `:${e.signal}` : ''}${e.exitCode !== undefined ? `=${e.exitCode}` : ''}`);
  assert.deepEqual(actions, ['create', 'start', 'kill:15', 'kill:9', 'die=137', 'stop']);
});

test('OOM: oom then die 137, oomKilled in inspect', async () => {
  const { clock, engine } = setup({ oomAfterMs: 100 });
  const id = await engine.createContainer({ image: IMAGE });
  await engine.startContainer(id);
  clock.advance(100);
  assert.equal((await engine.inspectContainer(id)).state.oomKilled, true);
  const events = await drain(engine, 1_000_000);
  assert.deepEqual(events.slice(-2).map((e) => [e.action, e.exitCode, e.time]), [['oom', undefined, 1_000_100], ['die', 137, 1_000_100]]);
});

test('exec: delayed answers on the clock; hang until aborted', async () => {
  const { clock, engine } = setup({ exec: (cmd) => (cmd[0] === 'slow' ? { exitCode: 0, output: 'done', afterMs: 500 } : cmd[0] === 'hang' ? 'hang' : undefined) });
  const id = await engine.createContainer({ image: IMAGE });
  await engine.startContainer(id);
  const slow = engine.exec(id, ['slow']);
  await Promise.resolve();
  clock.advance(500);
  assert.deepEqual(await slow, { exitCode: 0, output: 'done', truncated: false });
  const abort = new AbortController();
  const hung = engine.exec(id, ['hang'], { signal: abort.signal });
  abort.abort(new Error('probe timed out'));
  await assert.rejects(hung, /probe timed out/);
});

test('pull: credentials as the registry wants them; logs tail', async () => {
  const { clock, engine } = setup({ output: [{ stream: 'stdout', text: 'a\nb\n' }] });
  await assert.rejects(engine.pullImage('reg/private:1'), /no basic auth credentials/);
  await engine.pullImage('reg/private:1', { username: 'alice', password: 's3cret', serveraddress: 'reg' });
  assert.equal(await engine.imageExists('reg/private:1'), true);
  const id = await engine.createContainer({ image: 'reg/private:1' });
  await engine.startContainer(id);
  clock.advance(0); // output "at once" is a timer of the run, like everything the program does
  assert.equal(await engine.logsText(id, { tail: 1 }), 'b\n');
  await assert.rejects(engine.createContainer({ image: 'not/here:1' }), (err: unknown) => isNotFound(err));
});

test('as Podman: a runtime is never honoured; a joined sandbox cannot go first', async () => {
  const { engine } = setup({}, 'podman');
  await assert.rejects(engine.createContainer({ image: IMAGE, runtime: 'crun' }), RuntimeNotHonouredError);
  assert.deepEqual(await engine.listContainers({ all: true }), []);
  const sandbox = await engine.createContainer({ image: IMAGE });
  await engine.createContainer({ image: IMAGE, networkMode: `container:${sandbox}` });
  await assert.rejects(engine.removeContainer(sandbox, { force: true }), /dependent containers/);
  assert.equal(await engine.networkDnsEnabled('podman'), true);
});
