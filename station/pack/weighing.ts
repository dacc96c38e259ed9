import { checkWeight, expectedWeight, type WeightVerdict } from '../scale/weight-check.js';
import { clearBlock } from './block.js';
import type { Turn } from './events.js';
import type { LoadedOrder, PackContext } from './types.js';

/**
 * The weight check of one parcel about to get its label: what its units weigh by the catalog
 * (each line's `unitWeightGrams` × the units counted into this parcel) plus the site's box
 * (`policy.boxWeightGrams`), against the scale's stable reading. Null (the check is skipped)
 * when a line of the order has no unit weight or the scale shows no stable weight.
 */
export function weighParcel(order: LoadedOrder, parcel: number, ctx: PackContext): WeightVerdict | null {
  const actual = ctx.scale?.grams ?? null;
  if (actual === null) return null;
  const lines = order.task.lines.map((line, i) => ({
    masterSku: line.masterSku,
    unitGrams: line.unitWeightGrams,
    quantity: order.units.filter((unit) => unit.line === i && unit.parcel === parcel).reduce((sum, unit) => sum + unit.units, 0),
  }));
  const expected = expectedWeight(lines, ctx.policy.boxWeightGrams ?? 0);
  return expected.ok ? checkWeight(expected.grams, actual) : null;
}

/** Grams as the screen shows them: whole grams, a tenth where the scale gave one. */
const grams = (value: number): string => `${Math.round(value * 10) / 10} g`;

/** The block's detail, read the same in every language: expected / actual / difference (signed). */
export function weightDetail(verdict: WeightVerdict): string {
  const sign = verdict.differenceGrams > 0 ? '+' : verdict.differenceGrams < 0 ? '−' : '±';
  return `${grams(verdict.expectedGrams)} / ${grams(verdict.actualGrams)} / ${sign}${grams(Math.abs(verdict.differenceGrams))}`;
}

/**
 * A new stable reading while the order is blocked on `weight_mismatch`: within tolerance the
 * block is cleared (`by: 'reweigh'`) and true is returned, so the caller asks for the label;
 * otherwise the block stays, with the new reading in its detail.
 */
export function reweigh(turn: Turn): boolean {
  const { s, ctx } = turn;
  const order = s.order;
  if (!order || s.block?.reason !== 'weight_mismatch') return false;
  const parcel = order.parcels.findIndex((p) => p.label.printed === 0) + 1 || order.parcel;
  const verdict = weighParcel(order, parcel, ctx);
  if (!verdict) return false;
  if (!verdict.ok) {
    s.block = { ...s.block, detail: weightDetail(verdict) };
    return false;
  }
  clearBlock(turn, 'reweigh', null);
  return true;
}
