import { Transform, type TransformCallback } from 'node:stream';

/** MQTT 3.1.1 control packet types (§2.2.1) the gate names in its refusals. */
const PUBLISH = 3;
const SUBSCRIBE = 8;

/** What a refused packet was: its MQTT type and the remaining length its header declared (at least: read up to the byte that passed the bound). */
export interface OversizedPacket {
  readonly type: number;
  readonly action: 'connect' | 'publish' | 'subscribe';
  readonly declared: number;
  readonly max: number;
}

/** MQTT 3.1.1 §2.2.3: a remaining length is 1 to 4 bytes of 7 bits each. */
const MAX_LENGTH_BYTES = 4;

/**
 * The bytes of one MQTT connection on their way to the broker, passed on unchanged, while it
 * reads each packet's fixed header (§2.2) in passing: a packet that declares a remaining length
 * over `maxBytes()` (asked at each header, so it can change once the client has logged in) ends
 * the stream with `onOversized` before its body arrives, so nothing buffers it. The bodies
 * themselves are only counted past. aedes has no bound of its own (moscajs/aedes#831).
 */
export class PacketGate extends Transform {
  #state: 'type' | 'length' | 'body' = 'type';
  #type = 0;
  #length = 0;
  #lengthBytes = 0;
  #multiplier = 1;
  #remaining = 0;
  #closed = false;

  constructor(
    private readonly maxBytes: () => number,
    private readonly onOversized: (packet: OversizedPacket) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.#closed) return done();
    const refused = this.#scan(chunk);
    if (refused) {
      this.#closed = true;
      this.onOversized(refused);
      return done();
    }
    done(null, chunk);
  }

  #scan(chunk: Buffer): OversizedPacket | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === 'body') {
        const skip = Math.min(this.#remaining, chunk.length - i);
        i += skip;
        this.#remaining -= skip;
        if (this.#remaining === 0) this.#state = 'type';
      } else if (this.#state === 'type') {
        this.#type = chunk[i++]! >> 4;
        this.#length = 0;
        this.#lengthBytes = 0;
        this.#multiplier = 1;
        this.#state = 'length';
      } else {
        const byte = chunk[i++]!;
        this.#length += (byte & 0x7f) * this.#multiplier;
        this.#multiplier *= 128;
        this.#lengthBytes += 1;
        const max = this.maxBytes();
        // A length still growing past the bound is refused without waiting for its last byte.
        if (this.#length > max) return this.#oversized(max);
        if (byte & 0x80) {
          // A fifth length byte is malformed: the broker's parser would refuse it too.
          if (this.#lengthBytes === MAX_LENGTH_BYTES) return this.#oversized(max);
          continue;
        }
        this.#remaining = this.#length;
        this.#state = this.#remaining === 0 ? 'type' : 'body';
      }
    }
    return undefined;
  }

  #oversized(max: number): OversizedPacket {
    // Any other type (UNSUBSCRIBE, …) is counted with the connection it ends.
    const action = this.#type === PUBLISH ? 'publish' : this.#type === SUBSCRIBE ? 'subscribe' : 'connect';
    return { type: this.#type, action, declared: this.#length, max };
  }
}
