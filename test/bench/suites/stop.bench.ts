// Stop: delete → gone for a pod whose process ends on SIGTERM at once; when SIGKILL lands for a
// pod that ignores SIGTERM, against the grace rule; and 20 such pods deleted at once.
import type { ContainerStop } from '../../../src-main/model';
import { connectTestEngine } from '../../support/engines';
import { startPodHarness, type PodHarness } from '../../support/pod-harness';
import type { Figure } from '../lib/figure';
import { removeFloorPod, startFloorPod, stopFloorPod } from '../lib/floor';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM, IGNORES_TERM } from '../lib/pods';
import { sampleInTurns, since, type BenchSuite } from '../lib/suite';

/** Grace for the SIGKILL-precision figure. */
const KILL_GRACE_S = 2;
/** Grace for the 20-pod delete: long enough that twenty in a row (100 s) could not hide. */
const MANY_GRACE_S = 5;
const MANY_PODS = 20;

/**
 * Deletes a pod with `graceS` and returns when Berth sent SIGKILL to its container `c0`, against
 * the grace rule (the stop's start + the grace period), from the stop's own timeline.
 */
async function berthKillError(h: PodHarness, name: string, graceS: number): Promise<number> {
  const pod = await h.getPod(name);
  let last: ContainerStop | undefined;
  const unsubscribe = h.api.subscribe('containerStops', { podUid: pod.metadata.uid }, (stop: ContainerStop) => {
    if (stop.container === 'c0') last = stop;
  });
  try {
    await deleteUntilGone(h, [name], graceS);
  } finally {
    unsubscribe();
  }
  if (last?.killAt == null) throw new Error(`no SIGKILL on the stop timeline of ${name}: ${JSON.stringify(last)}`);
  return Math.abs(last.killAt - (last.startedAt + last.gracePeriodMs));
}

const suite: BenchSuite = {
  group: 'stop',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const engine = await connectTestEngine(kind);
      const h = await startPodHarness(kind);
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
          target: { kind: 'diff-max', value: 50 },
        });

        log(`${kind}: SIGKILL precision, grace ${KILL_GRACE_S} s`);
        const precision = await sampleInTurns(runs, {
          floor: async (i) => {
            // The engine's own `stop -t`: when the container died (its FinishedAt) against the request + grace.
            const pod = await startFloorPod(engine.docker, floorName('kill', i), 1, IGNORES_TERM);
            const container = pod.containers[0]!;
            const requestedAt = Date.now();
            await container.stop({ t: KILL_GRACE_S });
            const finishedAt = Date.parse((await container.inspect()).State.FinishedAt);
            await removeFloorPod(pod);
            return Math.abs(finishedAt - (requestedAt + KILL_GRACE_S * 1000));
          },
          berth: async (i) => {
            const name = `kill-${i < 0 ? 'w' : i}`;
            await applyUntilRunning(h, benchPodYaml(name, 1, IGNORES_TERM, KILL_GRACE_S), [name]);
            return berthKillError(h, name, KILL_GRACE_S);
          },
        });
        figures.push({
          group: 'stop',
          name: `SIGKILL error vs grace ${KILL_GRACE_S} s`,
          engine: kind,
          unit: 'ms',
          subject: { label: '|SIGKILL − (stop + grace)|', samples: precision.berth },
          baseline: { label: 'engine stop -t: |died − (request + grace)|', samples: precision.floor },
          target: { kind: 'abs-max', value: 100 },
          note: 'Berth: from the stop timeline (what describe shows); engine: its FinishedAt',
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
        await h.cleanup();
      }
    }
    return figures;
  },
};

export default suite;
