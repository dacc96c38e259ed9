import type { PackBoxSource } from '../../protocol/pack-vocabulary.js';
import { emit, type Turn } from './events.js';
import { unitsIn } from './parcels.js';
import { itemFacts, type ItemScan } from './scan.js';
import { comparableCode } from './task.js';
import type { LoadedOrder, PackBoxType, PackPolicy } from './types.js';

/** The box the weight check counts for a parcel: its code (null: the station's default weight), what it weighs, and how it was known. */
export interface BoxChoice {
  readonly code: string | null;
  readonly grams: number;
  readonly by: PackBoxSource;
}

/** The box type of the order's task whose barcode is `code` (compared as product codes are: a GTIN as its GTIN-14). */
export function boxTypeOf(order: LoadedOrder, code: string): PackBoxType | undefined {
  const wanted = comparableCode(code);
  return order.task.boxes?.find((box) => comparableCode(box.code) === wanted);
}

/**
 * A parcel's box for the weight check: the box type scanned for it; else the rule, the box type
 * with the smallest `maxUnits` that holds the parcel's units (ties: the lower code); else, with no
 * box types or none big enough, the station's `policy.boxWeightGrams` (default 0).
 */
export function parcelBox(order: LoadedOrder, index: number, policy: PackPolicy): BoxChoice {
  const scanned = order.parcels[index - 1]?.box;
  const type = scanned === undefined ? undefined : boxTypeOf(order, scanned);
  if (type) return { code: type.code, grams: type.grams, by: 'scan' };
  const units = unitsIn(order, index);
  const fits = (order.task.boxes ?? [])
    .filter((box): box is PackBoxType & { maxUnits: number } => box.maxUnits !== undefined && box.maxUnits >= units)
    .sort((a, b) => a.maxUnits - b.maxUnits || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))[0];
  if (fits) return { code: fits.code, grams: fits.grams, by: 'rule' };
  return { code: null, grams: policy.boxWeightGrams ?? 0, by: 'default' };
}

/** The box type an item scan names, when an order with box types is loaded; undefined for a product. */
export function scannedBoxType(turn: Turn, scan: ItemScan): PackBoxType | undefined {
  const order = turn.s.order;
  if (!order?.task.boxes?.length) return undefined;
  return boxTypeOf(order, itemFacts(scan).code) ?? boxTypeOf(order, scan.data);
}

/**
 * The parcel a box scan is for: while packing, the current parcel; once the order is verified, the
 * first parcel not yet labelled or sealed (the one the weight check weighs next), else the current one.
 */
export function parcelAwaitingBox(order: LoadedOrder, verified: boolean): number {
  if (!verified) return order.parcel;
  return order.parcels.findIndex((parcel) => parcel.label.printed === 0 && parcel.sealedAt === null) + 1 || order.parcel;
}

/**
 * A box type's barcode scanned with an order loaded: it becomes the box of the parcel it is for,
 * recorded as the scan's verdict `box` (nothing is counted, nothing blocks). Without a packer it
 * is refused like a product scan; while a block is on, only a `weight_mismatch` block takes it
 * (the packer repacked into another box), and the caller weighs again.
 */
export function onBoxScan(turn: Turn, box: PackBoxType): 'recorded' | 'refused' {
  const { s } = turn;
  const order = s.order!;
  const fields = { units: 0, code: box.code, sku: null, via: null, line: null, blocks: false };
  if (!s.packer || (s.block !== null && s.block.reason !== 'weight_mismatch')) {
    const verdict = s.packer ? 'while_blocked' : 'no_packer';
    emit(turn, 'pack.verdict', { ...fields, verdict, detail: null });
    s.notice = { key: `scan.${verdict}`, params: {} };
    return 'refused';
  }
  const index = parcelAwaitingBox(order, s.phase !== 'packing');
  const parcel = order.parcels[index - 1];
  if (parcel) parcel.box = box.code;
  emit(turn, 'pack.verdict', { ...fields, verdict: 'box', detail: `parcel ${index}: ${box.grams} g` });
  s.notice = { key: 'notice.box', params: { box: box.code, grams: String(box.grams) } };
  return 'recorded';
}
