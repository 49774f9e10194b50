// Imports on a worker thread (issue #16): the same result as in-process, hostile files bounded in
// time and memory, and the loop that runs pods keeps ticking while a hostile file is parsed.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { importManifests } from '../../../src-main/kube';
import { importOffThread, MAX_IMPORT_WORKERS, peakImportWorkers, startedImportWorkers } from '../../../src-main/kube/worker/off-thread';
import { aliasAmplifier, longFlowSequence, manyAliases, minifiedJsonList } from '../../support/hostile-manifests';
import { errorsOf, podWith, warningsOf } from './support';

describe('imports off the thread', () => {
  test('a valid file and an invalid one: the same objects, diagnostics and positions as in-process', async () => {
    const valid = `${podWith('    ports: [{containerPort: 80}]\n    unknownField: 1')}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}\n`;
    const here = importManifests(valid, 'pod.yaml');
    const there = await importOffThread(valid, 'pod.yaml');
    assert.equal(there.ok, true);
    assert.deepEqual(there.objects, here.objects);
    assert.deepEqual(warningsOf(there), warningsOf(here));
    assert.deepEqual(there.locate(0, ['spec', 'containers', 0, 'ports', 0]), here.locate(0, ['spec', 'containers', 0, 'ports', 0]));
    assert.deepEqual(there.locate(1, ['data', 'a']), here.locate(1, ['data', 'a']));
    assert.equal(there.locate(1, ['data', 'a']).line, 15);

    const invalid = podWith('    ports: [{containerPort: "eighty"}]');
    assert.deepEqual(errorsOf(await importOffThread(new TextEncoder().encode(invalid), 'bad.yaml')), errorsOf(importManifests(invalid, 'bad.yaml')));
  });

  test('hostile files are accepted or refused within bounds, while the loop keeps ticking', async () => {
    const cases = [
      { name: 'aliases.yaml', text: manyAliases(), ok: true },
      { name: 'flow.yaml', text: longFlowSequence(), ok: false },
      { name: 'amplified.yaml', text: aliasAmplifier(), ok: false },
      { name: 'pods.json', text: minifiedJsonList(), ok: true },
    ];
    for (const { name, text, ok } of cases) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
      delay.enable();
      const started = performance.now();
      const result = await importOffThread(text, name);
      const ms = performance.now() - started;
      delay.disable();
      clearInterval(ticker);
      clearInterval(sampler);
      assert.equal(result.ok, ok, `${name}: ${errorsOf(result).join('\n')}`);
      if (!ok) assert.match(errorsOf(result)[0] ?? '', new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+: `));
      assert.ok(ms < 20_000, `${name} took ${ms} ms`);
      // In-process, each of these held the loop for seconds to minutes; on the worker it stays free.
      const maxDelayMs = delay.max / 1e6;
      assert.ok(maxDelayMs < 1000, `${name}: the loop stalled for ${maxDelayMs} ms`);
      assert.ok(ticks >= Math.min(10, ms / 40), `${name}: ${ticks} ticks in ${ms} ms`);
      assert.ok(rssPeak - rssBefore < 900 * 1024 * 1024, `${name}: rss grew ${(rssPeak - rssBefore) >> 20} MB`);
    }
  });

  test('past its time limit or its heap limit the worker is stopped and the file refused, naming the limit', async () => {
    const json = minifiedJsonList();
    const slow = await importOffThread(json, 'pods.json', { timeoutMs: 50, heapMb: 512 });
    assert.deepEqual(errorsOf(slow), ['pods.json:1:1: importing the file took longer than 0.05 s; refusing it']);
    const big = await importOffThread(json, 'pods.json', { timeoutMs: 60_000, heapMb: 16 });
    assert.deepEqual(errorsOf(big), ['pods.json:1:1: importing the file needs more than 16 MB of memory; refusing it']);
  });

  test('many imports at once run at most MAX_IMPORT_WORKERS workers at a time, and all finish', async () => {
    const files = Array.from({ length: 7 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {k: v}\n`);
    const results = await Promise.all(files.map((text, i) => importOffThread(text, `c${i}.yaml`)));
    assert.deepEqual(results.map((r) => r.ok), files.map(() => true));
    assert.equal(peakImportWorkers(), MAX_IMPORT_WORKERS);
  });

  test('a worker that imported a small file is reused for the next one; one stopped at a limit is not', async () => {
    const small = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: r${i}}\ndata: {k: v}\n`;
    await importOffThread(small(0), 'r0.yaml');
    const before = startedImportWorkers();
    for (let i = 1; i <= 3; i++) assert.equal((await importOffThread(small(i), `r${i}.yaml`)).ok, true);
    assert.equal(startedImportWorkers(), before, 'small imports one after another start no new worker');
    const slow = await importOffThread(minifiedJsonList(), 'pods.json', { timeoutMs: 50, heapMb: 512 });
    assert.equal(slow.ok, false);
    // The stopped worker is gone; the next import gets a worker that never saw the hostile file.
    const afterLimit = startedImportWorkers();
    assert.equal((await importOffThread(small(4), 'r4.yaml')).ok, true);
    assert.equal((await importOffThread(small(5), 'r5.yaml')).ok, true);
    assert.ok(startedImportWorkers() <= afterLimit + 1);
  });
});
