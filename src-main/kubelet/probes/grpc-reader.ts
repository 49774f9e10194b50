// Reads the one response message of a unary gRPC call from the stream's DATA as it arrives,
// holding no more than grpc-go's client would: a message over the default max receive size
// (4 MiB) is refused from its 5-byte header, and a second message is a cardinality violation.
// So a health server that streams without end costs at most one bounded message.

/** grpc-go's defaultClientMaxReceiveMessageSize, which the kubelet's probe client keeps. */
export const MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024;
const HEADER_BYTES = 5;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_INTERNAL = 13;

export interface ReadFailure {
  code: number;
  desc: string;
}

export class UnaryMessageReader {
  private readonly parts: Buffer[] = [];
  private held = 0;
  private expected: number | undefined;
  private complete = false;

  constructor(private readonly maxMessageBytes = MAX_RECEIVE_MESSAGE_BYTES) {}

  /** Takes a DATA chunk; a failure means stop reading (grpc-go's words for it). */
  push(chunk: Buffer): ReadFailure | undefined {
    if (this.complete) return cardinalityViolation();
    this.parts.push(chunk);
    this.held += chunk.length;
    if (this.expected === undefined && this.held >= HEADER_BYTES) {
      const header = Buffer.concat(this.parts);
      this.parts.splice(0, this.parts.length, header);
      this.expected = header.readUInt32BE(1);
      if (this.expected > this.maxMessageBytes) {
        return { code: GRPC_RESOURCE_EXHAUSTED, desc: `grpc: received message larger than max (${this.expected} vs. ${this.maxMessageBytes})` };
      }
    }
    if (this.expected !== undefined && this.held >= HEADER_BYTES + this.expected) {
      this.complete = true;
      if (this.held > HEADER_BYTES + this.expected) return cardinalityViolation();
    }
    return undefined;
  }

  /** The body read so far (one framed message at most), for unframeGrpcMessage. */
  body(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function cardinalityViolation(): ReadFailure {
  return { code: GRPC_INTERNAL, desc: 'cardinality violation: expected <EOF> for non server-streaming RPCs, but received another message' };
}
