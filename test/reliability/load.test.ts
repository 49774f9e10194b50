// Load: 100 pods running on the engine (each with a readiness probe that fails every second, a
// real source of events) and 1 000 events per second in all, for 10 minutes. Every event
// occurrence must be stored (aggregated counts add up), a subscriber on the controller's socket
// (the door the CLI uses, pushing what the UI gets) must end with exactly the store's view, and
// the controller's memory must stay flat.
//   BERTH_LOAD_SECONDS (default 600) and BERTH_LOAD_PODS (default 100) shorten it while developing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { socketPathFor } from '../../src-main/api/data-dir';
import type { BerthEvent, EventInput } from '../../src-main/model';
import { connectSocketApi } from '../../src-main/rpc/client';
import type { Store } from '../../src-main/store';
import { prepareSocketDir, serveApiOnSocket } from '../../src-main/rpc/server';
import { testEngineKinds } from '../support/engines';
import { busybox, podYaml, startPodHarness } from '../support/pod-harness';

const SECONDS = Number(process.env.BERTH_LOAD_SECONDS ?? 600);
const PODS = Number(process.env.BERTH_LOAD_PODS ?? 100);
const EVENTS_PER_SECOND = 1000;
const TICK_MS = 100;
const SAMPLE_EVERY_MS = 5000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Every stored event of the namespace, page by page on the store's keyset (newest first). */
function allEvents(store: Store, namespace: string): BerthEvent[] {
  const all: BerthEvent[] = [];
  for (;;) {
    const last = all[all.length - 1];
    const page = store.listEvents({ namespace, limit: 10_000, ...(last ? { before: { lastTimestamp: last.lastTimestamp, id: last.id } } : {}) });
    all.push(...page);
    if (page.length < 10_000) return all;
  }
}

// The heap is sampled after a full collection, so its slope is what is retained, not garbage
// waiting for the collector.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const MB = 1024 * 1024;

// Docker only: ten minutes per engine would double the suite's time for no new code path (the
// store, the notifier and the socket are the same whichever engine runs the pods).
const kind = testEngineKinds().includes('docker') ? 'docker' : testEngineKinds()[0]!;

