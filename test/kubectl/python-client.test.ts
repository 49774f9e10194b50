// A second client nobody here wrote: the Python `kubernetes` package (Debian's python3-kubernetes)
// lists pods, watches from the list's resourceVersion, creates a pod, reads it and deletes it
// against a real `berth serve`; its watch must see ADDED, MODIFIED to Running, then DELETED, in
// resourceVersion order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startController, type Controller } from '../support/cli';
import { ENGINE_SOCKETS, PAUSE_IMAGE, testEngineKinds } from '../support/engines';
import { run } from '../support/kubectl';
import { makeTempDir } from '../support/temp';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'clients', 'python_client.py');
const engine = testEngineKinds()[0]!;

describe(`the Python kubernetes client against berth serve on ${engine}`, () => {
  const dir = makeTempDir('berth-python-client-');
  const dataDir = join(dir.path, 'data');
  let controller: Controller;

  before(async () => {
    const probe = spawnSync(PYTHON, ['-c', 'import kubernetes']);
    if (probe.status !== 0) throw new Error(`this test needs Debian's python3-kubernetes (apt-get install python3-kubernetes): ${probe.stderr}`);
    controller = await startController(
      { BERTH_DATA_DIR: dataDir, BERTH_ENGINE: engine, DOCKER_HOST: `unix://${ENGINE_SOCKETS[engine]}`, BERTH_SANDBOX_IMAGE: PAUSE_IMAGE },
      60_000,
    );
    await controller.waitForLog(/Kubernetes API on https:/);
  });
  after(async () => {
    if (controller && !controller.exited()) await controller.stop('SIGTERM');
    dir.remove();
  });

  test('list, watch, create, read and delete a pod; the watch sees its life in order', async () => {
    const result = await run(PYTHON, [SCRIPT, join(dataDir, 'kubeconfig'), 'local/busybox:1'], { HOME: dir.path }, 150_000);
    const lines = result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const list = lines.find((l) => l.step === 'list');
    assert.deepEqual(list.names, []);
    assert.match(list.resourceVersion, /^\d+$/);
    const created = lines.find((l) => l.step === 'created');
    assert.equal(created.name, 'frompy');
    assert.deepEqual(lines.find((l) => l.step === 'read'), { step: 'read', phase: 'Running', labels: { 'made-by': 'python' } });
    const events = lines.filter((l) => l.step === 'watch');
    assert.equal(events[0].type, 'ADDED');
    assert.equal(events.at(-1).type, 'DELETED');
    const runningAt = events.findIndex((e) => e.type === 'MODIFIED' && e.phase === 'Running' && !e.deleting);
    const deletingAt = events.findIndex((e) => e.deleting);
    assert.ok(runningAt > 0 && deletingAt > runningAt, JSON.stringify(events));
    const versions = events.map((e) => Number(e.resourceVersion));
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'watch events come in resourceVersion order');
    assert.ok(versions[0]! > Number(list.resourceVersion), 'the watch starts after the list');
    assert.equal(lines.at(-1).step, 'done');
  });
});
