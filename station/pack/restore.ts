import { PACK_BLOCK_REASONS } from '../../protocol/pack-vocabulary.js';
import { MESSAGES } from './messages.js';
import { CLEARED_BY } from './policy.js';
import { isPackTask } from './task.js';
import type { PackSession } from './types.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isNullableString = (v: unknown): boolean => v === null || isString(v);
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => values.includes(v as T);

function isRef(v: unknown): boolean {
  return isRecord(v) && oneOf(['order', 'task', 'tote'], v.type) && isString(v.id) && v.id.length > 0;
}

function isOrder(v: unknown): boolean {
  if (!isRecord(v) || !isRef(v.ref) || !isPackTask(v.task) || !isTime(v.loadedAt)) return false;
  if (!(v.verifiedAt === null || isTime(v.verifiedAt))) return false;
  const lines = v.task.lines.length;
  if (!Array.isArray(v.counted) || v.counted.length !== lines || !v.counted.every((c) => isCount(c))) return false;
  const units = v.units;
  const unitOk = (u: unknown) =>
    isRecord(u) &&
    isCount(u.line) &&
    u.line < lines &&
    isCount(u.units, 1) &&
    isString(u.code) &&
    [u.batch, u.serial, u.expiry].every(isNullableString);
  if (!Array.isArray(units) || !units.every(unitOk)) return false;
  const label = v.label;
  return isRecord(label) && oneOf(['none', 'requested', 'printed', 'failed'], label.status) && isCount(label.printed);
}

function isBlock(v: unknown): boolean {
  if (!isRecord(v) || !oneOf(PACK_BLOCK_REASONS, v.reason)) return false;
  return (
    oneOf(['unit', 'order'], v.scope) &&
    v.clearBy === CLEARED_BY[v.reason] &&
    isTime(v.since) &&
    [v.sku, v.code, v.detail].every(isNullableString) &&
    typeof v.lifted === 'boolean'
  );
}

function isNotice(v: unknown): boolean {
  if (!isRecord(v) || !isString(v.key) || !Object.hasOwn(MESSAGES, v.key)) return false;
  return isRecord(v.params) && Object.values(v.params).every(isString);
}

/**
 * Reads a persisted session back (after `JSON.parse` of the station's state document). Returns
 * null when it is not a session of this station in a consistent shape (a torn or hand-edited
 * file): the caller then starts a fresh session and logs why, rather than pack from a guess.
 */
export function restoreSession(value: unknown, station: string): PackSession | null {
  if (!isRecord(value) || value.v !== 1 || value.station !== station) return null;
  if (!(value.packer === null || (isString(value.packer) && value.packer.length > 0))) return null;
  if (!oneOf(['idle', 'awaiting_order', 'packing', 'verified', 'printed'], value.phase)) return null;
  const awaiting = value.awaiting;
  if (awaiting !== null && !(isRecord(awaiting) && isRef(awaiting.ref) && isTime(awaiting.since))) return null;
  if (value.order !== null && !isOrder(value.order)) return null;
  if (value.block !== null && !isBlock(value.block)) return null;
  if (value.notice !== null && !isNotice(value.notice)) return null;
  if (!Array.isArray(value.shippedSerials) || !value.shippedSerials.every(isString)) return null;
  const hasOrder = value.order !== null;
  const consistent =
    (value.phase === 'awaiting_order') === (awaiting !== null) &&
    (value.phase === 'packing' || value.phase === 'verified' || value.phase === 'printed') === hasOrder &&
    (value.block === null || hasOrder);
  return consistent ? (structuredClone(value) as unknown as PackSession) : null;
}
