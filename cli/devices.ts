import { createPrinterTransport, type ZplPrinterSpec } from '../station/printer/spec.js';
import type { PrinterTransport } from '../station/printer/transport.js';
import { createScale, type ScaleSpec } from '../station/scale/spec.js';
import type { ScaleSource } from '../station/scale/source.js';

/*
 * The command line owns the simulators: `sim` in a device option starts one from
 * firmware-sim/ here, and every other spec goes to the station's own drivers. The station's
 * code cannot reach a simulator, so nothing there can put one in place of a missing device.
 */

/** The ZPL printer for `--printer`: the device's transport, or for `sim[:PORT]` a simulated printer on loopback. */
export async function openPrinter(spec: ZplPrinterSpec): Promise<PrinterTransport> {
  if (spec.kind !== 'sim') return createPrinterTransport(spec);
  const { SimulatedPrinterTransport } = await import('../firmware-sim/printer/transport.js');
  return SimulatedPrinterTransport.start({ port: spec.port ?? 0 });
}

/** The scale for `--scale`: the device's driver, a simulated scale for `sim`, nothing for `none`. */
export async function openScale(spec: ScaleSpec): Promise<ScaleSource | undefined> {
  if (spec.kind !== 'sim') return createScale(spec);
  const { SimulatedScale } = await import('../firmware-sim/scale/in-process.js');
  return new SimulatedScale();
}
