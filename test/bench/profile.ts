// The profile of a start or a stop, Berth's against the floor's (docs/BENCHMARKS.md, "Profile of
// the misses"): every engine request on a timeline from `apply` (or the delete), named by its step
// (lib/timeline.ts), the `pods` pushes, the store's time, the process's CPU and, with --cpu, where
// the core's CPU went. Not a figure: it says where the time of one goes.
//   node --import tsx test/bench/profile.ts --engine docker --pods 1 --runs 5
//   node --import tsx test/bench/profile.ts --engine podman --what stop --runs 5 --cpu
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PodChange } from '../../src-main/api/results';
import type { EngineKind } from '../../src-main/engine/endpoint';
import type { Store } from '../../src-main/store';
import { cleanupTestContainers, connectTestEngine, ENGINE_SOCKETS } from '../support/engines';
import { makeTempDir } from '../support/temp';
import { openCoreVia, type CoreVia } from './lib/core-via';
import { startCountingProxy, type CountingProxy } from './lib/counting-proxy';
import { median } from './lib/figure';
import { removeFloorPod, startFloorPod, stopFloorPod, type FloorPod } from './lib/floor';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM, timeoutFor } from './lib/pods';
import { cleanUpAll } from './lib/suite';
import { eventSteps, idleMs, roleOfName, stepsOf, summarizeSteps, type Role, type Step } from './lib/timeline';
import { summarizeCpuProfile, type CpuProfile } from './lib/cpu-profile';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'docker' },
    pods: { type: 'string', default: '1' },
    containers: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    what: { type: 'string', default: 'start' },
    cpu: { type: 'boolean', default: false },
    /** The floor's sandboxes on a user-defined network made once up front, as Berth's namespace network. */
    'floor-network': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const kind = values.engine as EngineKind;
const pods = Number(values.pods);
const containers = Number(values.containers);
const runs = Number(values.runs);
const what = values.what as 'start' | 'stop';
const log = (message: string) => process.stderr.write(`[profile] ${message}\n`);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ');

/** One sample of one side: its steps, and Berth's marks (pushes, apply returned, …). */
interface Sample {
  totalMs: number;
  steps: Step[];
  marks: { at: number; what: string }[];
  cpuMs: number;
  storeMs?: number;
  storeCalls?: Record<string, { n: number; ms: number }>;
}

/** Times the store's methods (top-level calls only: a transaction's inner writes are its own). */
function timeStore(store: Store): { reset(): void; total(): number; calls(): Record<string, { n: number; ms: number }> } {
  let calls: Record<string, { n: number; ms: number }> = {};
  let depth = 0;
  const target = store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const proto = Object.getPrototypeOf(store) as object;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || typeof Object.getOwnPropertyDescriptor(proto, name)?.value !== 'function') continue;
    const original = target[name]!.bind(store);
    target[name] = (...args: unknown[]) => {
      const start = performance.now();
      depth++;
      try {
        return original(...args);
      } finally {
        depth--;
        if (depth === 0) {
          const entry = (calls[name] ??= { n: 0, ms: 0 });
          entry.n++;
          entry.ms += performance.now() - start;
        }
      }
    };
  }
  return {
    reset: () => (calls = {}),
    total: () => Object.values(calls).reduce((t, c) => t + c.ms, 0),
    calls: () => calls,
  };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function rolesOf(proxy: CountingProxy): Map<string, Role> {
  return new Map([...proxy.createdNames()].map(([id, name]) => [id, roleOfName(name)]));
}

function watchPushes(berth: CoreVia, zero: () => number, marks: Sample['marks']): () => void {
  return berth.api.subscribe('pods', { namespace: berth.namespace }, (change: PodChange) => {
    const at = performance.now() - zero();
    marks.push({ at, what: change.type === 'upserted' ? `push ${change.pod.status} ${change.pod.ready}${change.pod.terminating ? ' terminating' : ''}` : 'push removed' });
  });
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : '      —');

