// Stop: delete → gone for a pod whose process ends on SIGTERM at once; when SIGKILL lands for a
// pod that ignores SIGTERM, against the grace rule; and 20 such pods deleted at once.
import { LABELS } from '../../../src-main/engine/labels';
import type { Engine } from '../../../src-main/engine/engine';
import { connectTestEngine } from '../../support/engines';
import { startPodHarness, type PodHarness } from '../../support/pod-harness';
import { watchDies, type DieWatch } from '../lib/die-times';
import type { Figure } from '../lib/figure';
import { startFloorPod, stopFloorPod } from '../lib/floor';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM, IGNORES_TERM } from '../lib/pods';
import { sampleInTurns, since, type BenchSuite } from '../lib/suite';

/** Grace for the SIGKILL-precision figure. */
const KILL_GRACE_S = 2;
/** Grace for the 20-pod delete: long enough that twenty in a row (100 s) could not hide. */
const MANY_GRACE_S = 5;
const MANY_PODS = 20;

/** The engine id of a pod's app container `c0`. */
async function appContainerId(engine: Engine, h: PodHarness, name: string): Promise<string> {
  const pod = await h.getPod(name);
  const list = await engine.listContainers({ labels: { [LABELS.podUid]: pod.metadata.uid, [LABELS.containerName]: 'c0' } });
  if (list.length !== 1) throw new Error(`expected one running c0 container for ${name}, found ${list.length}`);
  return list[0]!.id;
}

async function killError(dies: DieWatch, containerId: string, requestedAt: number, graceS: number): Promise<number> {
  const died = await dies.dieTime(containerId);
  return Math.abs(died - (requestedAt + graceS * 1000));
}

const suite: BenchSuite = {
  group: 'stop',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const engine = await connectTestEngine(kind);
      const h = await startPodHarness(kind);
      const dies = await watchDies(engine);
      const floorName = (what: string, i: number) => `floor-${h.namespace}-${what}-${i < 0 ? 'w' : i}`;
      try {
        log(`${kind}: delete of a pod that ends on SIGTERM`);
        const quick = await sampleInTurns(runs, {
          floor: async (i) => {
            const pod = await startFloorPod(engine.docker, floorName('term', i), 1, HANDLES_TERM);
            const start = performance.now();
            await stopFloorPod(pod, 30);
            return since(start);
          },
          berth: async (i) => {
            const name = `term-${i < 0 ? 'w' : i}`;
            await applyUntilRunning(h, benchPodYaml(name, 1, HANDLES_TERM, 30), [name]);
            const start = performance.now();
            await deleteUntilGone(h, [name], 30);
            return since(start);
          },
        });
        figures.push({
          group: 'stop',
          name: 'delete → gone, ends on SIGTERM',
          engine: kind,
          unit: 'ms',
          subject: { label: 'berth delete → gone', samples: quick.berth },
          baseline: { label: 'bare stop+remove', samples: quick.floor },
          target: { kind: 'diff-max', value: 150 },
        });

        log(`${kind}: SIGKILL precision, grace ${KILL_GRACE_S} s`);
        const precision = await sampleInTurns(runs, {
          floor: async (i) => {
            const pod = await startFloorPod(engine.docker, floorName('kill', i), 1, IGNORES_TERM);
            const requestedAt = Date.now();
            await stopFloorPod(pod, KILL_GRACE_S);
            return killError(dies, pod.containers[0]!.id, requestedAt, KILL_GRACE_S);
          },
          berth: async (i) => {
            const name = `kill-${i < 0 ? 'w' : i}`;
            await applyUntilRunning(h, benchPodYaml(name, 1, IGNORES_TERM, KILL_GRACE_S), [name]);
            const id = await appContainerId(engine, h, name);
            const requestedAt = Date.now();
            await deleteUntilGone(h, [name], KILL_GRACE_S);
            return killError(dies, id, requestedAt, KILL_GRACE_S);
          },
        });
        figures.push({
          group: 'stop',
          name: `SIGKILL error vs grace ${KILL_GRACE_S} s`,
          engine: kind,
          unit: 'ms',
          subject: { label: '|berth die − (delete + grace)|', samples: precision.berth },
          baseline: { label: 'engine stop -t', samples: precision.floor },
          target: { kind: 'abs-max', value: 100 },
          note: 'the die time is the engine event’s own timestamp',
        });

        log(`${kind}: ${MANY_PODS} pods that ignore SIGTERM deleted at once, grace ${MANY_GRACE_S} s`);
        const many = await sampleInTurns(runs, {
          floor: async (i) => {
            const pods = await Promise.all(Array.from({ length: MANY_PODS }, (_, p) => startFloorPod(engine.docker, `${floorName('many', i)}-${p}`, 1, IGNORES_TERM)));
            const start = performance.now();
            await Promise.all(pods.map((pod) => stopFloorPod(pod, MANY_GRACE_S)));
            return since(start);
          },
          berth: async (i) => {
            const names = Array.from({ length: MANY_PODS }, (_, p) => `many-${i < 0 ? 'w' : i}-${p}`);
            await applyUntilRunning(h, names.map((n) => benchPodYaml(n, 1, IGNORES_TERM, MANY_GRACE_S)).join('\n---\n'), names);
            const start = performance.now();
            await deleteUntilGone(h, names, MANY_GRACE_S);
            return since(start);
          },
        });
        figures.push({
          group: 'stop',
          name: `${MANY_PODS} pods deleted at once, grace ${MANY_GRACE_S} s`,
          engine: kind,
          unit: 'ms',
          subject: { label: 'berth delete → all gone', samples: many.berth },
          baseline: { label: 'bare parallel stop+remove', samples: many.floor },
          // One grace period and the removals, not twenty grace periods (100 s).
          target: { kind: 'abs-max', value: 2 * MANY_GRACE_S * 1000 },
        });
      } finally {
        dies.close();
        await h.cleanup();
      }
    }
    return figures;
  },
};

export default suite;
