// Memory: the resident size of the controller users run (`berth serve`, the built bundle) with
// 50 pods running, against the same controller idle before it was given any pod.
import { withControllerPods } from '../lib/controller-pods';
import type { Figure } from '../lib/figure';
import { rssMB } from '../lib/rss';
import { sample, type BenchSuite } from '../lib/suite';

const PODS = 50;
const SAMPLE_EVERY_MS = 2000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `runs` readings, 2 s apart. */
function samplesOf(pid: number, runs: number): Promise<number[]> {
  return sample(runs, async () => {
    await delay(SAMPLE_EVERY_MS);
    return rssMB(pid);
  }, 0);
}

const suite: BenchSuite = {
  group: 'memory',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const rss = await withControllerPods(kind, PODS, log, {
        idle: (pid) => samplesOf(pid, runs),
        running: (pid) => samplesOf(pid, runs),
      });
      figures.push({
        group: 'memory',
        name: `controller RSS, ${PODS} pods running`,
        engine: kind,
        unit: 'MB',
        subject: { label: `berth serve, ${PODS} pods`, samples: rss.running },
        baseline: { label: 'berth serve idle', samples: rss.idle },
        target: { kind: 'abs-max', value: 150 },
      });
    }
    return figures;
  },
};

export default suite;