function printSide(title: string, samples: Sample[]): void {
  console.log(`\n## ${title}: total median ${median(samples.map((s) => s.totalMs)).toFixed(1)} ms, CPU of the process ${median(samples.map((s) => s.cpuMs)).toFixed(1)} ms` +
    (samples[0]?.storeMs !== undefined ? `, store ${median(samples.map((s) => s.storeMs!)).toFixed(1)} ms` : '') +
    `, no request open ${median(samples.map((s) => idleMs(s.steps, s.totalMs))).toFixed(1)} ms`);
  console.log(`${'step'.padEnd(28)} ${'n'.padStart(5)} ${'first'.padStart(7)} ${'lastEnd'.padStart(7)} ${'each'.padStart(7)} ${'sum'.padStart(7)}`);
  for (const s of summarizeSteps(samples.map((x) => x.steps))) {
    console.log(`${s.step.padEnd(28)} ${String(s.count).padStart(5)} ${ms(s.firstStart)} ${ms(s.lastEnd)} ${ms(s.medianMs)} ${ms(s.totalMs)}`);
  }
  const marks = summarizeSteps(samples.map((x) => x.marks.map((m) => ({ step: m.what, start: m.at }))));
  for (const m of marks) console.log(`${m.step.padEnd(28)} ${String(m.count).padStart(5)} ${ms(m.firstStart)} ${ms(m.lastEnd)}`);
  if (samples[0]?.storeCalls) {
    const names = [...new Set(samples.flatMap((s) => Object.keys(s.storeCalls!)))];
    console.log(`store: ${names.map((n) => `${n} ${median(samples.map((s) => s.storeCalls![n]?.n ?? 0))}× ${median(samples.map((s) => s.storeCalls![n]?.ms ?? 0)).toFixed(2)} ms`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const engine = await connectTestEngine(kind);
  const temp = makeTempDir(`berth-profile-${kind}-`);
  const proxy = await startCountingProxy(ENGINE_SOCKETS[kind], join(temp.path, 'berth.sock'));
  const floorProxy = await startCountingProxy(ENGINE_SOCKETS[kind], join(temp.path, 'floor.sock'));
  const floorDocker = new Docker({ socketPath: floorProxy.socketPath });
  const berth = await openCoreVia(kind, proxy.address, log);
  const floorNetwork = values['floor-network'] ? `berth-profile-floor-${berth.namespace}` : undefined;
  if (floorNetwork) await floorDocker.createNetwork({ Name: floorNetwork, Labels: { 'berth.bench': 'floor' } });
  const store = timeStore(berth.core.store);
  const session = new Session();
  session.connect();
  if (values.cpu) await session.post('Profiler.enable');
  const profiles: CpuProfile[] = [];
  const result = { berth: [] as Sample[], floor: [] as Sample[] };
  const loads: string[] = [load()];
  try {
    for (let i = -1; i < runs; i++) {
      const names = (who: string) => Array.from({ length: pods }, (_, p) => `${who}-${i < 0 ? 'w' : i}-${p}`);
      const yamlOf = (podNames: string[]) => podNames.map((n) => benchPodYaml(n, containers, HANDLES_TERM, 30, berth.namespace)).join('\n---\n');

      // ---- the floor ----
      const started: FloorPod[] = [];
      let floor: Sample;
      if (what === 'start') {
        floorProxy.reset();
        const cpu = process.cpuUsage();
        const start = performance.now();
        await Promise.all(names(`floor-prof-${berth.namespace}`).map(async (n) => started.push(await startFloorPod(floorDocker, n, containers, HANDLES_TERM, floorNetwork))));
        floor = { totalMs: performance.now() - start, cpuMs: cpuMsSince(cpu), steps: [], marks: [] };
        floor.steps = stepsOf(floorProxy.timeline(), rolesOf(floorProxy));
        await Promise.all(started.map(removeFloorPod));
      } else {
        started.push(...(await Promise.all(names(`floor-prof-${berth.namespace}`).map((n) => startFloorPod(floorDocker, n, containers, HANDLES_TERM, floorNetwork)))));
        await delay(500);
        floorProxy.reset();
        const cpu = process.cpuUsage();
        const start = performance.now();
        await Promise.all(started.map((p) => stopFloorPod(p, 30)));
        floor = { totalMs: performance.now() - start, cpuMs: cpuMsSince(cpu), steps: [], marks: [] };
        floor.steps = stepsOf(floorProxy.timeline(), rolesOf(floorProxy));
      }

      // ---- Berth ----
      const podNames = names('prof');
      const marks: Sample['marks'] = [];
      let zero = performance.now();
      const unsubscribe = watchPushes(berth, () => zero, marks);
      if (what === 'stop') {
        await applyUntilRunning(berth, yamlOf(podNames), podNames, timeoutFor(pods, containers));
        await delay(500);
      }
      if (values.cpu) await session.post('Profiler.start');
      marks.length = 0;
      proxy.reset();
      store.reset();
      const cpu = process.cpuUsage();
      zero = performance.now();
      if (what === 'start') {
        const marked: CoreVia = { ...berth, apply: (text) => berth.apply(text).finally(() => marks.push({ at: performance.now() - zero, what: 'apply returned' })) };
        await applyUntilRunning(marked, yamlOf(podNames), podNames, timeoutFor(pods, containers));
      } else {
        await deleteUntilGone(berth, podNames, 30, timeoutFor(pods, containers));
      }
      const totalMs = performance.now() - zero;
      const sample: Sample = { totalMs, cpuMs: cpuMsSince(cpu), steps: [], marks: [...marks], storeMs: store.total(), storeCalls: structuredClone(store.calls()) };
      if (values.cpu) {
        const { profile } = await session.post('Profiler.stop');
        if (i >= 0) profiles.push(profile as CpuProfile);
      }
      // What the last push did not wait for (the namespace network's removal, an inspect) is still counted.
      await delay(300);
      const roles = rolesOf(proxy);
      sample.steps = [...stepsOf(proxy.timeline(), roles), ...eventSteps(proxy.events(), roles)].sort((a, b) => a.start - b.start);
      unsubscribe();
      if (what === 'start') await deleteUntilGone(berth, podNames, 0, timeoutFor(pods, containers));
      // The delete's last requests (the namespace network) are not the next sample's.
      await delay(1500);
      if (i >= 0) {
        result.floor.push(floor);
        result.berth.push(sample);
      }
      log(`run ${i}: berth ${totalMs.toFixed(0)} ms, floor ${floor.totalMs.toFixed(0)} ms (load ${load()})`);
    }
  } finally {
    loads.push(load());
    await cleanUpAll(log, [() => berth.cleanup(), () => proxy.close(), () => floorProxy.close(), () => cleanupTestContainers(engine), async () => {
      if (floorNetwork) await floorDocker.getNetwork(floorNetwork).remove();
    }, () => temp.remove()]);
    session.disconnect();
  }
  console.log(`# ${what}, ${pods} pod(s) × ${containers} container(s), ${kind}, ${runs} runs${floorNetwork ? ', floor sandboxes on a user-defined network' : ''}; load average before/after: ${loads.join(' / ')}`);
  printSide('Berth', result.berth);
  printSide('floor', result.floor);
  if (profiles.length) {
    const cpu = summarizeCpuProfile(profiles);
    console.log(`\n## Berth's process CPU in the Berth windows (sampled, ${runs} runs summed)`);
    for (const [group, total] of cpu.byGroup.slice(0, 14)) console.log(`${total.toFixed(1).padStart(8)} ms  ${group}`);
    console.log('top functions (self):');
    for (const [fn, total] of cpu.byFunction.slice(0, 20)) console.log(`${total.toFixed(1).padStart(8)} ms  ${fn}`);
  }
  if (values.out) writeFileSync(values.out, JSON.stringify({ kind, pods, containers, runs, what, loads, ...result }, null, 1));
}

await main();
