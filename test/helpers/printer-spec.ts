import { parsePrinterSpec, type DevicePrinterSpec, type ZplPrinterSpec } from '../../station/printer/spec.js';

/** `parsePrinterSpec` for a ZPL printer (a device or `sim`); a print program's spec is a test bug. */
export function zplPrinterSpec(text: string): ZplPrinterSpec {
  const spec = parsePrinterSpec(text);
  if (spec.kind === 'waybill') throw new Error(`${text} is a print program, not a ZPL printer`);
  return spec;
}

/** `parsePrinterSpec` for a printer device, what `createPrinterTransport` drives (not `sim`, not a print program). */
export function devicePrinterSpec(text: string): DevicePrinterSpec {
  const spec = zplPrinterSpec(text);
  if (spec.kind === 'sim') throw new Error(`${text} is the simulator, which the command line starts`);
  return spec;
}