test(`load on ${kind}: ${PODS} pods and ${EVENTS_PER_SECOND} events/s for ${SECONDS} s — all stored, the subscriber keeps up, memory flat`, { timeout: (SECONDS + 600) * 1000 }, async () => {
  const h = await startPodHarness(kind);
  const { core, namespace } = h;
  const socketPath = socketPathFor(core.dataDir);
  prepareSocketDir(socketPath);
  const server = await serveApiOnSocket(core.api, socketPath);
  const client = await connectSocketApi(socketPath);
  let disconnected = false;
  client.onClose(() => (disconnected = true));
  const names = Array.from({ length: PODS }, (_, i) => `load-${i}`);

  try {
    // The pods: a readiness probe on a declared port nothing listens on fails every second.
    const probe = `
    ports: [{containerPort: 8080}]
    readinessProbe:
      httpGet: {path: /ready, port: 8080}
      periodSeconds: 1
      failureThreshold: 1`;
    await h.apply(names.map((n) => podYaml(n, busybox('main', "trap 'exit 0' TERM; sleep 3600 & wait", probe), { grace: 0 })).join('\n---\n'));
    for (let running = 0; running < PODS; ) {
      await delay(1000);
      running = (await core.api.listPods({ namespace })).filter((p) => p.status === 'Running').length;
    }
    const pods = await core.api.listPods({ namespace });
    const uidOf = new Map(pods.map((p) => [p.name, p.uid]));

    // What the subscriber sees: each event's latest state, and how late each push arrived.
    // Kept small on purpose: this process hosts the core, and its memory is what is measured.
    const seen = new Map<number, number>(); // id → count
    const lagHistogram = new Uint32Array(10_001); // ms, the last bucket for ≥ 10 s
    let subscribed: () => void = () => {};
    const firstPush = new Promise<void>((resolve) => (subscribed = resolve));
    client.subscribe('events', { namespace }, (batch: BerthEvent[]) => {
      const at = Date.now();
      for (const event of batch) {
        seen.set(event.id, event.count);
        lagHistogram[Math.min(10_000, Math.max(0, at - event.lastTimestamp))]!++;
      }
      subscribed();
    });
    // The subscription is registered once a push arrives (the probes make one every second);
    // the load starts then, so the subscriber can be held to every event of it.
    await firstPush;

    // The synthetic share: what the probes do not already produce, in the kubelet's shapes —
    // mostly repeats (aggregated into counts), one in ten a new message (a new row).
    const expected = new Map<string, number>(); // repeated messages: a few per pod
    let uniqueGenerated = 0;
    let generated = 0;
    let sequence = 0;
    const samples: { x: number; rss: number; heap: number }[] = [];
    const started = Date.now();
    const probeShare = PODS; // about one probe failure per pod per second
    const perTick = Math.max(0, Math.round(((EVENTS_PER_SECOND - probeShare) * TICK_MS) / 1000));
    let nextSample = started;
    let nextTick = started;
    while (Date.now() - started < SECONDS * 1000) {
      const batch: EventInput[] = [];
      for (let i = 0; i < perTick; i++, sequence++) {
        const name = names[sequence % PODS]!;
        const unique = sequence % 10 === 0;
        const message = unique ? `load event ${sequence}` : `load event repeated ${sequence % 7}`;
        if (unique) uniqueGenerated++;
        else expected.set(`${name}\u0000${message}`, (expected.get(`${name}\u0000${message}`) ?? 0) + 1);
        batch.push({
          involvedObject: { kind: 'Pod', namespace, name, uid: uidOf.get(name)! },
          type: sequence % 3 === 0 ? 'Warning' : 'Normal',
          reason: 'LoadTest',
          message,
          source: { component: 'berth-load', host: core.node.name },
          timestamp: Date.now(),
        });
      }
      core.recordEvents(batch);
      generated += batch.length;
      const now = Date.now();
      if (now >= nextSample) {
        collectGarbage();
        const usage = process.memoryUsage();
        samples.push({ x: (now - started) / 60_000, rss: usage.rss / MB, heap: usage.heapUsed / MB });
        nextSample += SAMPLE_EVERY_MS;
      }
      nextTick += TICK_MS;
      await delay(Math.max(0, nextTick - Date.now()));
    }
    const elapsedS = (Date.now() - started) / 1000;

    // Let the last pushes arrive, then compare.
    await delay(3000);
    const stored = allEvents(core.store, namespace);
    const synthetic = stored.filter((e) => e.reason === 'LoadTest');
    const storedCounts = new Map<string, number>();
    let uniqueStored = 0;
    for (const e of synthetic) {
      if (/^load event \d+$/.test(e.message)) {
        if (e.count === 1) uniqueStored++;
        continue;
      }
      const key = `${e.involvedObject.name}\u0000${e.message}`;
      storedCounts.set(key, (storedCounts.get(key) ?? 0) + e.count);
    }
    const missing = [...expected].filter(([key, count]) => storedCounts.get(key) !== count).map(([key, count]) => `${key.replace('\u0000', ': ')} generated x${count}, stored x${storedCounts.get(key) ?? 0}`);
    const probeOccurrences = stored.filter((e) => e.reason === 'Unhealthy').reduce((s, e) => s + e.count, 0);
    const rate = (generated + probeOccurrences) / elapsedS;

    const behind = synthetic.filter((e) => seen.get(e.id) !== e.count);
    const pushes = lagHistogram.reduce((s, n) => s + n, 0);
    const lagAt = (fraction: number) => {
      let seenSoFar = 0;
      for (let ms = 0; ms < lagHistogram.length; ms++) if ((seenSoFar += lagHistogram[ms]!) >= pushes * fraction) return ms;
      return lagHistogram.length - 1;
    };
    const p99 = lagAt(0.99);
    const maxLag = lagAt(1);
    const steady = samples.filter((s) => s.x >= samples[samples.length - 1]!.x / 5);
    const fifth = Math.max(1, Math.floor(steady.length / 4));
    const rssGrowth = mean(steady.slice(-fifth).map((s) => s.rss)) - mean(steady.slice(0, fifth).map((s) => s.rss));
    const heapSlope = slope(steady.map((s) => ({ x: s.x, y: s.heap })));
    process.stderr.write(
      `[berth load] ${generated} synthetic + ${probeOccurrences} probe event occurrences in ${elapsedS.toFixed(0)} s = ${rate.toFixed(0)}/s; ` +
        `${stored.length} rows; subscriber: ${seen.size} events, lag p99 ${p99} ms, max ${maxLag} ms; ` +
        `RSS ${steady[0]?.rss.toFixed(0)} → ${steady[steady.length - 1]?.rss.toFixed(0)} MB (growth ${rssGrowth.toFixed(1)} MB), heap slope ${heapSlope.toFixed(2)} MB/min\n`,
    );

    assert.ok(rate >= EVENTS_PER_SECOND * 0.9, `the load reached ${rate.toFixed(0)} events/s, not ${EVENTS_PER_SECOND}`);
    assert.deepEqual(missing.slice(0, 5), [], `${missing.length} repeated synthetic events not stored with their full count`);
    assert.equal(uniqueStored, uniqueGenerated, 'every one-off synthetic event stored once');
    assert.ok(probeOccurrences > 0, 'the failing readiness probes recorded Unhealthy events');
    assert.equal(disconnected, false, 'the socket subscriber was disconnected');
    assert.deepEqual(behind.slice(0, 5).map((e) => `${e.reason} ${e.involvedObject.name} stored x${e.count}, seen x${seen.get(e.id)}`), [], `${behind.length} events the subscriber did not see in their stored state`);
    // A leak of even 100 bytes per event would add ~60 MB here.
    assert.ok(rssGrowth < 40, `RSS grew by ${rssGrowth.toFixed(1)} MB over the steady part of the run`);
    assert.ok(heapSlope < 2, `the heap grew by ${heapSlope.toFixed(2)} MB a minute`);
  } finally {
    // Cleanup (pods, containers, network) reports, but never hides the verdict above.
    client.close();
    await server.close().catch((error: Error) => process.stderr.write(`[berth load] socket server close: ${error.message}\n`));
    await h.cleanup().catch((error: Error) => process.stderr.write(`[berth load] ${error.message}\n`));
  }
});
