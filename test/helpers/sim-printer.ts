import { SimulatedPrinterTransport } from '../../firmware-sim/printer/transport.js';

/** A simulated ZPL printer on a free loopback port, for a station agent in a test (the agent closes it). */
export function simPrinter(): Promise<SimulatedPrinterTransport> {
  return SimulatedPrinterTransport.start();
}
