import { PackgateError } from '../../common/errors.js';
import { DEFAULT_DUPLICATE_WINDOW_MS, DedupeScanner } from './dedupe.js';
import { HID_SPEC_DETAILS, HID_SPEC_SYNTAX, parseHidSpec, type HidScannerSpec } from './hid/spec.js';
import { SERIAL_SPEC_DETAILS, SERIAL_SPEC_SYNTAX, parseSerialSpec, type SerialScannerSpec } from './serial-spec.js';
import { SimulatedScanner } from './sim.js';
import type { ScannerSource } from './source.js';
import { StdinScanner } from './stdin.js';

/** Scanner specs `--scanner` accepts. */
export type ScannerSpec =
  | { kind: 'stdin' }
  | { kind: 'sim'; script?: readonly string[]; intervalMs?: number }
  | SerialScannerSpec
  | HidScannerSpec;

/** Continuation lines line up under the option text of `packgate station --help`. */
const HELP_INDENT = `\n${' '.repeat(29)}`;

export const SCANNER_SPEC_HELP = [`stdin | sim | ${SERIAL_SPEC_SYNTAX}`, ...SERIAL_SPEC_DETAILS, ...HID_SPEC_DETAILS, ''].join(
  HELP_INDENT,
);

export function parseScannerSpec(text: string): ScannerSpec {
  if (text === 'stdin') return { kind: 'stdin' };
  if (text === 'sim') return { kind: 'sim' };
  if (text.startsWith('serial:')) return parseSerialSpec(text.slice('serial:'.length));
  if (text.startsWith('hid:')) return parseHidSpec(text.slice('hid:'.length));
  throw new PackgateError(
    'BAD_SCANNER_SPEC',
    `unknown scanner "${text}"; expected stdin, sim, ${SERIAL_SPEC_SYNTAX} or ${HID_SPEC_SYNTAX}`,
  );
}

export interface CreateScannerOptions {
  /** Duplicate-read window when the spec names none (default DEFAULT_DUPLICATE_WINDOW_MS; 0 = off). */
  readonly duplicateWindowMs?: number;
}

/**
 * Creates the driver for a spec, wrapped in the duplicate-read filter. Drivers with native
 * dependencies are imported only when asked for.
 */
export async function createScanner(spec: ScannerSpec, options: CreateScannerOptions = {}): Promise<DedupeScanner> {
  const windowMs =
    (spec.kind === 'serial' ? spec.duplicateWindowMs : undefined) ?? options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  return new DedupeScanner(await createDriver(spec), { windowMs });
}

async function createDriver(spec: ScannerSpec): Promise<ScannerSource> {
  switch (spec.kind) {
    case 'stdin':
      return new StdinScanner();
    case 'sim':
      return new SimulatedScanner({
        ...(spec.script ? { script: spec.script } : {}),
        ...(spec.intervalMs ? { intervalMs: spec.intervalMs } : {}),
      });
    case 'serial': {
      const { SerialScanner } = await import('./serial.js');
      return new SerialScanner(spec);
    }
    case 'hid': {
      const { HidScanner } = await import('./hid/driver.js');
      return new HidScanner(spec);
    }
  }
}
