// The CLI's socket client against a controller (or an impostor) whose replies are broken: an
// endless line, a line that is not JSON, JSON that is not a message. Each fails the call with a
// clear error and closes the connection; none crashes the process or grows its memory past the
// reply limit.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../../src-main/api/errors';
import { connectSocketApi } from '../../../src-main/rpc/client';
import { makeTempDir } from '../../support/temp';

const MB = 1024 * 1024;
type Behaviour = (socket: Socket) => void;

describe('the socket client refuses replies it cannot read', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: Server;
  let behaviour: Behaviour = () => {};
  const path = (): string => join(dir.path, 'berth.sock');

  before(async () => {
    dir = makeTempDir();
    server = createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => behaviour(socket));
    });
    await new Promise<void>((resolve) => server.listen(path(), () => resolve()));
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    dir.remove();
  });

  async function callWith(next: Behaviour): Promise<ApiError> {
    behaviour = next;
    const api = await connectSocketApi(path(), { privateDir: false, maxReplyBytes: 4 * MB });
    const error = await api.listPods({}).then(
      () => assert.fail('the call succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }

  test('an endless reply line: refused at the limit, memory flat', async () => {
    const block = Buffer.alloc(MB, 0x61);
    const js = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const base = js();
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, js() - base)), 5);
    const started = Date.now();
    const error = await callWith((socket) => {
      const pump = (): void => {
        while (!socket.destroyed) if (!socket.write(block)) return void socket.once('drain', pump);
      };
      pump();
    });
    clearInterval(timer);
    assert.match(error.message, /^the Berth controller at .* sent a reply longer than 4194304 bytes; the connection was closed$/);
    assert.ok(peak / MB < 64, `held ${(peak / MB).toFixed(1)} MiB`);
    console.log(`# endless reply: refused in ${Date.now() - started} ms, heap+buffers grew ${(peak / MB).toFixed(1)} MiB`);
  });

  test('a reply that is not JSON, or JSON that is not a message', async () => {
    for (const reply of ['this is not json\n', 'null\n', '{"id":1,"type":"result","ok":false}\n', '[1]\n']) {
      const error = await callWith((socket) => socket.write(reply));
      assert.match(error.message, /^the Berth controller at .* sent a reply that is not a Berth message; the connection was closed$/, reply);
    }
  });
});
