import type { DomainOptions } from '../../../hub/domain/index.js';
import { Harness } from './harness.js';

/** The Douyin code rule: `DY-DRESS-RED-M-26`. */
export const DOUYIN = 'DY-{category}-{colour}-{size}-{year|right(2)}';
export const RED_M = 'ACME-DRESS-2026-RED-M';
export const RED_L = 'ACME-DRESS-2026-RED-L';
export const BLUE_M = 'ACME-DRESS-2026-BLUE-M';

/** Three dresses created from their attributes, a sock without any, and the Douyin template set. */
export function dresses(options: Omit<DomainOptions, 'mapping'> = {}): Harness {
  const h = new Harness(options);
  for (const [colour, size] of [['Red', 'M'], ['Red', 'L'], ['Blue', 'M']] as const) {
    h.ok({ type: 'createMasterSku', brand: 'Acme', category: 'Dress', attributes: { colour, size, year: 2026 }, barcodes: [] });
  }
  h.ok({ type: 'setCatalogItem', masterSku: 'SOCK', barcodes: [] });
  h.ok({ type: 'setTemplate', channel: 'douyin', source: DOUYIN, note: 'Douyin code rule' });
  return h;
}
