// The little of gRPC and protobuf the standard health check needs, hand-encoded (no
// dependency): grpc.health.v1.Health/Check with
//   message HealthCheckRequest  { string service = 1; }
//   message HealthCheckResponse { ServingStatus status = 1; }
// and the 5-byte gRPC message framing (compressed flag, big-endian length).

export const HEALTH_CHECK_PATH = '/grpc.health.v1.Health/Check';

/** HealthCheckResponse.ServingStatus names, as grpc-go's String() prints them. */
export const SERVING_STATUS_NAMES: Record<number, string> = {
  0: 'UNKNOWN',
  1: 'SERVING',
  2: 'NOT_SERVING',
  3: 'SERVICE_UNKNOWN',
};
export const SERVING = 1;

/** grpc-go's codes.Code String() names. */
export const GRPC_CODE_NAMES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const;
export const GRPC_UNIMPLEMENTED = 12;
export const GRPC_DEADLINE_EXCEEDED = 4;

export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? `Code(${code})`;
}

export function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** Reads a varint at `offset`; returns the value and the offset after it. */
export function decodeVarint(buf: Buffer, offset: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = offset; i < buf.length && i < offset + 10; i++) {
    const byte = buf[i] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    scale *= 128;
  }
  throw new Error('truncated varint');
}

/** HealthCheckRequest: field 1 (string) omitted when empty, as proto3 does. */
export function encodeHealthCheckRequest(service: string): Buffer {
  if (service === '') return Buffer.alloc(0);
  const bytes = Buffer.from(service, 'utf8');
  return Buffer.concat([Buffer.from([0x0a]), encodeVarint(bytes.length), bytes]);
}

/** HealthCheckResponse.status (0 = UNKNOWN when absent); unknown fields are skipped. */
export function decodeHealthCheckResponse(buf: Buffer): number {
  let status = 0;
  let offset = 0;
  while (offset < buf.length) {
    const key = decodeVarint(buf, offset);
    offset = key.next;
    const field = Math.floor(key.value / 8);
    const wireType = key.value & 7;
    if (wireType === 0) {
      const v = decodeVarint(buf, offset);
      offset = v.next;
      if (field === 1) status = v.value;
    } else if (wireType === 2) {
      const len = decodeVarint(buf, offset);
      offset = len.next + len.value;
    } else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
  if (offset > buf.length) throw new Error('truncated protobuf message');
  return status;
}

/** A gRPC length-prefixed message, uncompressed. */
export function frameGrpcMessage(message: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(0, 0);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** The first message of a gRPC body, or undefined when the body holds none. */
export function unframeGrpcMessage(body: Buffer): Buffer | undefined {
  if (body.length < 5) return undefined;
  if (body.readUInt8(0) !== 0) throw new Error('compressed gRPC message, but no compression was offered');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new Error('truncated gRPC message');
  return body.subarray(5, 5 + length);
}

/** grpc-go's mapping of a non-200 HTTP status to a gRPC code (HTTPStatusConvTab). */
export function grpcCodeForHttpStatus(status: number): number {
  switch (status) {
    case 400:
      return 13; // Internal
    case 401:
      return 16; // Unauthenticated
    case 403:
      return 7; // PermissionDenied
    case 404:
      return GRPC_UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return 14; // Unavailable
    default:
      return 2; // Unknown
  }
}

/** Go's time.Duration String() for whole seconds: `1s`, `1m30s`, `1h0m0s`. */
export function goDurationSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
