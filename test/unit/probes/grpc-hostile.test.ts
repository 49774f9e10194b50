// A hostile gRPC health server: one that keeps streaming. The probe must hold at most one
// bounded message (grpc-go's 4 MiB max receive size) and fail at once, not at its timeout,
// with the controller's memory flat. Measured in this process, against a real HTTP/2 server.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { frameGrpcMessage } from '../../../src-main/kubelet/probes/grpc-codec';
import { grpcProbe } from '../../../src-main/kubelet/probes/grpc';
import { UnaryMessageReader } from '../../../src-main/kubelet/probes/grpc-reader';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x61);

/** Writes `first`, then CHUNK after CHUNK, as fast as the client takes them, until it leaves. */
function streamForever(stream: http2.ServerHttp2Stream, first: Buffer): void {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
  stream.write(first);
  const pump = (): void => {
    while (!stream.destroyed && !stream.closed) {
      if (!stream.write(CHUNK)) return void stream.once('drain', pump);
    }
  };
  stream.on('error', () => {});
  pump();
}

/** An HTTP/2 server answering every request with `first`, then CHUNK after CHUNK. */
async function hostileServer(first: Buffer): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http2.createServer();
  server.on('session', (session) => session.on('error', () => {}));
  server.on('stream', (stream) => {
    stream.on('data', () => {});
    stream.on('end', () => streamForever(stream, first));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs one probe (10 s timeout) and samples this process's heap + Buffers meanwhile. */
async function measure(port: number): Promise<{ output: string; ms: number; growthMb: number }> {
  const start = Date.now();
  const js = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = js();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, js() - base)), 10);
  const outcome = await grpcProbe({ host: '127.0.0.1', port, address: `10.88.0.4:${port}`, service: '', timeoutSeconds: 10 });
  clearInterval(timer);
  peak = Math.max(peak, js() - base);
  assert.equal(outcome.result, 'failure');
  return { output: outcome.output, ms: Date.now() - start, growthMb: peak / MB };
}

describe('grpcProbe against a server that streams without end', () => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  after(async () => {
    for (const server of servers) await server.close();
  });

  const cases = [
    {
      name: 'a message announced over 4 MiB fails the probe at once, reading nothing more',
      first: Buffer.from([0, 0x40, 0, 0, 0]), // a 1 GiB message
      output: 'error: health rpc probe failed: rpc error: code = ResourceExhausted desc = grpc: received message larger than max (1073741824 vs. 4194304)',
    },
    {
      name: 'a second message after the answer fails the probe at once, memory flat',
      first: frameGrpcMessage(Buffer.from([0x08, 0x01])),
      output:
        'error: health rpc probe failed: rpc error: code = Internal desc = cardinality violation: expected <EOF> for non server-streaming RPCs, but received another message',
    },
  ];
  for (const { name, first, output } of cases) {
    test(name, async () => {
      const server = await hostileServer(first);
      servers.push(server);
      const r = await measure(server.port);
      assert.equal(r.output, output);
      assert.ok(r.ms < 5000, `failed after ${r.ms} ms (timeout 10 s)`);
      assert.ok(r.growthMb < 64, `memory grew ${r.growthMb.toFixed(1)} MiB`);
      console.log(`# ${name}: failed in ${r.ms} ms, heap+buffers grew ${r.growthMb.toFixed(1)} MiB`);
    });
  }
});

describe('UnaryMessageReader', () => {
  test('holds one message split across chunks; refuses an oversized header before its body', () => {
    const reader = new UnaryMessageReader(8);
    const framed = frameGrpcMessage(Buffer.from([0x08, 0x01]));
    for (const byte of framed) assert.equal(reader.push(Buffer.from([byte])), undefined);
    assert.deepEqual([...reader.body()], [...framed]);
    assert.equal(reader.push(Buffer.from([0]))?.code, 13);
    assert.equal(new UnaryMessageReader(8).push(Buffer.from([0, 0, 0, 0, 9]))?.code, 8);
  });
});
