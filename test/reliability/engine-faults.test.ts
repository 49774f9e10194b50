// Engine faults: the engine goes away under load — dockerd stopped gracefully (its containers
// stop with it) or killed outright, the Podman API service killed (its containers live on) —
// and comes back. The controller must stay up and answer meanwhile, record the outage on the
// node (NodeNotReady / NodeReady), lose none of the events it had, adopt or re-create the pods'
// containers without duplicates, and run what was applied during the outage.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectEngine } from '../../src-main/engine/connect';
import type { Engine } from '../../src-main/engine/engine';
import { LABELS } from '../../src-main/engine/labels';
import { instanceIdFor } from '../../src-main/api/pod-host';
import { runBerth, startController, type Controller } from '../support/cli';
import { PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { busybox, podYaml, removeLeftovers } from '../support/pod-harness';
import { startPrivateDockerd, startPrivatePodmanService, type PrivateEngine } from '../support/private-engines';
import { makeTempDir } from '../support/temp';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const step = (message: string) => process.stderr.write(`[engine faults] ${message}\n`);

interface KubeEvent {
  metadata: { name: string };
  involvedObject: { kind: string; name: string };
  reason: string;
  count: number;
}
interface KubePod {
  metadata: { name: string; uid: string };
  status: { phase?: string; containerStatuses?: { name: string; restartCount: number; state: { running?: unknown } }[] };
}

/** The pods under load: steady ones with hooks and probes, and one that keeps crashing. */
const STEADY = ['steady-0', 'steady-1', 'steady-2', 'steady-3'];
const HANDLES_TERM = "trap 'exit 0' TERM; touch /tmp/ready; sleep 3600 & wait";
const probe = `
    readinessProbe:
      exec: {command: ["cat", "/tmp/ready"]}
      periodSeconds: 1
    lifecycle:
      postStart: {exec: {command: ["sh", "-c", "echo started >> /tmp/hooks"]}}
      preStop: {exec: {command: ["sh", "-c", "echo stopping >> /tmp/hooks"]}}`;
function loadYaml(namespace: string): string {
  const steady = STEADY.map((name) => podYaml(name, busybox('main', HANDLES_TERM, probe), { grace: 5, metadata: `\n  namespace: ${namespace}` }));
  const crashing = podYaml('crashing', busybox('main', "trap 'exit 0' TERM; sleep 2 & wait; exit 1"), { grace: 5, metadata: `\n  namespace: ${namespace}` });
  return [...steady, crashing].join('\n---\n');
}

interface Setup {
  engine: PrivateEngine;
  client: () => Promise<Engine>;
  controller: Controller;
  env: NodeJS.ProcessEnv;
  namespace: string;
  dir: string;
  instance: string;
}

async function berthJson<T>(setup: Setup, args: string[]): Promise<T> {
  const run = await runBerth([...args, '-o', 'json'], { env: setup.env });
  assert.equal(run.code, 0, `berth ${args.join(' ')} failed:\n${run.stderr}\ncontroller log:\n${setup.controller.log()}`);
  return JSON.parse(run.stdout) as T;
}

const events = (setup: Setup, namespace: string) => berthJson<{ items: KubeEvent[] }>(setup, ['events', '-n', namespace]).then((l) => l.items);
const pods = (setup: Setup) => berthJson<{ items: KubePod[] }>(setup, ['get', 'pods', '-n', setup.namespace]).then((l) => l.items);
const eventId = (e: KubeEvent) => parseInt(e.metadata.name.split('.').pop()!, 16);

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, setup: Setup, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await delay(500);
  }
  const state = await runBerth(['get', 'pods', '-n', setup.namespace], { env: setup.env });
  assert.fail(`${what} within ${timeoutMs} ms (last error: ${(last as Error)?.message})\npods:\n${state.stdout}${state.stderr}\ncontroller log:\n${setup.controller.log()}`);
}

function fullyRunning(pod: KubePod): boolean {
  return pod.status.phase === 'Running' && (pod.status.containerStatuses ?? []).every((c) => c.state.running !== undefined);
}

const steadyRunning = (setup: Setup) =>
  waitFor('the steady pods did not all run', async () => {
    const list = (await pods(setup)).filter((p) => STEADY.includes(p.metadata.name));
    return list.length === STEADY.length && list.every(fullyRunning) ? list : undefined;
  }, setup);

