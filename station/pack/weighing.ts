import { checkWeight, expectedWeight, type WeightVerdict } from '../scale/weight-check.js';
import { clearBlock, type BlockCause } from './block.js';
import { parcelBox, type BoxChoice } from './boxes.js';
import type { EventFields, Turn } from './events.js';
import type { LoadedOrder, PackContext } from './types.js';

/** A parcel on the scale: its stable weight, the box counted for it, and the verdict (null: a unit weight unknown, not checked). */
export interface ParcelWeighing {
  readonly actualGrams: number;
  readonly box: BoxChoice;
  /** The units on the scale per master SKU (lines with none left out). */
  readonly contents: ReadonlyArray<{ readonly masterSku: string; readonly units: number }>;
  readonly verdict: WeightVerdict | null;
}

/**
 * The weight check of one parcel about to get its label or its seal: what its units weigh by the
 * catalog (each line's `unitWeightGrams` × the units counted into this parcel) plus its box (the
 * box type scanned or picked by the rule, else `policy.boxWeightGrams`: see `parcelBox`), against
 * the scale's stable reading. Null when the scale shows no stable weight; `verdict` null (the
 * check is skipped) when a line of the order has no unit weight.
 */
export function weighParcel(order: LoadedOrder, parcel: number, ctx: PackContext): ParcelWeighing | null {
  return weighParcels(order, [parcel], ctx);
}

/**
 * {@link weighParcel} for several parcels on the scale together (the seal flow weighs an order's
 * parcels as one): their units, and a box for each. The `box` reported is the first parcel's.
 */
export function weighParcels(order: LoadedOrder, parcels: readonly number[], ctx: PackContext): ParcelWeighing | null {
  const actual = ctx.scale?.grams ?? null;
  if (actual === null || parcels.length === 0) return null;
  const lines = order.task.lines.map((line, i) => ({
    masterSku: line.masterSku,
    unitGrams: line.unitWeightGrams,
    quantity: order.units.filter((unit) => unit.line === i && parcels.includes(unit.parcel)).reduce((sum, unit) => sum + unit.units, 0),
  }));
  const boxes = parcels.map((parcel) => parcelBox(order, parcel, ctx.policy));
  const expected = expectedWeight(lines, boxes.reduce((sum, box) => sum + box.grams, 0));
  const contents = lines.filter((line) => line.quantity > 0).map((line) => ({ masterSku: line.masterSku, units: line.quantity }));
  return { actualGrams: actual, box: boxes[0]!, contents, verdict: expected.ok ? checkWeight(expected.grams, actual, ctx.weightTolerance) : null };
}

/**
 * What the next release weighs: in print-after-verify the first parcel not labelled yet (else the
 * current one); in verify-preprinted, where an order's parcels are sealed together, all of them.
 */
export function weighNext(order: LoadedOrder, ctx: PackContext): ParcelWeighing | null {
  if (order.flow === 'verify-preprinted') return weighParcels(order, order.parcels.map((_, i) => i + 1), ctx);
  return weighParcel(order, order.parcels.findIndex((p) => p.label.printed === 0) + 1 || order.parcel, ctx);
}

/** True when the parcel was weighed and checked and is out of tolerance. */
export const isMismatch = (weighed: ParcelWeighing | null): weighed is ParcelWeighing & { verdict: WeightVerdict } => weighed?.verdict?.ok === false;

/**
 * The weight margin a verdict held the parcel to, as its events record it: what it should weigh,
 * the tolerance applied and the grams either side that it allowed.
 */
export function marginFields(verdict: WeightVerdict): MarginFields {
  return { expectedGrams: verdict.expectedGrams, tolerance: { ...verdict.tolerance }, allowedGrams: verdict.allowedGrams };
}

/** The margin fields shared by `pack.label_requested`, `pack.sealed` and a `weight_mismatch` `pack.blocked`. */
export type MarginFields = Required<Pick<EventFields<'pack.blocked'>, 'expectedGrams' | 'tolerance' | 'allowedGrams'>>;

/**
 * What the event that lets a parcel go records of its weighing: the stable weight, its box, the
 * units on the scale (what the hub learns unit weights from), what it
 * should weigh and the margin applied where checked, and how the check ended (`passed`,
 * `overridden` by a supervisor, or `unchecked`: a unit weight unknown). Nothing when the scale
 * showed no stable weight.
 */
export function weighingFields(weighed: ParcelWeighing | null, overridden = false): WeighingFields {
  if (!weighed) return {};
  const { actualGrams, box, verdict, contents } = weighed;
  return {
    weightGrams: actualGrams,
    box: { code: box.code, grams: box.grams, by: box.by },
    contents: contents.map(({ masterSku, units }) => ({ masterSku, units })),
    ...(verdict ? marginFields(verdict) : {}),
    weightCheck: overridden ? 'overridden' : verdict ? 'passed' : 'unchecked',
  };
}

/** The weighing fields of `pack.label_requested` and `pack.sealed`. */
export type WeighingFields = Pick<EventFields<'pack.sealed'>, 'weightGrams' | 'expectedGrams' | 'box' | 'contents' | 'weightCheck' | 'tolerance' | 'allowedGrams'>;

/** Grams as the screen shows them: whole grams, a tenth where the scale gave one. */
const grams = (value: number): string => `${Math.round(value * 10) / 10} g`;

/**
 * A `weight_mismatch` block of this verdict: its detail for the screen, and the weighing its
 * `pack.blocked` records (the stable weight, what it should weigh, the margin it missed).
 */
export function mismatchBlock(verdict: WeightVerdict): BlockCause {
  return {
    reason: 'weight_mismatch',
    scope: 'unit',
    cause: 'weight',
    sku: null,
    code: null,
    detail: weightDetail(verdict),
    weighing: { weightGrams: verdict.actualGrams, ...marginFields(verdict) },
  };
}

/** The block's detail, read the same in every language: expected / actual / difference (signed). */
export function weightDetail(verdict: WeightVerdict): string {
  const sign = verdict.differenceGrams > 0 ? '+' : verdict.differenceGrams < 0 ? '−' : '±';
  return `${grams(verdict.expectedGrams)} / ${grams(verdict.actualGrams)} / ${sign}${grams(Math.abs(verdict.differenceGrams))}`;
}

/**
 * A new stable reading (or another box scanned) while the order is blocked on `weight_mismatch`:
 * within tolerance the block is cleared (`by: 'reweigh'`) and true is returned, so the caller
 * asks for the label (print-after-verify; the seal follows by itself once the gate is open);
 * otherwise the block stays, with the new reading in its detail.
 */
export function reweigh(turn: Turn): boolean {
  const { s, ctx } = turn;
  const order = s.order;
  if (!order || s.block?.reason !== 'weight_mismatch') return false;
  const verdict = weighNext(order, ctx)?.verdict;
  if (!verdict) return false;
  if (!verdict.ok) {
    s.block = { ...s.block, detail: weightDetail(verdict) };
    return false;
  }
  clearBlock(turn, 'reweigh', null);
  return true;
}

/** {@link reweigh}, then the label where the order's flow prints one. */
export function reweighAndRelease(turn: Turn, requestLabel: (turn: Turn) => void): void {
  if (reweigh(turn) && turn.s.order?.flow === 'print-after-verify') requestLabel(turn);
}
