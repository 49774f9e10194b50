import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openCore, type Core } from '../../../src-main/api/core';
import { socketPathFor } from '../../../src-main/api/data-dir';
import { ApiError } from '../../../src-main/api/errors';
import type { PodChange } from '../../../src-main/api/results';
import { describeLocalNode } from '../../../src-main/kubelet/node';
import { connectSocketApi, type SocketApi } from '../../../src-main/rpc/client';
import { LineDecoder } from '../../../src-main/rpc/protocol';
import { MAX_BUFFERED_BYTES, serveApiOnSocket, type SocketServer } from '../../../src-main/rpc/server';
import { makeTempDir } from '../../support/temp';

const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: main\n    image: local/busybox:1\n`;

describe('the CLI socket', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: Core;
  let server: SocketServer;
  let client: SocketApi;

  before(async () => {
    dir = makeTempDir();
    core = await openCore({ dataDir: dir.path, engine: 'docker', node: describeLocalNode('n', 'linux', 'x64') });
    server = await serveApiOnSocket(core.api, socketPathFor(dir.path));
    client = await connectSocketApi(server.path);
  });
  after(async () => {
    client.close();
    await server.close();
    await core.close();
    dir.remove();
  });

  test('only its owner can use it', () => {
    assert.equal(statSync(server.path).mode & 0o777, 0o600);
  });

  test('calls, results, errors and pushes travel intact', async () => {
    const changes: PodChange[] = [];
    const unsubscribe = client.subscribe('pods', {}, (change) => changes.push(change));
    await new Promise((r) => setTimeout(r, 50)); // let the subscription reach the server
    const applied = await client.apply({ fileName: 'pod.yaml', text: pod });
    assert.equal(applied.applied[0]!.action, 'created');
    assert.equal((await client.listPods({}))[0]!.name, 'demo');

    const invalid = await client.apply({ fileName: 'bad.yaml', text: 'kind: Pod\n' }).catch((e: unknown) => e);
    assert.ok(invalid instanceof ApiError);
    assert.equal(invalid.code, 'Invalid');
    assert.ok(invalid.diagnostics!.length > 0);
    assert.equal(invalid.diagnostics![0]!.file, 'bad.yaml');

    const notFound = await client.getPod({ namespace: 'default', name: 'nope' }).catch((e: unknown) => e);
    assert.equal((notFound as ApiError).code, 'NotFound');

    for (let i = 0; i < 50 && changes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(changes[0]?.type, 'upserted');
    unsubscribe();
  });

  test('malformed payloads are rejected by the schema and change nothing', async () => {
    const bad = (client as unknown as Record<string, (p: unknown) => Promise<unknown>>).deletePod!({ namespace: 'default', name: 'demo', gracePeriodSeconds: -5 });
    await assert.rejects(bad, (e: ApiError) => e.code === 'BadRequest');
    assert.equal((await client.listPods({})).length, 1);
  });

  test('a line that is not a protocol message closes that connection only', async () => {
    const raw = createConnection(server.path);
    await new Promise((resolve) => raw.once('connect', resolve));
    const closed = new Promise((resolve) => raw.once('close', resolve));
    raw.write('this is not json\n');
    await closed;
    assert.equal((await client.listPods({})).length, 1);
  });

  test('a subscriber that stops reading is disconnected instead of filling the controller', { timeout: 20_000 }, async () => {
    const raw = createConnection(server.path);
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.write('{"id":1,"type":"subscribe","topic":"events","params":{}}\n');
    raw.pause(); // reads nothing while the flood comes
    await new Promise((r) => setTimeout(r, 50));
    const message = 'x'.repeat(64 * 1024);
    const event = (id: number) => ({
      id,
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'demo', uid: 'u' },
      type: 'Normal' as const,
      reason: 'Flood',
      message,
      source: { component: 'test' },
      count: 1,
      firstTimestamp: 0,
      lastTimestamp: 0,
      resourceVersion: id,
    });
    const batches = 40;
    const pushedBytes = batches * 16 * message.length;
    assert.ok(pushedBytes > 2 * MAX_BUFFERED_BYTES);
    for (let batch = 0; batch < batches; batch++) {
      core.notifier.eventsRecorded(Array.from({ length: 16 }, (_, i) => event(batch * 16 + i + 1)));
      await new Promise((r) => setImmediate(r));
    }
    // Now read what the controller kept for us: the connection ends well short of the flood.
    let received = 0;
    raw.on('data', (chunk: Buffer) => (received += chunk.length));
    const closed = new Promise((resolve) => raw.once('close', resolve));
    raw.resume();
    await closed;
    assert.ok(received < pushedBytes / 2, `received ${received} of ${pushedBytes} bytes`);
    // Other clients are unaffected.
    assert.equal((await client.listPods({})).length, 1);
  });

  test('a second server on the same socket is refused; a stale socket file is replaced', async () => {
    await assert.rejects(serveApiOnSocket(core.api, server.path), /already serving/);
    const stalePath = join(dir.path, 'stale.sock');
    writeFileSync(stalePath, '');
    const second = await serveApiOnSocket(core.api, stalePath);
    await second.close();
  });
});

test('LineDecoder joins chunks into lines and refuses an endless line', () => {
  const decoder = new LineDecoder(16);
  assert.deepEqual(decoder.push(Buffer.from('{"a":')), []);
  assert.deepEqual(decoder.push(Buffer.from('1}\n{"b":2}\n{"c"')), ['{"a":1}', '{"b":2}']);
  assert.deepEqual(decoder.push(Buffer.from(':3}\n')), ['{"c":3}']);
  assert.throws(() => decoder.push(Buffer.alloc(20, 'x')), /longer than 16 bytes/);
});