/** Every pod has exactly one running sandbox and one running container per spec container. */
async function assertNoDuplicates(setup: Setup, expectedPods: string[]): Promise<void> {
  const engine = await setup.client();
  const running = await engine.listContainers({ labels: { [LABELS.instance]: setup.instance } });
  const byPod = new Map<string, string[]>();
  for (const c of running) {
    const key = c.labels[LABELS.podName] ?? '?';
    byPod.set(key, [...(byPod.get(key) ?? []), c.labels[LABELS.role] === 'sandbox' ? 'sandbox' : (c.labels[LABELS.containerName] ?? '?')]);
  }
  for (const name of expectedPods) {
    assert.deepEqual((byPod.get(name) ?? []).sort(), ['main', 'sandbox'], `running containers of ${name} on ${setup.engine.kind}: ${JSON.stringify([...byPod])}`);
  }
}

/** Every event seen before the fault is still there, its count never lower. */
function assertKept(before: KubeEvent[], after: KubeEvent[], kind: string): void {
  const now = new Map(after.map((e) => [eventId(e), e]));
  const lost = before.filter((e) => !now.has(eventId(e)) || now.get(eventId(e))!.count < e.count);
  assert.deepEqual(lost.map((e) => `${e.reason} ${e.involvedObject.name} x${e.count}`), [], `events lost across the ${kind} fault`);
}

