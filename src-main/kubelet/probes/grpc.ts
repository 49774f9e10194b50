// The gRPC probe (pkg/probe/grpc): grpc.health.v1.Health/Check over HTTP/2 cleartext, with
// the kubelet's output texts. One difference: the kubelet dials with WithBlock, so a refused
// connection is retried until the timeout; Berth reports the refusal at once.
import http2 from 'node:http2';
import { goDialError } from '../../hooks/go-errors';
import { KUBE_COMPAT_VERSION } from '../../hooks/limits';
import {
  decodeHealthCheckResponse,
  encodeHealthCheckRequest,
  frameGrpcMessage,
  goDurationSeconds,
  GRPC_DEADLINE_EXCEEDED,
  GRPC_UNIMPLEMENTED,
  grpcCodeForHttpStatus,
  grpcCodeName,
  HEALTH_CHECK_PATH,
  SERVING,
  SERVING_STATUS_NAMES,
  unframeGrpcMessage,
} from './grpc-codec';
import { UnaryMessageReader } from './grpc-reader';
import type { ProbeOutcome } from './types';

export interface GrpcProbeOptions {
  /** Where to connect. */
  host: string;
  port: number;
  /** The address the kubelet would name in its messages (`podIP:port`). */
  address: string;
  service: string;
  timeoutSeconds: number;
  kubeVersion?: string;
  signal?: AbortSignal;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly desc: string,
  ) {
    super(`rpc error: code = ${grpcCodeName(code)} desc = ${desc}`);
  }
}

const failure = (output: string): ProbeOutcome => ({ result: 'failure', output });

function decodeGrpcMessage(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function grpcProbe(opts: GrpcProbeOptions): Promise<ProbeOutcome> {
  const timeout = goDurationSeconds(opts.timeoutSeconds);
  return new Promise<ProbeOutcome>((resolve) => {
    let connected = false;
    let settled = false;
    const session = http2.connect(`http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${opts.port}`);
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      session.destroy();
      resolve(outcome);
    };
    const onTimeout = (): void =>
      finish(
        connected
          ? failure(`timeout: health rpc did not complete within ${timeout}`)
          : failure(`timeout: failed to connect service ${JSON.stringify(opts.address)} within ${timeout}: context deadline exceeded`),
      );
    const onAbort = (): void => finish(failure('error: health rpc probe failed: context canceled'));
    const timer = setTimeout(onTimeout, opts.timeoutSeconds * 1000);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    session.on('connect', () => {
      connected = true;
    });
    const onError = (err: Error): void => {
      if (!connected) {
        // A stream cancelled because the session never connected carries the dial error as its cause.
        const dialError = (err as { cause?: unknown }).cause ?? err;
        finish(failure(`error: failed to connect service at ${JSON.stringify(opts.address)}: ${goDialError(dialError, opts.host, opts.port)}`));
      } else finish(rpcFailure(new RpcError(14, err.message)));
    };
    session.on('error', onError);

    const stream = session.request({
      ':method': 'POST',
      ':path': HEALTH_CHECK_PATH,
      ':authority': opts.address,
      'content-type': 'application/grpc',
      te: 'trailers',
      'user-agent': `kube-probe/${opts.kubeVersion ?? KUBE_COMPAT_VERSION}`,
      'grpc-timeout': `${opts.timeoutSeconds}S`,
    });
    const reader = new UnaryMessageReader();
    let httpStatus = 0;
    let grpcStatus: number | undefined;
    let grpcMessage = '';
    stream.on('response', (headers) => {
      httpStatus = Number(headers[':status'] ?? 0);
      // A "trailers-only" answer puts grpc-status in the headers.
      if (headers['grpc-status'] !== undefined) {
        grpcStatus = Number(headers['grpc-status']);
        grpcMessage = decodeGrpcMessage(headers['grpc-message']);
      }
    });
    stream.on('trailers', (trailers) => {
      grpcStatus = Number(trailers['grpc-status']);
      grpcMessage = decodeGrpcMessage(trailers['grpc-message']);
    });
    stream.on('data', (chunk: Buffer) => {
      // Bounded: a server that streams without end fails the probe at once, not the controller.
      const failed = reader.push(chunk);
      if (failed) finish(rpcFailure(new RpcError(failed.code, failed.desc)));
    });
    stream.on('error', onError);
    stream.on('close', () => {
      if (settled) return;
      if (httpStatus !== 200) {
        const desc = `unexpected HTTP status code received from server: ${httpStatus}`;
        return finish(rpcFailure(new RpcError(grpcCodeForHttpStatus(httpStatus), desc)));
      }
      if (grpcStatus === undefined) {
        return finish(rpcFailure(new RpcError(13, 'server closed the stream without sending trailers')));
      }
      if (grpcStatus !== 0) return finish(rpcFailure(new RpcError(grpcStatus, grpcMessage)));
      try {
        const message = unframeGrpcMessage(reader.body());
        if (!message) return finish(rpcFailure(new RpcError(13, 'server returned no response message')));
        const status = decodeHealthCheckResponse(message);
        if (status !== SERVING) {
          const name = SERVING_STATUS_NAMES[status] ?? String(status);
          return finish(failure(`service unhealthy (responded with ${JSON.stringify(name)})`));
        }
        finish({ result: 'success', output: 'service healthy' });
      } catch (err) {
        finish(rpcFailure(new RpcError(13, `grpc: failed to unmarshal the received message: ${(err as Error).message}`)));
      }
    });
    stream.end(frameGrpcMessage(encodeHealthCheckRequest(opts.service)));

    /** The kubelet's texts for a failed Check call. */
    function rpcFailure(err: RpcError): ProbeOutcome {
      if (err.code === GRPC_UNIMPLEMENTED) {
        return failure(`error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${err.desc}`);
      }
      if (err.code === GRPC_DEADLINE_EXCEEDED) return failure(`timeout: health rpc did not complete within ${timeout}`);
      return failure(`error: health rpc probe failed: ${err.message}`);
    }
  });
}
