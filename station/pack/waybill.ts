import { ScanRejection } from '../barcode/index.js';
import { isReleased, parcelIndex } from './parcels.js';
import { comparableCode, lookUpTask, taskKey } from './task.js';
import type { PackContext, PackInput, PackSession, WaybillReading } from './types.js';

/** Carriers' waybill numbers: letters, digits and the separators of child waybills, at most 100. */
const WAYBILL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
/** A numeric waybill the decoder took for a GTIN with a wrong check digit (no symbology identifier sent). */
const DIGITS = /^[0-9]{8,14}$/;

/**
 * The text of a scan that could be a waybill: a plain text scan, a bare number that decoded as a
 * GTIN without a symbology identifier, or such a number refused only for its check digit
 * (numeric waybills carry none). Null for GS1 data, EAN symbols, cards and anything else.
 */
export function waybillText(input: Extract<PackInput, { type: 'scan' }>): string | null {
  const result = input.result;
  if (!result.ok) {
    if (result.code !== ScanRejection.BadCheckDigit) return null;
    const text = Buffer.from(input.raw, 'base64').toString('utf8').trim();
    return DIGITS.test(text) ? text : null;
  }
  const scan = result.scan;
  const text = scan.kind === 'text' || (scan.kind === 'gtin' && scan.symbology.aim === null) ? scan.data.trim() : null;
  return text !== null && WAYBILL.test(text) ? text : null;
}

/** True when the code is a product the station knows: in the mapping snapshot or accepted by a task it holds. */
export function isProduct(input: Extract<PackInput, { type: 'scan' }>, text: string, ctx: PackContext): boolean {
  const result = input.result;
  const code = result.ok && result.scan.kind === 'gtin' ? result.scan.gtin14 : comparableCode(text);
  if (Object.hasOwn(ctx.mapping.barcodes, code)) return true;
  // The index holds each task under several keys: look at each task once.
  const tasks = new Set(Object.values(ctx.tasks));
  for (const task of tasks) {
    if (task.lines.some((line) => line.barcodes.some((barcode) => barcode.code === code || comparableCode(barcode.code) === code))) return true;
  }
  return false;
}

/**
 * How the session reads a scan as a waybill, or null when it does not (it is then a product,
 * a card or an order label as usual). The waybill of a parcel of the loaded order is that parcel
 * when the order is packed in the verify-preprinted flow. With the station in that flow and no
 * order being packed, a scan that is not a known product opens the order of that waybill; while
 * one is packed, another held order's waybill is refused, and any other scan is judged as a unit.
 */
export function readWaybill(s: PackSession, input: PackInput, ctx: PackContext): WaybillReading | null {
  if (input.type !== 'scan') return null;
  const text = waybillText(input);
  if (text === null) return null;
  const order = s.order;
  if (order?.flow === 'verify-preprinted') {
    const index = parcelIndex(order.task, text);
    if (index > 0) return { kind: 'parcel', index };
  }
  if (ctx.policy.flow !== 'verify-preprinted') return null;
  if (order && !isReleased(s)) {
    const other = lookUpTask(ctx.tasks, taskKey({ type: 'waybill', id: text }));
    return other !== undefined && other.taskId !== order.task.taskId ? { kind: 'other_order' } : null;
  }
  return isProduct(input, text, ctx) ? null : { kind: 'open', ref: { type: 'waybill', id: text } };
}