async function withSetup(kind: 'docker' | 'podman', body: (setup: Setup) => Promise<void>): Promise<void> {
  const temp = makeTempDir(`berth-faults-${kind}-`);
  const engine = kind === 'docker' ? await startPrivateDockerd(join(temp.path, 'engine')) : await startPrivatePodmanService(join(temp.path, 'engine'));
  const dataDir = join(temp.path, 'data');
  const namespace = `faults-${randomBytes(3).toString('hex')}`;
  // Berth reads DOCKER_HOST for Docker and CONTAINER_HOST for Podman, as their own CLIs do.
  const env: NodeJS.ProcessEnv = { BERTH_DATA_DIR: dataDir, BERTH_ENGINE: kind, [kind === 'docker' ? 'DOCKER_HOST' : 'CONTAINER_HOST']: engine.host, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
  const client = () => connectEngine({ engine: kind, host: engine.host, requestTimeoutMs: 30_000 });
  const controller = await startController(env);
  const setup: Setup = { engine, client, controller, env, namespace, dir: temp.path, instance: instanceIdFor(dataDir) };
  try {
    await body(setup);
    assert.ok(!controller.exited(), `the controller exited:\n${controller.log()}`);
  } finally {
    // Clean up whatever happened; a failure of the body is the one reported.
    if (!(await client().then((e) => e.ping()).then(() => true, () => false))) await engine.start().catch(() => undefined);
    const names = [...STEADY, 'crashing', 'late'];
    await runBerth(['delete', 'pod', ...names, '-n', namespace, '--grace-period', '0', '--wait', '--timeout', '90s'], { env }).catch(() => undefined);
    await controller.stop('SIGTERM');
    const { left } = await removeLeftovers(await client(), setup.instance, namespace).catch(() => ({ left: [] }));
    await engine.dispose().catch((error: Error) => step(`could not remove the private engine: ${error.message}`));
    try {
      temp.remove();
    } catch (error) {
      step(`could not remove ${temp.path}: ${(error as Error).message}`);
    }
    if (left.length) step(`containers left after delete: ${left.map((c) => c.name).join(', ')}`);
  }
}

/** Applies the load, waits for it to run and for some history to pile up; returns the events so far. */
async function underLoad(setup: Setup): Promise<KubeEvent[]> {
  const file = join(setup.dir, 'load.yaml');
  writeFileSync(file, loadYaml(setup.namespace));
  const applied = await runBerth(['apply', '-f', file], { env: setup.env });
  assert.equal(applied.code, 0, applied.stderr);
  await steadyRunning(setup);
  step('load running');
  await waitFor('the crashing pod did not restart', async () => {
    const crashing = (await pods(setup)).find((p) => p.metadata.name === 'crashing');
    return (crashing?.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined;
  }, setup);
  return events(setup, setup.namespace);
}

/** While the engine is down: the controller answers, and a pod applied now waits for it. */
async function duringOutage(setup: Setup): Promise<void> {
  const listed = await runBerth(['get', 'pods', '-n', setup.namespace], { env: setup.env });
  assert.equal(listed.code, 0, `berth get pods during the outage:\n${listed.stderr}`);
  assert.match(listed.stdout, /steady-0/);
  const late = join(setup.dir, 'late.yaml');
  writeFileSync(late, podYaml('late', busybox('main', HANDLES_TERM), { grace: 5, metadata: `\n  namespace: ${setup.namespace}` }));
  const applied = await runBerth(['apply', '-f', late], { env: setup.env });
  assert.equal(applied.code, 0, `apply during the outage:\n${applied.stderr}`);
}

async function nodeEvents(setup: Setup): Promise<KubeEvent[]> {
  return (await events(setup, 'default')).filter((e) => e.involvedObject.kind === 'Node');
}

async function afterRecovery(setup: Setup, before: KubeEvent[], what: string, outages: number): Promise<KubePod[]> {
  const list = await steadyRunning(setup);
  await waitFor('the pod applied during the outage did not run', async () => ((await pods(setup)).find((p) => p.metadata.name === 'late' && fullyRunning(p)) ? true : undefined), setup);
  const node = await waitFor('no NodeReady after the outage', async () => {
    const found = await nodeEvents(setup);
    const ready = found.find((e) => e.reason === 'NodeReady');
    return ready && ready.count >= outages ? found : undefined;
  }, setup);
  const notReady = node.find((e) => e.reason === 'NodeNotReady');
  assert.ok(notReady && notReady.count >= outages, `NodeNotReady recorded for each ${what}: ${JSON.stringify(node)}`);
  assertKept(before, await events(setup, setup.namespace), what);
  await assertNoDuplicates(setup, [...STEADY, 'late']);
  return list;
}

for (const kind of testEngineKinds()) {
  if (kind === 'docker') {
    test('docker: dockerd stopped gracefully, then killed, under load: the controller rides it out', { timeout: 600_000 }, async () => {
      await withSetup('docker', async (setup) => {
        const before = await underLoad(setup);

        // A graceful stop: dockerd stops every container, so each pod's sandbox is re-created.
        step('stopping dockerd (SIGTERM)');
        await setup.engine.stop('SIGTERM');
        step('dockerd stopped');
        await duringOutage(setup);
        await delay(3000);
        await setup.engine.start();
        await afterRecovery(setup, before, 'graceful dockerd restart', 1);
        // Each steady pod's container was made again in a new sandbox. (Its restart count should
        // go up too, as the kubelet's does; after a daemon restart it can read 0 — see
        // docs/RELIABILITY.md, "Not fixed".)
        const started = (await events(setup, setup.namespace)).filter((e) => e.reason === 'Started');
        for (const name of STEADY) {
          const count = started.filter((e) => e.involvedObject.name === name).reduce((s, e) => s + e.count, 0);
          assert.ok(count >= 2, `${name}: its container was not started again after the restart (Started x${count})`);
        }
        const sandboxChanged = (await events(setup, setup.namespace)).filter((e) => e.reason === 'SandboxChanged');
        assert.ok(sandboxChanged.length >= STEADY.length, `SandboxChanged for each steady pod: ${sandboxChanged.map((e) => e.involvedObject.name)}`);

        // Killed outright: no chance to stop anything; whatever it restores, Berth converges.
        const beforeKill = await events(setup, setup.namespace);
        await setup.engine.stop('SIGKILL');
        await delay(3000);
        await setup.engine.start();
        await afterRecovery(setup, beforeKill, 'dockerd SIGKILL', 2);
      });
    });
  } else {
    test('podman: the API service killed under load: containers live on, are adopted, nothing restarts needlessly', { timeout: 600_000 }, async () => {
      await withSetup('podman', async (setup) => {
        const before = await underLoad(setup);
        const startCounts = (await steadyRunning(setup)).map((p) => p.status.containerStatuses![0]!.restartCount);
        const crashingBefore = (await pods(setup)).find((p) => p.metadata.name === 'crashing')!.status.containerStatuses![0]!.restartCount;

        await setup.engine.stop('SIGKILL');
        await duringOutage(setup);
        // The crashing pod's container exits while no one is listening: found at the resync.
        await delay(5000);
        await setup.engine.start();
        const after = await afterRecovery(setup, before, 'Podman service restart', 1);
        assert.deepEqual(after.map((p) => p.status.containerStatuses![0]!.restartCount), startCounts, 'the steady pods kept their containers');
        await waitFor('the crashing pod was not restarted after the exit it missed', async () => {
          const crashing = (await pods(setup)).find((p) => p.metadata.name === 'crashing');
          return (crashing?.status.containerStatuses?.[0]?.restartCount ?? 0) > crashingBefore ? true : undefined;
        }, setup);
      });
    });
  }
}
