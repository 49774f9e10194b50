// CPU: what the controller users run (`berth serve`, the built bundle) spends with 50 idle pods
// (running, nothing happening), as a share of one core over 60 s windows, against the same
// controller before it was given any pod. Read from /proc/<pid>/stat (utime + stime).
import { cpuPercentOver } from '../lib/cpu';
import { withControllerPods } from '../lib/controller-pods';
import type { Figure } from '../lib/figure';
import { sample, type BenchSuite } from '../lib/suite';

const PODS = 50;
const WINDOW_MS = 60_000;
/** Before each phase: the controller's start-up, or the pods' starts, are not idle time. */
const SETTLE_MS = 10_000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `runs` windows back to back, after the settle: one sample per window. */
async function windowsOf(pid: number, runs: number, log: (message: string) => void, what: string): Promise<number[]> {
  await delay(SETTLE_MS);
  return sample(runs, (i) => {
    log(`${what}: window ${i + 1} of ${runs} (${WINDOW_MS / 1000} s)`);
    return cpuPercentOver(pid, WINDOW_MS);
  }, 0);
}

const suite: BenchSuite = {
  group: 'cpu',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const cpu = await withControllerPods(kind, PODS, log, {
        idle: (pid) => windowsOf(pid, runs, log, `${kind}: no pods`),
        running: (pid) => windowsOf(pid, runs, log, `${kind}: ${PODS} idle pods`),
      });
      figures.push({
        group: 'cpu',
        name: `controller CPU, ${PODS} idle pods, ${WINDOW_MS / 1000} s`,
        engine: kind,
        unit: '%',
        subject: { label: `berth serve, ${PODS} pods`, samples: cpu.running },
        baseline: { label: 'berth serve, no pods', samples: cpu.idle },
        target: { kind: 'abs-max', value: 0.5, strict: true },
        note: '% of one core: CPU seconds (utime + stime) over wall seconds of each window',
      });
    }
    return figures;
  },
};

export default suite;
