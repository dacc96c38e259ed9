import WebSocket from 'ws';
import { Backoff } from '../../../common/backoff.js';
import { PackgateError, errorMessage } from '../../../common/errors.js';
import type { Logger } from '../../../common/log.js';
import type { ProgramDialect } from './dialects.js';
import type { ProgramMessage } from './messages.js';
import { MAX_PROGRAM_MESSAGE_BYTES, parseProgramMessage } from './parse.js';

/** Frames up to this size are read (and refused as TOO_LARGE past MAX_PROGRAM_MESSAGE_BYTES); a larger one drops the connection. */
const MAX_FRAME_BYTES = 4 * MAX_PROGRAM_MESSAGE_BYTES;

/** Why the connection is down, for a status detail: `ECONNREFUSED`, `closed 1006`. */
export interface ConnectionLoss {
  /** Whether a connection had been open (a drop), or none could be made. */
  readonly wasOpen: boolean;
  readonly reason: string;
}

export interface ProgramClientOptions {
  readonly dialect: ProgramDialect;
  readonly url: string;
  readonly onOpen: () => void;
  readonly onClose: (loss: ConnectionLoss) => void;
  /** Every message, read: a message that cannot be read arrives as `{kind: 'unknown'}`. */
  readonly onMessage: (message: ProgramMessage) => void;
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** How long the WebSocket opening handshake may take (default 5000 ms). */
  readonly handshakeTimeoutMs?: number;
  readonly log: Logger;
}

/**
 * One WebSocket connection to a print program on the packing PC, opened again with backoff
 * whenever it is lost. Errors of `send` are PackgateErrors: `PROGRAM_UNREACHABLE` (no
 * connection: nothing left) or `PROGRAM_IO` (the write failed: it may have left).
 */
export class ProgramClient {
  readonly #backoff: Backoff;
  #ws: WebSocket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;

  constructor(private readonly options: ProgramClientOptions) {
    this.#backoff = new Backoff(options.reconnectMinMs, options.reconnectMaxMs);
  }

  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#connect();
  }

  /** Writes one message. Resolves once the connection took it; that proves nothing about the program. */
  send(text: string): Promise<void> {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new PackgateError('PROGRAM_UNREACHABLE', `not connected to the ${this.options.dialect.name} print program`));
    }
    return new Promise((resolve, reject) => {
      ws.send(text, (err) => (err ? reject(new PackgateError('PROGRAM_IO', `writing to the ${this.options.dialect.name} print program failed: ${err.message}`, { cause: err })) : resolve()));
    });
  }

  /** Drops the connection at once; it is opened again after the backoff. */
  drop(): void {
    this.#ws?.terminate();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.terminate();
    await closed;
  }

  #connect(): void {
    if (this.#closed) return;
    const { url, dialect, log } = this.options;
    const ws = new WebSocket(url, { handshakeTimeout: this.options.handshakeTimeoutMs ?? 5000, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    this.#ws = ws;
    let opened = false;
    let failure: string | undefined;
    ws.on('open', () => {
      opened = true;
      this.#backoff.reset();
      log.info({ url }, 'connected to the print program');
      this.options.onOpen();
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) {
        this.options.onMessage({ kind: 'unknown', reason: 'BINARY', detail: 'a binary frame' });
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      this.options.onMessage(parseProgramMessage(dialect, text));
    });
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.options.onMessage({ kind: 'unknown', reason: 'TOO_LARGE', detail: `a frame over ${MAX_FRAME_BYTES} bytes` });
      failure ??= err.code && !err.code.startsWith('WS_ERR') ? err.code : errorMessage(err);
    });
    ws.on('close', (code: number) => {
      if (this.#ws === ws) this.#ws = undefined;
      const reason = failure ?? `closed ${code}`;
      if (opened && !this.#closed) log.warn({ url, reason }, 'connection to the print program lost');
      if (opened && this.#closed) log.info({ url }, 'disconnected from the print program');
      this.options.onClose({ wasOpen: opened, reason });
      if (this.#closed) return;
      this.#timer = setTimeout(() => this.#connect(), this.#backoff.next());
    });
  }
}
