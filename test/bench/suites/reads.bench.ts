// Engine requests per pod start, counted by a proxy between the client and the engine socket:
// Berth's reads (list, inspect, image inspect…) and writes from `apply` until every pod is
// running (and a short settle for the observation that follows), against the writes the floor
// makes for the same pods. The floor reads nothing; its writes are what any tool must send.
import Docker from 'dockerode';
import { join } from 'node:path';
import { cleanupTestContainers, connectTestEngine, ENGINE_SOCKETS } from '../../support/engines';
import { makeTempDir } from '../../support/temp';
import { openCoreVia } from '../lib/core-via';
import { startCountingProxy } from '../lib/counting-proxy';
import { median, type Figure, type Series, type Target } from '../lib/figure';
import { removeFloorPod, startFloorPod, type FloorPod } from '../lib/floor';
import { applyUntilRunning, benchPodYaml, deleteUntilGone, HANDLES_TERM, timeoutFor } from '../lib/pods';
import { describeCounts, READ_CLASSES, sumOf, WRITE_CLASSES, type RequestClass, type RequestCounts } from '../lib/request-class';
import { cleanUpAll, sampleInTurns, type BenchSuite } from '../lib/suite';

/** Pod counts measured: one pod alone, and 20 at once as in the start figure. */
const POD_COUNTS = [1, 20];
/** After the last pod is seen running, requests still caused by its start are counted for this long. */
const SETTLE_MS = 2000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The median per class over the samples, for the figure's note. */
function medianCounts(samples: RequestCounts[]): RequestCounts {
  const classes = new Set(samples.flatMap((s) => Object.keys(s) as RequestClass[]));
  return Object.fromEntries([...classes].map((c) => [c, median(samples.map((s) => s[c] ?? 0))]));
}

const suite: BenchSuite = {
  group: 'reads',
  needsEngine: true,
  async run({ runs, engines, log }) {
    const figures: Figure[] = [];
    for (const kind of engines) {
      const engine = await connectTestEngine(kind);
      const temp = makeTempDir(`berth-bench-reads-${kind}-`);
      // One proxy each, so that what Berth still sends while the floor is measured is not the floor's.
      const proxy = await startCountingProxy(ENGINE_SOCKETS[kind], join(temp.path, 'berth.sock'));
      const floorProxy = await startCountingProxy(ENGINE_SOCKETS[kind], join(temp.path, 'floor.sock'));
      const floorDocker = new Docker({ socketPath: floorProxy.socketPath });
      const berth = await openCoreVia(kind, proxy.address, log);
      try {
        for (const pods of POD_COUNTS) {
          const names = (who: string, i: number) => Array.from({ length: pods }, (_, p) => `${who}-${i < 0 ? 'w' : i}-${p}`);
          log(`${kind}: requests for ${pods} pod(s)`);
          const series = await sampleInTurns<'floor' | 'berth', RequestCounts>(runs, {
            floor: async (i) => {
              const started: FloorPod[] = [];
              floorProxy.reset();
              try {
                await Promise.all(names(`floor-reads-${berth.namespace}`, i).map(async (n) => started.push(await startFloorPod(floorDocker, n, 1, HANDLES_TERM))));
                return floorProxy.counts();
              } finally {
                await Promise.all(started.map(removeFloorPod));
              }
            },
            berth: async (i) => {
              const podNames = names('reads', i);
              const yaml = podNames.map((n) => benchPodYaml(n, 1, HANDLES_TERM, 30, berth.namespace)).join('\n---\n');
              proxy.reset();
              await applyUntilRunning(berth, yaml, podNames, timeoutFor(pods));
              await delay(SETTLE_MS);
              const counts = proxy.counts();
              await deleteUntilGone(berth, podNames, 0, timeoutFor(pods));
              // The delete's last requests (the namespace network) are not the next start's.
              await delay(SETTLE_MS);
              return counts;
            },
          });
          const perPod = (samples: RequestCounts[], classes: readonly RequestClass[]) => samples.map((s) => sumOf(s, classes) / pods);
          const floorWrites = { label: 'floor writes (create, start)', samples: perPod(series.floor, WRITE_CLASSES) };
          const shape = pods === 1 ? '1 pod' : `${pods} pods at once`;
          const figure = (what: string, subject: Series, target?: Target, note?: string): Figure => ({
            group: 'reads',
            name: `engine ${what} per pod start, ${shape}`,
            engine: kind,
            unit: 'requests/pod',
            subject,
            baseline: floorWrites,
            ...(target ? { target } : {}),
            ...(note ? { note } : {}),
          });
          const note = `Berth per pod start (medians): ${describeCounts(medianCounts(series.berth), pods)}; reads are ${READ_CLASSES.join(', ')}, the event stream and /wait are counted apart`;
          figures.push(
            figure('reads', { label: 'berth reads', samples: perPod(series.berth, READ_CLASSES) }, { kind: 'ratio-max', value: 1, strict: true }, note),
            figure('writes', { label: 'berth writes', samples: perPod(series.berth, WRITE_CLASSES) }),
          );
        }
      } finally {
        // Floor pods a failed sample did not get to remove carry this run's test label.
        await cleanUpAll(log, [() => berth.cleanup(), () => proxy.close(), () => floorProxy.close(), () => cleanupTestContainers(engine), () => temp.remove()]);
      }
    }
    return figures;
  },
};

export default suite;
