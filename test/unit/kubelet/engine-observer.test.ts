// The EngineObserver on the FakeEngine: a full read seeds the view, events keep it current, the
// observed engine answers a pod's reads from it, an exit is seen from its `die` event, and the
// safety net repairs what a lost event left stale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerSpec } from '../../../src-main/engine/engine';
import { FakeEngine, ManualClock } from '../../../src-main/engine/fake';
import { containerLabels, LABELS, MANAGED_VALUE, sandboxLabels } from '../../../src-main/engine/labels';
import { EngineObserver } from '../../../src-main/kubelet/observation/engine-observer';

const IMAGE = 'local/busybox:1';
const INSTANCE = 'test-instance';
const SELECTOR = { [LABELS.managed]: MANAGED_VALUE, [LABELS.instance]: INSTANCE };
const POD = { uid: 'u1', namespace: 'default', name: 'p' };

/** The FakeEngine with its container reads counted, and a /wait that can be made to hang (Podman's late answers). */
class CountingEngine extends FakeEngine {
  reads = 0;
  waitHangs = false;
  override async inspectContainer(id: string) {
    this.reads += 1;
    return super.inspectContainer(id);
  }
  override async listContainers(opts?: Parameters<FakeEngine['listContainers']>[0]) {
    this.reads += 1;
    return super.listContainers(opts);
  }
  override waitContainer(id: string, opts: { signal?: AbortSignal } = {}) {
    if (!this.waitHangs) return super.waitContainer(id, opts);
    return new Promise<number | undefined>((_, reject) => opts.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  }
}

const sandboxSpec = (): ContainerSpec => ({ name: 'sb', image: IMAGE, labels: { ...sandboxLabels(POD), [LABELS.instance]: INSTANCE } });
const appSpec = (sandboxId: string, name = 'main'): ContainerSpec => ({
  name: `app-${name}`,
  image: IMAGE,
  networkMode: `container:${sandboxId}`,
  labels: { ...containerLabels(POD, name, 0), [LABELS.instance]: INSTANCE },
});

async function setup(options: { fed?: boolean } = {}) {
  const clock = new ManualClock(1_000_000);
  // Every signal ends a container at once, with 128 + its number.
  const engine = new CountingEngine({ clock, images: [IMAGE] });
  const woken: string[] = [];
  const observer = new EngineObserver(engine, { selector: SELECTOR, onPodChanged: (uid) => woken.push(uid), now: () => clock.now() });
  const stream = await engine.events({ labels: SELECTOR, actions: ['start', 'die', 'oom', 'destroy'] });
  let applied = Promise.resolve();
  void (async () => {
    for await (const event of stream) if (options.fed !== false) applied = applied.then(() => observer.handle(event));
  })();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    await applied;
  };
  return { clock, engine, observer, woken, settle, close: () => stream.close() };
}

test('a full read seeds the view; the pod is then listed and inspected without engine reads', async () => {
  const { engine, observer, close } = await setup();
  const sb = await engine.createContainer(sandboxSpec());
  await engine.startContainer(sb);
  const app = await engine.createContainer(appSpec(sb));
  await observer.resync();
  assert.equal(engine.reads, 3, 'one list and one inspect per container');
  engine.reads = 0;
  const listed = await observer.engine.listContainers({ labels: { [LABELS.podUid]: 'u1' }, all: true });
  assert.deepEqual(listed.map((c) => c.id).sort(), [sb, app].sort());
  assert.deepEqual((await observer.engine.listContainers({ labels: { [LABELS.podUid]: 'u1' } })).map((c) => c.id), [sb], 'running ones only');
  assert.equal((await observer.engine.inspectContainer(app)).state.status, 'created');
  assert.equal(engine.reads, 0);
  close();
});

