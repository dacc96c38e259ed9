import { MAX_PARCELS, MAX_PRINT_CONTENTS, WAYBILL_PLATFORMS, type WaybillPlatform } from '../../protocol/waybill-vocabulary.js';
import { hasValidCheckDigit, isDigits, toGtin14 } from '../barcode/check-digit.js';
import { MAX_BOX_TYPES } from '../../protocol/pack-vocabulary.js';
import type { AcceptedBarcode, OrderRef, PackBoxType, PackParcel, PackTask, PackTaskLine } from './types.js';

/**
 * The key a scanned order, task, tote label or waybill is looked up by in `PackContext.tasks`:
 * `task:T17`, `order:123456`, `tote:TOTE-04`, `waybill:SF1234567890`. Upper case, like the
 * decoder's identifiers.
 */
export function taskKey(ref: OrderRef): string {
  return `${ref.type}:${ref.id.toUpperCase()}`;
}

/** Every key a task is found by: its task id, its order number, its tote if it has one, and its waybills. */
export function taskKeys(task: PackTask): string[] {
  const keys = [taskKey({ type: 'task', id: task.taskId }), taskKey({ type: 'order', id: task.orderNo })];
  if (task.tote !== undefined) keys.push(taskKey({ type: 'tote', id: task.tote }));
  const waybills = new Set([task.waybill, ...(task.parcels ?? []).map((parcel) => parcel.waybill)].map((waybill) => waybill.toUpperCase()));
  for (const waybill of waybills) keys.push(taskKey({ type: 'waybill', id: waybill }));
  return keys;
}

/**
 * The lookup for `PackContext.tasks`. A key that two different tasks claim (the same order
 * number on two channels, a tote reused before its old task left) is left out: the session
 * then asks the hub rather than load the wrong order.
 */
export function indexTasks(tasks: readonly PackTask[]): Record<string, PackTask> {
  const index: Record<string, PackTask> = {};
  const ambiguous = new Set<string>();
  for (const task of tasks) {
    for (const key of taskKeys(task)) {
      const held = Object.hasOwn(index, key) ? index[key] : undefined;
      if (held !== undefined && held.taskId !== task.taskId) ambiguous.add(key);
      else index[key] = task;
    }
  }
  for (const key of ambiguous) delete index[key];
  return index;
}

/** The task held under `key`, never an inherited property. */
export function lookUpTask(tasks: Readonly<Record<string, PackTask>>, key: string): PackTask | undefined {
  return Object.hasOwn(tasks, key) ? tasks[key] : undefined;
}

/** True when the task answers to the scanned reference. */
export function answersTo(task: PackTask, ref: OrderRef): boolean {
  return taskKeys(task).includes(taskKey(ref));
}

/**
 * The form codes are compared in: a GTIN-8/12/13 with a valid check digit becomes its
 * GTIN-14 (so a GTIN printed in plain Code 128 still matches); anything else is unchanged.
 */
export function comparableCode(code: string): string {
  const gtin = (code.length === 8 || code.length === 12 || code.length === 13) && isDigits(code) && hasValidCheckDigit(code);
  return gtin ? toGtin14(code) : code;
}

const MAX_QUANTITY = 1_000_000;
const MAX_UNIT_GRAMS = 1_000_000;
const isText = (value: unknown, max = 100): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_QUANTITY;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isBarcode(value: unknown): value is AcceptedBarcode {
  return isRecord(value) && isText(value.code, 1024) && isCount(value.multiplier);
}

const isGrams = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= MAX_UNIT_GRAMS;

function isLine(value: unknown): value is PackTaskLine {
  if (!isRecord(value) || !isText(value.masterSku) || !isCount(value.quantity)) return false;
  if (!Array.isArray(value.barcodes) || !value.barcodes.every(isBarcode)) return false;
  if (value.unitWeightGrams !== undefined && !isGrams(value.unitWeightGrams)) return false;
  const tracking = value.tracking;
  if (tracking === undefined) return true;
  return isRecord(tracking) && ['batch', 'serial', 'expiry'].every((k) => tracking[k] === undefined || typeof tracking[k] === 'boolean');
}

function isBoxType(value: unknown): value is PackBoxType {
  return isRecord(value) && isText(value.code) && isGrams(value.grams) && (value.maxUnits === undefined || isCount(value.maxUnits));
}

/** Up to MAX_BOX_TYPES box types, no code twice: a scanned box code names one box. */
function areBoxes(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > MAX_BOX_TYPES || !value.every(isBoxType)) return false;
  return new Set(value.map((box: PackBoxType) => comparableCode(box.code))).size === value.length;
}

/** The print data's outline (the hub checked the rest against protocol/waybill.ts); its contents stay opaque. */
function isPrintData(value: unknown): boolean {
  if (!isRecord(value) || !WAYBILL_PLATFORMS.includes(value.platform as WaybillPlatform)) return false;
  return Array.isArray(value.contents) && value.contents.length > 0 && value.contents.length <= MAX_PRINT_CONTENTS && value.contents.every(isRecord);
}

function isParcel(value: unknown): value is PackParcel {
  return isRecord(value) && isText(value.waybill) && (value.print === undefined || isPrintData(value.print));
}

/** 1 to MAX_PARCELS parcels, no waybill twice (in any case): parcels are told apart by their waybills. */
function areParcels(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PARCELS || !value.every(isParcel)) return false;
  return new Set(value.map((parcel: PackParcel) => parcel.waybill.toUpperCase())).size === value.length;
}

/**
 * True when `value` is a usable {@link PackTask}: every field present and in range, at least
 * one line, each master SKU on one line only, 1–10 parcels with distinct waybills when it lists
 * them, at most 50 box types with distinct codes when it lists them. A task from the hub or the snapshot is checked before it is loaded; a bad one is refused
 * (`invalid_task`), never half-loaded.
 */
export function isPackTask(value: unknown): value is PackTask {
  if (!isRecord(value)) return false;
  const { taskId, orderId, orderNo, channel, waybill, tote, label, lines, parcels, boxes } = value;
  if (![taskId, orderId, orderNo, channel, waybill].every((field) => isText(field))) return false;
  if (tote !== undefined && !isText(tote)) return false;
  if (!isRecord(label) || !isText(label.name, 500) || !isText(label.phone, 500) || !isText(label.address, 500)) return false;
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 500 || !lines.every(isLine)) return false;
  if (parcels !== undefined && !areParcels(parcels)) return false;
  if (boxes !== undefined && !areBoxes(boxes)) return false;
  return new Set(lines.map((line: PackTaskLine) => line.masterSku)).size === lines.length;
}
