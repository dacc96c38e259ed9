import type { Duplex } from 'node:stream';
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/log.js';
import { WorkQueue } from '../../common/work-queue.js';
import { settledWithin } from '../../common/timeout.js';
import { printerError, type PrinterTransport, type ReplyFraming } from './transport.js';

/** Replies are a few hundred bytes; more than this without a whole reply is not a printer answering. */
const MAX_REPLY_BYTES = 64 * 1024;

interface PendingReply {
  readonly framing: ReplyFraming;
  readonly resolve: (reply: Uint8Array) => void;
  readonly reject: (err: Error) => void;
}

/**
 * The shared half of the TCP and serial transports: one byte stream, opened on first use and
 * again after it is lost, with operations run one at a time so a reply always belongs to the
 * query just sent. Bytes arriving while no query waits are dropped.
 */
export abstract class StreamTransport implements PrinterTransport {
  readonly answersQueries = true;
  #stream: Duplex | undefined;
  #received: Buffer = Buffer.alloc(0);
  #pending: PendingReply | undefined;
  readonly #queue = new WorkQueue();
  #closed = false;

  constructor(
    readonly kind: string,
    readonly target: string,
    private readonly log: Logger,
  ) {}

  /** Opens the stream; must fail with PRINTER_UNREACHABLE, having sent nothing. */
  protected abstract open(timeoutMs: number): Promise<Duplex>;

  /** Drops the stream at once, discarding unsent bytes. */
  protected abstract drop(stream: Duplex): void;

  send(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return this.#queue.run(async () => {
      const stream = await this.#connected(timeoutMs);
      await this.#write(stream, bytes, timeoutMs);
    });
  }

  query(command: Uint8Array, framing: ReplyFraming, timeoutMs: number): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      const stream = await this.#connected(timeoutMs);
      this.#received = Buffer.alloc(0);
      const reply = new Promise<Uint8Array>((resolve, reject) => {
        this.#pending = { framing, resolve, reject };
      });
      reply.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(printerError('PRINTER_TIMEOUT', `${this.target}: no reply within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([this.#write(stream, command, timeoutMs), timeout]);
        return await Promise.race([reply, timeout]);
      } catch (err) {
        // A reply that comes after we stopped waiting must not answer the next query.
        this.abort();
        throw err;
      } finally {
        clearTimeout(timer);
        this.#pending = undefined;
      }
    });
  }

  abort(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    if (!stream) return;
    this.log.debug({ target: this.target }, 'dropping the connection');
    this.drop(stream);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.idle();
    const stream = this.#stream;
    this.#stream = undefined;
    if (!stream || stream.destroyed) return;
    // Nothing is left to write (operations are done), so this closes as gently as end() would.
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    stream.destroy();
    await settledWithin(closed, 1000);
  }


  async #connected(timeoutMs: number): Promise<Duplex> {
    if (this.#closed) throw printerError('PRINTER_UNREACHABLE', `${this.target}: transport closed`);
    if (this.#stream && !this.#stream.destroyed) return this.#stream;
    const stream = await this.open(timeoutMs);
    this.#stream = stream;
    this.#received = Buffer.alloc(0);
    stream.on('data', (chunk: Buffer) => this.#onData(stream, chunk));
    stream.on('error', (err) => this.log.debug({ target: this.target, err: errorMessage(err) }, 'connection error'));
    stream.once('close', () => {
      // A connection given up on closes late; only the current one's loss fails the waiting query.
      if (this.#stream !== stream) return;
      this.#stream = undefined;
      this.#pending?.reject(printerError('PRINTER_IO', `${this.target}: connection lost`));
    });
    this.log.debug({ target: this.target }, 'connected');
    return stream;
  }

  #write(stream: Duplex, bytes: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const finish = (err?: Error) => {
        clearTimeout(timer);
        stream.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onClose = () => finish(printerError('PRINTER_IO', `${this.target}: connection lost while writing`));
      const timer = setTimeout(() => {
        finish(printerError('PRINTER_TIMEOUT', `${this.target}: the printer took no bytes for ${timeoutMs} ms`));
        this.abort();
      }, timeoutMs);
      stream.once('close', onClose);
      stream.write(bytes, (err) => finish(err ? printerError('PRINTER_IO', `${this.target}: ${err.message}`, err) : undefined));
    });
  }

  #onData(stream: Duplex, chunk: Buffer): void {
    if (stream !== this.#stream || !this.#pending) return;
    this.#received = Buffer.concat([this.#received, chunk]);
    const length = this.#pending.framing(this.#received);
    if (length > 0) {
      const reply = this.#received.subarray(0, length);
      this.#received = Buffer.alloc(0);
      this.#pending.resolve(reply);
    } else if (this.#received.length > MAX_REPLY_BYTES) {
      this.#pending.reject(printerError('PRINTER_IO', `${this.target}: ${this.#received.length} bytes and no whole reply`));
    }
  }
}
