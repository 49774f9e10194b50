// Memory: the resident size of the controller users run (`berth serve`, the built bundle) with
// 50 pods running, against the same controller idle before it was given any pod.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instanceIdFor } from '../../../src-main/api/pod-host';
import { runBerth, startController } from '../../support/cli';
import { connectTestEngine, ENGINE_SOCKETS, PAUSE_IMAGE } from '../../support/engines';
import { removeLeftovers } from '../../support/pod-harness';
import { makeTempDir } from '../../support/temp';
import type { Figure } from '../lib/figure';
import { benchPodYaml, HANDLES_TERM } from '../lib/pods';
import { rssMB } from '../lib/rss';
import type { BenchSuite } from '../lib/suite';

const PODS = 50;
const SAMPLE_EVERY_MS = 2000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PodList {
  items: { status?: { phase?: string; containerStatuses?: { state?: { running?: unknown } }[] } }[];
}

async function samplesOf(pid: number, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await delay(SAMPLE_EVERY_MS);
    samples.push(rssMB(pid));
  }
  return samples;
}

const suite: BenchSuite = {
  group: 'memory',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const engine = await connectTestEngine(kind);
      const temp = makeTempDir(`berth-bench-memory-${kind}-`);
      const namespace = `bench-${randomBytes(3).toString('hex')}`;
      const env = { BERTH_DATA_DIR: temp.path, BERTH_ENGINE: kind, DOCKER_HOST: `unix://${ENGINE_SOCKETS[kind]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE };
      const controller = await startController(env, 30_000, 'built');
      try {
        const pid = controller.child.pid!;
        log(`${kind}: idle controller`);
        const idle = await samplesOf(pid, runs);

        const file = join(temp.path, 'pods.yaml');
        const names = Array.from({ length: PODS }, (_, i) => `mem-${i}`);
        writeFileSync(file, names.map((n) => benchPodYaml(n, 1, HANDLES_TERM, 0, namespace)).join('\n---\n'));
        log(`${kind}: applying ${PODS} pods`);
        const applied = await runBerth(['apply', '-f', file], { env });
        if (applied.code !== 0) throw new Error(`berth apply: ${applied.stderr}`);
        const deadline = Date.now() + 300_000;
        for (let running = 0; running < PODS; ) {
          if (Date.now() > deadline) throw new Error(`${kind}: only ${running} of ${PODS} pods running after 5 minutes`);
          await delay(1000);
          const got = await runBerth(['get', 'pods', '-n', namespace, '-o', 'json'], { env });
          const list = JSON.parse(got.stdout) as PodList;
          running = list.items.filter((p) => p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.state?.running)).length;
        }
        log(`${kind}: ${PODS} pods running`);
        const busy = await samplesOf(pid, runs);
        figures.push({
          group: 'memory',
          name: `controller RSS, ${PODS} pods running`,
          engine: kind,
          unit: 'MB',
          subject: { label: `berth serve, ${PODS} pods`, samples: busy },
          baseline: { label: 'berth serve idle', samples: idle },
          target: { kind: 'abs-max', value: 150 },
        });
        const deleted = await runBerth(['delete', 'pod', ...names, '-n', namespace, '--grace-period', '0', '--wait', '--timeout', '180s'], { env });
        if (deleted.code !== 0) log(`${kind}: delete failed: ${deleted.stderr}`);
      } finally {
        await controller.stop('SIGTERM');
        await removeLeftovers(engine, instanceIdFor(temp.path), namespace);
        temp.remove();
      }
    }
    return figures;
  },
};

export default suite;
