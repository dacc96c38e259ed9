import type { PackBlockReason } from '../../protocol/pack-events.js';
import { freezeForUnit, orderHold } from './holds.js';
import { localDate } from './policy.js';
import { itemFacts, type ItemFacts, type ItemScan } from './scan.js';
import { comparableCode } from './task.js';
import type { BlockScope, CountedUnit, LoadedOrder, PackContext, PackTaskLine } from './types.js';

/** The verdict on one item scan against the loaded order, with what it was judged on. */
export interface Judgement {
  readonly verdict: 'counted' | PackBlockReason;
  /** Units the scan stands for (multiplier × any count the barcode states); 0 when unknown. */
  readonly units: number;
  readonly code: string;
  readonly sku: string | null;
  readonly via: 'task' | 'mapping' | null;
  /** Index of the order line the unit belongs to, if any. */
  readonly line: number | null;
  readonly detail: string | null;
  readonly scope: BlockScope;
  readonly cause: 'scan' | 'stop_list' | 'freeze_list';
  /** Set when counted: what to record. */
  readonly unit: CountedUnit | null;
}

interface Match {
  readonly sku: string;
  readonly multiplier: number;
  readonly via: 'task' | 'mapping';
  readonly line: number | null;
}

const isMultiplier = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** Finds the unit in the order's accepted barcodes first, then in the station's mapping snapshot. */
function match(lines: readonly PackTaskLine[], code: string, ctx: PackContext): Match | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const barcode = line?.barcodes.find((b) => comparableCode(b.code) === code);
    if (line && barcode) return { sku: line.masterSku, multiplier: barcode.multiplier, via: 'task', line: i };
  }
  const mapped = Object.hasOwn(ctx.mapping.barcodes, code) ? ctx.mapping.barcodes[code] : undefined;
  if (!mapped || !(mapped.multiplier === undefined || isMultiplier(mapped.multiplier))) return null;
  const line = lines.findIndex((l) => l.masterSku === mapped.masterSku);
  return { sku: mapped.masterSku, multiplier: mapped.multiplier ?? 1, via: 'mapping', line: line < 0 ? null : line };
}

function trackingGap(line: PackTaskLine, facts: ItemFacts, units: number): string | null {
  const tracking = line.tracking ?? {};
  if (tracking.batch === true && facts.batch === null) return 'batch';
  if (tracking.serial === true && (facts.serial === null || units !== 1)) return 'serial';
  if (tracking.expiry === true && facts.expiry === null) return 'expiry';
  return null;
}

/**
 * Judges one item scan against the loaded order. The first that applies wins, most serious
 * first: a hub hold on the order, unknown barcode, frozen stock, expired, duplicate serial,
 * mapping pending, wrong item, missing tracking data, over quantity; otherwise counted.
 */
export function judgeItem(order: LoadedOrder, scan: ItemScan, ctx: PackContext, shippedSerials: readonly string[]): Judgement {
  const { task } = order;
  const facts = itemFacts(scan);
  const base = { code: facts.code, sku: null, via: null, line: null, detail: null, scope: 'unit', cause: 'scan', unit: null } as const;
  const hold = orderHold(task, order.units, ctx.stopList, ctx.freezeList, ctx.warehouse);
  if (hold) return { ...base, verdict: hold.reason, units: 0, sku: hold.sku, detail: hold.detail, scope: 'order', cause: hold.cause };

  const found = facts.count === null ? null : match(task.lines, facts.code, ctx);
  if (!found || facts.count === null) return { ...base, verdict: 'unknown_barcode', units: 0 };
  const units = found.multiplier * facts.count;
  const judged = { ...base, units, sku: found.sku, via: found.via, line: found.line };

  const frozen = freezeForUnit(found.sku, facts.batch, ctx.freezeList, ctx.warehouse);
  if (frozen) return { ...judged, verdict: 'frozen_stock', detail: frozen.batch ?? null };
  if (facts.expiry !== null && facts.expiry < localDate(ctx.now, ctx.policy.timeZone)) {
    return { ...judged, verdict: 'expired', detail: facts.expiry };
  }
  if (facts.serial !== null && (order.units.some((u) => u.serial === facts.serial) || shippedSerials.includes(facts.serial))) {
    return { ...judged, verdict: 'duplicate_serial', detail: facts.serial };
  }
  if (ctx.pendingSkus.includes(found.sku)) return { ...judged, verdict: 'mapping_pending' };
  const line = found.line === null ? undefined : task.lines[found.line];
  if (found.line === null || !line) return { ...judged, verdict: 'wrong_item' };
  const gap = trackingGap(line, facts, units);
  if (gap !== null) return { ...judged, verdict: 'tracking_missing', detail: gap };
  const counted = order.counted[found.line] ?? 0;
  if (counted + units > line.quantity) return { ...judged, verdict: 'over_quantity', detail: `${counted}+${units}>${line.quantity}` };
  const unit: CountedUnit = { line: found.line, parcel: order.parcel, units, code: facts.code, batch: facts.batch, serial: facts.serial, expiry: facts.expiry };
  return { ...judged, verdict: 'counted', unit };
}
