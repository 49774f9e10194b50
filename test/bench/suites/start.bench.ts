// Start: apply → every container running (postStart done), for one 1-container pod, one
// 5-container pod and 20 one-container pods at once; against the engine's floor (the same
// sandboxes and containers with bare dockerode calls) and, on Podman, `podman kube play`.
import { connectTestEngine } from '../../support/engines';
import { startPodHarness } from '../../support/pod-harness';
import { makeTempDir } from '../../support/temp';
import type { Figure } from '../lib/figure';
import { startFloorPod, removeFloorPod } from '../lib/floor';
import { hasPodmanCli, kubeDown, kubePlay } from '../lib/kube-play';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM } from '../lib/pods';
import { sampleInTurns, since, type BenchSuite } from '../lib/suite';

interface Shape {
  name: string;
  pods: number;
  containers: number;
  /** Target against the floor: ratio of medians. */
  floorTarget: number;
}

const SHAPES: Shape[] = [
  { name: '1-container pod', pods: 1, containers: 1, floorTarget: 1.2 },
  { name: '5-container pod', pods: 1, containers: 5, floorTarget: 1.2 },
  { name: '20 pods at once', pods: 20, containers: 1, floorTarget: 1.2 },
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
      try {
        for (const shape of SHAPES) {
          const names = (i: number, who: string) => Array.from({ length: shape.pods }, (_, p) => `${who}-${shape.containers}c-${i < 0 ? 'w' : i}-${p}`);
          const yamlFor = (pods: string[]) => pods.map((n) => benchPodYaml(n, shape.containers, HANDLES_TERM)).join('\n---\n');
          const measures: Record<string, (i: number) => Promise<number>> = {
            floor: async (i) => {
              const pods = names(i, `floor-${h.namespace}`);
              const start = performance.now();
              const started = await Promise.all(pods.map((n) => startFloorPod(engine.docker, n, shape.containers, HANDLES_TERM)));
              const elapsed = since(start);
              await Promise.all(started.map(removeFloorPod));
              return elapsed;
            },
            berth: async (i) => {
              const pods = names(i, 'berth');
              const start = performance.now();
              await applyUntilRunning(h, yamlFor(pods), pods);
              const elapsed = since(start);
              await deleteUntilGone(h, pods, 0);
              return elapsed;
            },
          };
          if (kind === 'podman' && kubePlayAvailable) {
            measures.kubePlay = async (i) => {
              const pods = names(i, `play-${h.namespace}`);
              const start = performance.now();
              const file = await kubePlay(temp.path, `play-${i}`, yamlFor(pods));
              const elapsed = since(start);
              await kubeDown(file);
              return elapsed;
            };
          }
          log(`${kind}: ${shape.name}`);
          const series = await sampleInTurns(runs, measures);
          figures.push({
            group: 'start',
            name: `${shape.name} vs floor`,
            engine: kind,
            unit: 'ms',
            subject: { label: 'berth apply → all running', samples: series.berth! },
            baseline: { label: 'bare dockerode', samples: series.floor! },
            target: { kind: 'ratio-max', value: shape.floorTarget },
          });
          if (series.kubePlay) {
            figures.push({
              group: 'start',
              name: `${shape.name} vs podman kube play`,
              engine: kind,
              unit: 'ms',
              subject: { label: 'berth apply → all running', samples: series.berth! },
              baseline: { label: 'podman kube play', samples: series.kubePlay },
              ...(shape.pods > 1 ? { target: { kind: 'ratio-max' as const, value: 1 } } : {}),
            });
          }
        }
      } finally {
        await h.cleanup();
        temp.remove();
      }
    }
    return figures;
  },
};

export default suite;
