import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerDetails, EngineEvent } from '../../../src-main/engine/engine';
import { ContainerView, detailsAfterEvent, hasExited, listDisagrees, summaryOf } from '../../../src-main/kubelet/observation/container-view';

function created(id: string, labels: Record<string, string> = { 'berth.pod.uid': 'u1' }): ContainerDetails {
  return {
    id,
    name: `c-${id}`,
    image: 'local/busybox:1',
    imageId: 'sha256:1',
    labels,
    created: 1000,
    state: { status: 'created', running: false, exitCode: 0, oomKilled: false, error: '', pid: 0 },
    networkMode: 'container:sb',
    ports: [],
    tty: false,
    networks: {},
  } as ContainerDetails;
}

const event = (action: string, containerId: string, time: number, extra: Partial<EngineEvent> = {}): EngineEvent => ({ action, containerId, labels: {}, time, ...extra });

test('a start event makes a created container running at the event time', () => {
  const after = detailsAfterEvent(created('a'), event('start', 'a', 2000))!;
  assert.equal(after.state.running, true);
  assert.equal(after.state.status, 'running');
  assert.equal(after.state.startedAt, 2000);
  assert.equal(after.state.finishedAt, undefined);
});

test('a die event carries the exit code and the time of the exit', () => {
  const running = detailsAfterEvent(created('a'), event('start', 'a', 2000))!;
  const after = detailsAfterEvent(running, event('die', 'a', 5000, { exitCode: 143 }))!;
  assert.equal(after.state.running, false);
  assert.equal(after.state.status, 'exited');
  assert.equal(after.state.exitCode, 143);
  assert.equal(after.state.finishedAt, 5000);
  assert.equal(after.state.startedAt, 2000);
});

test("events never move a container back: a late start or die keeps the engine's own times", () => {
  const inspected = { ...created('a'), state: { ...created('a').state, status: 'running', running: true, startedAt: 1999 } };
  assert.equal(detailsAfterEvent(inspected, event('start', 'a', 2000)), inspected);
  const exited = { ...inspected, state: { ...inspected.state, status: 'exited', running: false, exitCode: 1, finishedAt: 4999 } };
  assert.equal(detailsAfterEvent(exited, event('die', 'a', 5000, { exitCode: 1 })), exited);
});

test('oom marks the container; destroy removes it', () => {
  assert.equal(detailsAfterEvent(created('a'), event('oom', 'a', 1))!.state.oomKilled, true);
  assert.equal(detailsAfterEvent(created('a'), event('destroy', 'a', 1)), null);
});

test('the view lists by label, running only unless all', () => {
  const view = new ContainerView();
  view.put(created('a', { 'berth.pod.uid': 'u1' }));
  view.put(created('b', { 'berth.pod.uid': 'u2' }));
  view.apply(event('start', 'b', 10));
  assert.deepEqual(view.list({ 'berth.pod.uid': 'u1' }, true).map((d) => d.id), ['a']);
  assert.deepEqual(view.list({ 'berth.pod.uid': 'u1' }, false).map((d) => d.id), []);
  assert.deepEqual(view.list({ 'berth.pod.uid': true }, false).map((d) => d.id), ['b']);
});

test('an event for an unseen container is reported unknown, so the caller inspects it', () => {
  const view = new ContainerView();
  assert.equal(view.apply(event('start', 'x', 1)), 'unknown');
  assert.equal(view.apply(event('destroy', 'x', 1)), 'same');
  view.put(created('x'));
  assert.equal(view.apply(event('start', 'x', 1)), 'changed');
  assert.equal(view.apply(event('start', 'x', 2)), 'same');
  assert.equal(view.apply(event('destroy', 'x', 3)), 'changed');
  assert.equal(view.has('x'), false);
});

test('until resolves at once when the condition holds, else at the change that makes it hold', async () => {
  const view = new ContainerView();
  view.put(created('a'));
  const started = await view.until('a', (d) => d?.state.status === 'created');
  assert.equal(started?.id, 'a');
  const exited = view.until('a', (d) => d !== undefined && d.state.finishedAt !== undefined);
  let resolved = false;
  void exited.then(() => (resolved = true));
  view.apply(event('start', 'a', 10));
  await new Promise((r) => setImmediate(r));
  assert.equal(resolved, false, 'a start is not an exit');
  view.apply(event('die', 'a', 20, { exitCode: 0 }));
  assert.equal((await exited)?.state.finishedAt, 20);
});

test('until resolves with undefined when the container goes, and on abort', async () => {
  const view = new ContainerView();
  view.put(created('a'));
  const gone = view.until('a', (d) => d === undefined);
  view.remove('a');
  assert.equal(await gone, undefined);
  view.put(created('b'));
  const abort = new AbortController();
  const waiting = view.until('b', () => false, abort.signal);
  abort.abort();
  assert.equal((await waiting)?.id, 'b');
});

test('replaceAll notifies waiters of containers that went while the stream was down', async () => {
  const view = new ContainerView();
  view.put(created('a'));
  const gone = view.until('a', (d) => d === undefined);
  view.replaceAll([created('b')]);
  assert.equal(await gone, undefined);
  assert.deepEqual(view.ids(), ['b']);
});

test("a list disagrees with the view when the container is unknown or its running state differs", () => {
  const details = created('a');
  assert.equal(listDisagrees(summaryOf(details), details), false);
  assert.equal(listDisagrees({ ...summaryOf(details), state: 'running' }, details), true);
  assert.equal(listDisagrees(summaryOf(details), undefined), true);
});

test("a start Berth made runs at once; its start event then gives the engine's start time", () => {
  const view = new ContainerView();
  view.put(created('a'));
  view.markStarted('a', 2050);
  assert.deepEqual([view.get('a')?.state.running, view.get('a')?.state.startedAt], [true, 2050]);
  assert.equal(view.apply(event('start', 'a', 2001)), 'changed');
  assert.equal(view.get('a')?.state.startedAt, 2001);
  assert.equal(view.apply(event('start', 'a', 2002)), 'same', 'only the first start event after it');
  // A start event that came first already made it run: the mark changes nothing.
  view.put(created('b'));
  view.apply(event('start', 'b', 3000));
  view.markStarted('b', 3050);
  assert.equal(view.get('b')?.state.startedAt, 3000);
});

test('hasExited: a container that ran and stopped, not one never started', () => {
  const fresh = created('a');
  assert.equal(hasExited(fresh), false);
  assert.equal(hasExited({ ...fresh, state: { ...fresh.state, status: 'configured' } }), false, "Podman's name for created");
  assert.equal(hasExited(detailsAfterEvent(detailsAfterEvent(fresh, event('start', 'a', 1))!, event('die', 'a', 2))!), true);
});
