import type { PackSession } from '../../station/pack/index.js';

/** The demo's cartons: a small box for one or two units, a bigger one above. */
const BOX_GRAMS = { small: 120, large: 260 } as const;

/** A unit's weight in the demo, 150 to 900 g, the same for a SKU every time (the catalog has no weights yet). */
export function demoUnitGrams(masterSku: string): number {
  let hash = 0;
  for (const char of masterSku) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 150 + (hash % 751);
}

/**
 * What the demo packer puts on the bench's scale: the parcel once the order is verified (its
 * units and its box), nothing before or after. Pure.
 */
export function demoParcelGrams(session: PackSession): number {
  const order = session.order;
  if (!order || (session.phase !== 'verified' && session.phase !== 'printed' && session.phase !== 'sealed')) return 0;
  const units = order.task.lines.reduce((sum, line) => sum + line.quantity, 0);
  const box: number = units <= 2 ? BOX_GRAMS.small : BOX_GRAMS.large;
  return order.task.lines.reduce((sum, line) => sum + line.quantity * demoUnitGrams(line.masterSku), box);
}
