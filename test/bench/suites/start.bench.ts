// Start: apply → every container running (postStart done), for 1, 5, 20 and 100 one-container
// pods at once and one 5-container pod; against the engine's floor (the same sandboxes and
// containers with bare dockerode calls) and, on Podman, `podman kube play`. From the N-pods
// series: how start time grows per pod, Berth's slope against the floor's.
import { cleanupTestContainers, connectTestEngine } from '../../support/engines';
import { startPodHarness } from '../../support/pod-harness';
import { makeTempDir } from '../../support/temp';
import type { Figure, Target } from '../lib/figure';
import { startFloorPod, removeFloorPod, type FloorPod } from '../lib/floor';
import { slopePerRun, type PodCountSeries } from '../lib/growth';
import { hasPodmanCli, kubeDown, kubePlay } from '../lib/kube-play';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM, timeoutFor } from '../lib/pods';
import { cleanUpAll, sampleInTurns, since, type BenchSuite } from '../lib/suite';

interface Shape {
  name: string;
  pods: number;
  containers: number;
  /** Against `podman kube play` (Podman only): measured when set, judged when it holds a target. */
  kubePlay?: { target?: Target };
}

const FLOOR_TARGET: Target = { kind: 'ratio-max', value: 1.05 };

/** The N-pods series (one container each) feed the growth figure; kube play is left out at 100 pods for time. */
const SHAPES: Shape[] = [
  { name: '1 pod', pods: 1, containers: 1, kubePlay: {} },
  { name: '5 pods at once', pods: 5, containers: 1, kubePlay: {} },
  { name: '20 pods at once', pods: 20, containers: 1, kubePlay: { target: { kind: 'ratio-max', value: 0.67 } } },
  { name: '100 pods at once', pods: 100, containers: 1 },
  { name: '5-container pod', pods: 1, containers: 5, kubePlay: {} },
];

const suite: BenchSuite = {
  group: 'start',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    const kubePlayAvailable = await hasPodmanCli();
    for (const kind of engines) {
      const engine = await connectTestEngine(kind);
      const h = await startPodHarness(kind);
      const temp = makeTempDir(`berth-bench-start-${kind}-`);
      const growth = { berth: [] as PodCountSeries[], floor: [] as PodCountSeries[] };
      try {
        for (const shape of SHAPES) {
          const names = (i: number, who: string) => Array.from({ length: shape.pods }, (_, p) => `${who}-${shape.containers}c-${i < 0 ? 'w' : i}-${p}`);
          const yamlFor = (pods: string[]) => pods.map((n) => benchPodYaml(n, shape.containers, HANDLES_TERM)).join('\n---\n');
          const timeoutMs = timeoutFor(shape.pods, shape.containers);
          const measures: Record<string, (i: number) => Promise<number>> = {
            floor: async (i) => {
              const started: FloorPod[] = [];
              const start = performance.now();
              try {
                await Promise.all(names(i, `floor-${h.namespace}`).map(async (n) => started.push(await startFloorPod(engine.docker, n, shape.containers, HANDLES_TERM))));
                return since(start);
              } finally {
                await Promise.all(started.map(removeFloorPod));
              }
            },
            berth: async (i) => {
              const pods = names(i, 'berth');
              const start = performance.now();
              await applyUntilRunning(h, yamlFor(pods), pods, timeoutMs);
              const elapsed = since(start);
              await deleteUntilGone(h, pods, 0, timeoutMs);
              return elapsed;
            },
          };
          if (kind === 'podman' && kubePlayAvailable && shape.kubePlay) {
            measures.kubePlay = async (i) => {
              const pods = names(i, `play-${h.namespace}`);
              const start = performance.now();
              const file = await kubePlay(temp.path, `play-${shape.pods}x${shape.containers}-${i}`, yamlFor(pods));
              const elapsed = since(start);
              await kubeDown(file);
              return elapsed;
            };
          }
          log(`${kind}: ${shape.name}`);
          const series = await sampleInTurns(runs, measures);
          if (shape.containers === 1) {
            growth.berth.push({ pods: shape.pods, samples: series.berth! });
            growth.floor.push({ pods: shape.pods, samples: series.floor! });
          }
          figures.push({
            group: 'start',
            name: `${shape.name} vs floor`,
            engine: kind,
            unit: 'ms',
            subject: { label: 'berth apply → all running', samples: series.berth! },
            baseline: { label: 'bare dockerode', samples: series.floor! },
            target: FLOOR_TARGET,
          });
          if (series.kubePlay) {
            figures.push({
              group: 'start',
              name: `${shape.name} vs podman kube play`,
              engine: kind,
              unit: 'ms',
              subject: { label: 'berth apply → all running', samples: series.berth! },
              baseline: { label: 'podman kube play', samples: series.kubePlay },
              ...(shape.kubePlay?.target ? { target: shape.kubePlay.target } : {}),
            });
          }
        }
        figures.push({
          group: 'start',
          name: `growth per pod, ${growth.berth.map((s) => s.pods).join('/')} pods`,
          engine: kind,
          unit: 'ms/pod',
          subject: { label: 'berth slope', samples: slopePerRun(growth.berth) },
          baseline: { label: 'floor slope', samples: slopePerRun(growth.floor) },
          note: 'least-squares slope of start time against pods, one per run; no target of its own (the per-N figures are judged)',
        });
      } finally {
        // Floor pods a failed sample did not get to remove carry this run's test label.
        await cleanUpAll(log, [() => h.cleanup(), () => cleanupTestContainers(engine), () => temp.remove()]);
      }
    }
    return figures;
  },
};

export default suite;
