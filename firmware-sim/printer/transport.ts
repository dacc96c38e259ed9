import { PrinterSimulator, type PrinterSimulatorOptions } from './server.js';
import { TcpTransport } from '../../station/printer/tcp.js';

/**
 * `--printer sim[:PORT]`: a simulated label printer started in this process on a loopback port, reached
 * through the real TCP transport, so the demo exercises the same code a network printer does.
 * Closing the transport stops the simulator.
 */
export class SimulatedPrinterTransport extends TcpTransport {
  override readonly kind = 'sim';

  private constructor(readonly simulator: PrinterSimulator) {
    super(simulator.host, simulator.port);
  }

  /** `port` 0 (the default): a free port. */
  static async start(options: Omit<PrinterSimulatorOptions, 'host'> = {}): Promise<SimulatedPrinterTransport> {
    return new SimulatedPrinterTransport(await PrinterSimulator.start({ ...options, host: '127.0.0.1', port: options.port ?? 0 }));
  }

  override async close(): Promise<void> {
    await super.close();
    await this.simulator.close();
  }
}
