import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../../common/log.js';
import type { WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { PrintProgram, type PrintProgramOptions, type PrintedDocument, type ProgramConditions } from './program.js';

const log = createLogger('firmware-sim.waybill-printer');

/** The largest message the simulated program reads; the real programs take whole batches of documents. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface WaybillPrinterSimulatorOptions extends PrintProgramOptions {
  /** Default 127.0.0.1: a simulator is not for the shop floor network. */
  readonly host?: string;
  /** Default: the real program's port; 0 picks a free one (tests). */
  readonly port?: number;
}

/**
 * A platform's print program on a local WebSocket port: the program model behind a `ws`
 * server, on the real program's port and path (Kuaishou: `/ks/printer`). `restart()` closes
 * and opens it again on the same port, as when the program is restarted.
 */
export class WaybillPrinterSimulator {
  readonly program: PrintProgram;
  readonly #sockets = new Set<WebSocket>();
  #server: WebSocketServer | undefined;
  #port: number;

  private constructor(private readonly options: WaybillPrinterSimulatorOptions) {
    this.program = new PrintProgram(options);
    this.#port = options.port ?? this.program.dialect.port;
  }

  static async start(options: WaybillPrinterSimulatorOptions): Promise<WaybillPrinterSimulator> {
    const sim = new WaybillPrinterSimulator(options);
    await sim.#listen();
    return sim;
  }

  get platform(): WaybillPlatform {
    return this.program.dialect.platform;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.#port;
  }

  /** The program's address: `ws://127.0.0.1:13528`, `ws://127.0.0.1:16888/ks/printer`. */
  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `ws://${host}:${this.#port}${this.program.dialect.path ?? ''}`;
  }

  /** As `--printer` takes it: `cainiao:ws://127.0.0.1:13528`. */
  get spec(): string {
    return `${this.platform}:${this.url}`;
  }

  /** Every document printed so far, in order, across restarts. */
  get printed(): readonly PrintedDocument[] {
    return this.program.printed;
  }

  /** Connections open now. */
  get connections(): number {
    return this.#sockets.size;
  }

  setConditions(change: Partial<ProgramConditions>): void {
    this.program.setConditions(change);
  }

  pause(): void {
    this.program.setConditions({ paused: true });
  }

  resume(): void {
    this.program.setConditions({ paused: false });
  }

  /** Drops every open connection at once (no closing handshake). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.terminate();
    this.#sockets.clear();
  }

  /** Sends a raw text frame on every open connection (a test's garbage). */
  broadcast(text: string): void {
    for (const socket of this.#sockets) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  }

  /** Closed and opened again on the same port: tasks and unsent results are forgotten, printed documents stay. */
  async restart(): Promise<void> {
    await this.#unlisten();
    this.program.forget();
    await this.#listen();
  }

  async close(): Promise<void> {
    await this.#unlisten();
    this.program.forget();
  }

  async #listen(): Promise<void> {
    if (this.#server) return;
    const server = new WebSocketServer({ host: this.host, port: this.#port, maxPayload: MAX_MESSAGE_BYTES, ...(this.program.dialect.path && { path: this.program.dialect.path }) });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => log.warn({ err: err.message }, 'server error'));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    server.on('connection', (socket) => this.#accept(socket));
    log.info({ platform: this.platform, url: this.url }, 'print program simulator listening');
  }

  async #unlisten(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    this.#sockets.add(socket);
    const connection = {
      get open() {
        return socket.readyState === WebSocket.OPEN;
      },
      send(text: string) {
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
      },
    };
    socket.on('error', (err) => log.debug({ err: err.message }, 'connection error'));
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.program.malformed += 1;
        return;
      }
      this.program.receive(connection, Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    });
  }
}
