import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createLogger } from '../../common/log.js';
import { PrinterFirmware, type FirmwareOptions, type PrintedLabel, type PrinterConditions, type PrinterFault } from './firmware.js';

const log = createLogger('firmware-sim.printer');

export interface PrinterSimulatorOptions extends FirmwareOptions {
  /** Default 127.0.0.1: a simulator is not for the shop floor network. */
  readonly host?: string;
  /** Default 9100; 0 picks a free port (tests). */
  readonly port?: number;
}

/**
 * A network label printer on a TCP port: the firmware model behind a raw-9100 socket server.
 * Any number of connections share one printer, as on the device. `unplug()` takes it off the
 * network (connections reset, new ones refused) until `plug()`.
 */
export class PrinterSimulator {
  readonly firmware: PrinterFirmware;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port: number;

  private constructor(
    private readonly options: PrinterSimulatorOptions,
  ) {
    this.firmware = new PrinterFirmware(options);
    this.#port = options.port ?? 9100;
  }

  /** Starts listening; resolves once the port is bound. */
  static async start(options: PrinterSimulatorOptions = {}): Promise<PrinterSimulator> {
    const sim = new PrinterSimulator(options);
    await sim.plug();
    return sim;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** The bound port (the one picked, when started with port 0). */
  get port(): number {
    return this.#port;
  }

  /** Every label printed so far, in order. */
  get printed(): readonly PrintedLabel[] {
    return this.firmware.printed;
  }

  setConditions(change: Partial<PrinterConditions>): void {
    this.firmware.setConditions(change);
  }

  arm(fault: PrinterFault): void {
    this.firmware.arm(fault);
  }

  recover(): void {
    this.firmware.recover();
  }

  /** Resets every open connection (the printer drops off the network mid-conversation). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.resetAndDestroy();
    this.#sockets.clear();
  }

  /** Off the network: connections reset, the port closed, so connecting is refused. */
  async unplug(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Back on the network, on the same port as before. */
  async plug(): Promise<void> {
    if (this.#server) return;
    const server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    log.info({ host: this.host, port: this.#port }, 'printer simulator listening');
  }

  async close(): Promise<void> {
    await this.unplug();
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', (err) => log.debug({ err: err.message }, 'connection error'));
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      const { replies, drop } = this.firmware.feed(chunk);
      for (const reply of replies) socket.write(reply);
      if (drop) {
        this.#sockets.delete(socket);
        socket.resetAndDestroy();
      }
    });
  }
}
