// The kill sequence on a controlled clock (node:test mock timers): preStop with the whole budget,
// the stop signal, SIGKILL at max(deadline, signal + 2 s), and a budget that shrinks meanwhile.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { Engine } from '../../../src-main/engine/engine';
import { GraceBudget } from '../../../src-main/kubelet/grace-budget';
import { killContainer, type KillMilestones } from '../../../src-main/kubelet/kill-container';

/**
 * Just enough of an engine for the kill sequence: one container that exits on the signals given
 * (SIGKILL always), and waits on its exit through the port's waitContainer.
 */
function stubEngine(exitsOn: string[] = []) {
  let running = true;
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const signals: { signal: string; at: number }[] = [];
  const engine = {
    async killContainer(_id: string, signal: string): Promise<boolean> {
      if (!running) return false;
      signals.push({ signal, at: Date.now() });
      if (signal === 'SIGKILL' || exitsOn.includes(signal)) {
        running = false;
        exit(signal === 'SIGKILL' ? 137 : 0);
      }
      return true;
    },
    waitContainer: () => exited,
  };
  return {
    engine: engine as unknown as Engine,
    signals,
    exitNow(code: number) {
      running = false;
      exit(code);
    },
  };
}

/** Lets the promise chains between timers run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the clock on in small steps, running what each step wakes. */
async function advance(ms: number, step = 100): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    mock.timers.tick(Math.min(step, ms - passed));
    await flush();
  }
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
afterEach(() => mock.timers.reset());

/** A preStop that runs until it is aborted, noting when. */
function blockingPreStop() {
  const calls: { startedAt: number; abortedAt?: number }[] = [];
  const preStop = (signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      const call: { startedAt: number; abortedAt?: number } = { startedAt: Date.now() };
      calls.push(call);
      signal.addEventListener('abort', () => {
        call.abortedAt = Date.now();
        resolve();
      });
    });
  return { calls, preStop };
}

function start(engine: Engine, budget: GraceBudget, preStop?: (signal: AbortSignal) => Promise<void>) {
  const milestones: KillMilestones[] = [];
  const done = killContainer({
    engine,
    containerId: 'c1',
    stopSignal: 'SIGTERM',
    budget,
    ...(preStop ? { preStop } : {}),
    now: () => Date.now(),
    onMilestone: (m) => milestones.push(m),
  });
  return { done, milestones };
}

test('preStop gets the whole budget, then the signal, then SIGKILL 2 s later at the least', async () => {
  const { engine, signals } = stubEngine();
  const hook = blockingPreStop();
  const { done } = start(engine, GraceBudget.of(10_000, 0), hook.preStop);
  await advance(9900);
  assert.equal(hook.calls[0]?.abortedAt, undefined, 'preStop still running within the budget');
  assert.deepEqual(signals, []);
  await advance(12_500);
  const reached = await done;
  assert.equal(hook.calls[0]?.abortedAt, 10_000);
  assert.deepEqual(signals, [
    { signal: 'SIGTERM', at: 10_000 },
    { signal: 'SIGKILL', at: 12_000 },
  ]);
  assert.deepEqual(reached, { preStopStartedAt: 0, preStopFinishedAt: 10_000, signal: 'SIGTERM', signalAt: 10_000, killAt: 12_000, exitedAt: 12_000, exitCode: 137 });
});

test('without preStop: the signal at once, SIGKILL at the deadline when that is later than 2 s', async () => {
  const { engine, signals } = stubEngine();
  const { done } = start(engine, GraceBudget.of(5000, 0));
  await advance(6000);
  await done;
  assert.deepEqual(signals, [
    { signal: 'SIGTERM', at: 0 },
    { signal: 'SIGKILL', at: 5000 },
  ]);
});

test('a short budget still leaves 2 s between the signal and SIGKILL', async () => {
  const { engine, signals } = stubEngine();
  const { done } = start(engine, GraceBudget.of(500, 0));
  await advance(3000);
  await done;
  assert.deepEqual(signals.map((s) => [s.signal, s.at]), [['SIGTERM', 0], ['SIGKILL', 2000]]);
});

test('a container that exits on the signal gets no SIGKILL', async () => {
  const { engine, signals } = stubEngine(['SIGTERM']);
  const { done, milestones } = start(engine, GraceBudget.of(30_000, 0));
  await advance(100);
  const reached = await done;
  assert.deepEqual(signals.map((s) => s.signal), ['SIGTERM']);
  assert.equal(reached.killAt, undefined);
  assert.equal(reached.exitCode, 0);
  assert.ok(milestones.some((m) => m.exitedAt !== undefined));
});

test('a budget shortened mid-preStop re-arms: preStop ends at the new deadline, SIGKILL 2 s after the signal', async () => {
  const { engine, signals } = stubEngine();
  const hook = blockingPreStop();
  const budget = GraceBudget.of(30_000, 0);
  const { done } = start(engine, budget, hook.preStop);
  await advance(1000);
  budget.shorten(3000); // a second delete with a grace period of 2 s, 1 s in
  await advance(5000);
  const reached = await done;
  assert.equal(hook.calls[0]?.abortedAt, 3000);
  assert.equal(reached.preStopFinishedAt, 3000);
  assert.deepEqual(signals.map((s) => [s.signal, s.at]), [['SIGTERM', 3000], ['SIGKILL', 5000]]);
});

test('a budget shortened after the signal brings SIGKILL forward (but not before signal + 2 s)', async () => {
  const { engine, signals } = stubEngine();
  const budget = GraceBudget.of(30_000, 0);
  const { done } = start(engine, budget);
  await advance(1000);
  budget.shorten(1000);
  await advance(2000);
  await done;
  assert.deepEqual(signals.map((s) => [s.signal, s.at]), [['SIGTERM', 0], ['SIGKILL', 2000]]);
});

test('no preStop when the budget is 0: straight to the signal', async () => {
  const { engine, signals } = stubEngine();
  const hook = blockingPreStop();
  const { done } = start(engine, GraceBudget.of(0, 0), hook.preStop);
  await advance(2500);
  const reached = await done;
  assert.equal(hook.calls.length, 0);
  assert.equal(reached.preStopStartedAt, undefined);
  assert.deepEqual(signals.map((s) => [s.signal, s.at]), [['SIGTERM', 0], ['SIGKILL', 2000]]);
});

test('a preStop that returns early lets the signal go at once', async () => {
  const early = stubEngine(['SIGTERM']);
  const first = start(early.engine, GraceBudget.of(30_000, 0), async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  await advance(2000);
  const reached = await first.done;
  assert.deepEqual(early.signals.map((s) => [s.signal, s.at]), [['SIGTERM', 1500]]);
  assert.equal(reached.preStopFinishedAt, 1500);
});

test('a preStop after which the container has exited: no signal at all', async () => {
  const exiting = stubEngine();
  const second = start(exiting.engine, GraceBudget.of(30_000, Date.now()), async () => exiting.exitNow(0));
  await advance(200);
  const reached = await second.done;
  assert.deepEqual(exiting.signals, []);
  assert.equal(reached.signal, undefined);
  assert.equal(reached.exitCode, 0);
});
