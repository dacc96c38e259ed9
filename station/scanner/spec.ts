import { PackgateError } from '../../common/errors.js';
import { SimulatedScanner } from './sim.js';
import type { ScannerSource } from './source.js';
import { StdinScanner } from './stdin.js';

/** Scanner specs `--scanner` accepts. */
export type ScannerSpec = { kind: 'stdin' } | { kind: 'sim'; script?: readonly string[]; intervalMs?: number };

export const SCANNER_SPEC_HELP = 'stdin | sim';

export function parseScannerSpec(text: string): ScannerSpec {
  if (text === 'stdin') return { kind: 'stdin' };
  if (text === 'sim') return { kind: 'sim' };
  throw new PackgateError('BAD_SCANNER_SPEC', `unknown scanner "${text}"; expected ${SCANNER_SPEC_HELP}`);
}

/** Creates the driver for a spec. Drivers with native dependencies are imported only when asked for. */
export async function createScanner(spec: ScannerSpec): Promise<ScannerSource> {
  switch (spec.kind) {
    case 'stdin':
      return new StdinScanner();
    case 'sim':
      return new SimulatedScanner({
        ...(spec.script ? { script: spec.script } : {}),
        ...(spec.intervalMs ? { intervalMs: spec.intervalMs } : {}),
      });
  }
}
