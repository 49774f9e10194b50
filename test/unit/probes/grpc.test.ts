// The gRPC health probe: protobuf/gRPC framing by hand, and a real HTTP/2 server on loopback.
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  decodeHealthCheckResponse,
  decodeVarint,
  encodeHealthCheckRequest,
  encodeVarint,
  frameGrpcMessage,
  goDurationSeconds,
  unframeGrpcMessage,
} from '../../../src-main/kubelet/probes/grpc-codec';
import { grpcProbe } from '../../../src-main/kubelet/probes/grpc';
import { freePort } from '../hooks/http-servers';

describe('gRPC codec', () => {
  test('varints round-trip', () => {
    for (const n of [0, 1, 127, 128, 300, 16_384, 2 ** 31]) assert.equal(decodeVarint(encodeVarint(n), 0).value, n);
    assert.deepEqual([...encodeVarint(300)], [0xac, 0x02]);
  });

  test('HealthCheckRequest: field 1 as a string; empty service is an empty message', () => {
    assert.deepEqual([...encodeHealthCheckRequest('')], []);
    assert.deepEqual([...encodeHealthCheckRequest('ab')], [0x0a, 0x02, 0x61, 0x62]);
  });

  test('HealthCheckResponse: status from field 1, unknown fields skipped, absent = UNKNOWN', () => {
    assert.equal(decodeHealthCheckResponse(Buffer.from([0x08, 0x01])), 1);
    assert.equal(decodeHealthCheckResponse(Buffer.from([0x12, 0x01, 0x78, 0x08, 0x02])), 2);
    assert.equal(decodeHealthCheckResponse(Buffer.alloc(0)), 0);
    assert.throws(() => decodeHealthCheckResponse(Buffer.from([0x12, 0x05, 0x01])), /truncated/);
  });

  test('message framing', () => {
    const framed = frameGrpcMessage(Buffer.from([0x08, 0x01]));
    assert.deepEqual([...framed], [0, 0, 0, 0, 2, 0x08, 0x01]);
    assert.deepEqual([...(unframeGrpcMessage(framed) ?? [])], [0x08, 0x01]);
    assert.equal(unframeGrpcMessage(Buffer.alloc(0)), undefined);
  });

  test('Go durations', () => {
    assert.deepEqual([1, 59, 60, 90, 3600].map(goDurationSeconds), ['1s', '59s', '1m0s', '1m30s', '1h0m0s']);
  });
});

describe('grpcProbe against an HTTP/2 health server', () => {
  let server: http2.Http2Server;
  let port: number;
  const seen: Array<{ path: string; service: string; ua: string }> = [];

  before(async () => {
    server = http2.createServer();
    server.on('stream', (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const request = unframeGrpcMessage(Buffer.concat(chunks)) ?? Buffer.alloc(0);
        const service = request.length > 2 ? request.subarray(2).toString('utf8') : '';
        seen.push({ path: String(headers[':path']), service, ua: String(headers['user-agent']) });
        if (headers[':path'] !== '/grpc.health.v1.Health/Check') {
          stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service' }, { endStream: true });
          return;
        }
        if (service === 'hang') return;
        if (service === 'missing') {
          stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5', 'grpc-message': 'unknown%20service' }, { endStream: true });
          return;
        }
        const status = service === 'down' ? 2 : 1;
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(frameGrpcMessage(Buffer.from([0x08, status])));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const probe = (service: string, timeoutSeconds = 2) =>
    grpcProbe({ host: '127.0.0.1', port, address: `10.88.0.4:${port}`, service, timeoutSeconds, kubeVersion: '1.33' });

  test('SERVING is healthy; the request carries the service and kube-probe', async () => {
    assert.deepEqual(await probe(''), { result: 'success', output: 'service healthy' });
    assert.deepEqual(await probe('api'), { result: 'success', output: 'service healthy' });
    assert.deepEqual(seen.at(-1), { path: '/grpc.health.v1.Health/Check', service: 'api', ua: 'kube-probe/1.33' });
  });

  test('NOT_SERVING is unhealthy', async () => {
    assert.deepEqual(await probe('down'), { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
  });

  test('a grpc-status error in a trailers-only answer', async () => {
    assert.deepEqual(await probe('missing'), {
      result: 'failure',
      output: 'error: health rpc probe failed: rpc error: code = NotFound desc = unknown service',
    });
  });

  test('no answer within timeoutSeconds', async () => {
    assert.deepEqual(await probe('hang', 1), { result: 'failure', output: 'timeout: health rpc did not complete within 1s' });
  });

  test('connection refused', async () => {
    const closed = await freePort();
    const r = await grpcProbe({ host: '127.0.0.1', port: closed, address: `127.0.0.1:${closed}`, service: '', timeoutSeconds: 1 });
    assert.deepEqual(r, {
      result: 'failure',
      output: `error: failed to connect service at "127.0.0.1:${closed}": dial tcp 127.0.0.1:${closed}: connect: connection refused`,
    });
  });
});