test("Berth's own create and start are in the view before they return: one inspect per container", async () => {
  const { engine, observer, settle, close } = await setup();
  await observer.resync();
  engine.reads = 0;
  const sb = await observer.engine.createContainer(sandboxSpec());
  await observer.engine.startContainer(sb);
  const app = await observer.engine.createContainer(appSpec(sb));
  await observer.engine.startContainer(app);
  assert.equal(engine.reads, 2, 'the sandbox after its start (addresses), the app container after its create');
  assert.equal(observer.view.get(sb)?.state.running, true);
  assert.equal(observer.view.get(app)?.state.running, true);
  await settle();
  assert.equal(engine.reads, 2, 'their start events needed no read');
  assert.equal(observer.view.get(app)?.state.startedAt, (await engine.inspectContainer(app)).state.startedAt, "the start event gave the engine's start time");
  await observer.engine.removeContainer(app, { force: true });
  assert.equal(observer.view.has(app), false);
  close();
});

test("an exit is seen from the die event, with its exit code, while the engine's /wait has not answered", async () => {
  const { engine, observer, woken, close } = await setup();
  await observer.resync();
  const sb = await observer.engine.createContainer(sandboxSpec());
  await observer.engine.startContainer(sb);
  const app = await observer.engine.createContainer(appSpec(sb));
  await observer.engine.startContainer(app);
  engine.waitHangs = true;
  const exited = observer.engine.waitContainer(app);
  await engine.killContainer(app, 'SIGTERM');
  assert.equal(await exited, 143);
  const state = (await observer.engine.inspectContainer(app)).state;
  assert.deepEqual([state.running, state.exitCode, typeof state.finishedAt], [false, 143, 'number']);
  assert.ok(woken.includes('u1'), 'the pod was woken');
  close();
});

test('a wait the caller aborts rejects, as the engine’s own does', async () => {
  const { engine, observer, close } = await setup();
  await observer.resync();
  const sb = await observer.engine.createContainer(sandboxSpec());
  await observer.engine.startContainer(sb);
  engine.waitHangs = true;
  const abort = new AbortController();
  const waiting = observer.engine.waitContainer(sb, { signal: abort.signal });
  abort.abort();
  await assert.rejects(waiting);
  close();
});

test('the safety net: a lost event is repaired by one list, inspecting only what disagrees', async () => {
  const { clock, engine, observer, close } = await setup({ fed: false });
  await observer.resync();
  const sb = await observer.engine.createContainer(sandboxSpec());
  await observer.engine.startContainer(sb);
  const app = await observer.engine.createContainer(appSpec(sb));
  // The start event never reaches the observer: the engine's answer to the start is enough.
  await observer.engine.startContainer(app);
  assert.equal(observer.view.get(app)?.state.running, true);
  // Its exit and another container's removal are lost too.
  await engine.killContainer(app, 'SIGTERM');
  clock.advance(10_000);
  const other = await engine.createContainer({ ...appSpec(sb, 'other'), name: 'app-other' });
  await observer.refresh(other);
  await engine.removeContainer(other, { force: true });
  clock.advance(10_000);
  assert.equal(observer.view.get(app)?.state.running, true, 'stale');
  engine.reads = 0;
  await observer.checkAgainstList();
  assert.equal(engine.reads, 2, 'one list, one inspect (the container that disagrees)');
  assert.equal(observer.view.get(app)?.state.exitCode, 143);
  assert.equal(observer.view.has(other), false);
  assert.equal(observer.view.get(sb)?.state.running, true);
  close();
});

test('events during a full read are held and applied after it; a container written meanwhile is kept', async () => {
  const { engine, observer, settle, close } = await setup();
  const sb = await engine.createContainer(sandboxSpec());
  await engine.startContainer(sb);
  // The first read is under way: the sandbox's start event (already sent) waits for it.
  const reading = observer.resync();
  const app = await observer.engine.createContainer(appSpec(sb));
  await observer.engine.startContainer(app);
  await reading;
  await settle();
  assert.equal(observer.view.get(sb)?.state.running, true);
  assert.equal(observer.view.get(app)?.state.running, true, 'kept though the list predates it');
  close();
});
