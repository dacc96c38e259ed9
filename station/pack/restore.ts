import { PACK_BLOCK_REASONS, PACK_FLOWS, PACK_GATE_REASONS } from '../../protocol/pack-vocabulary.js';
import { MESSAGES } from './messages.js';
import { parcelsOf } from './parcels.js';
import { CLEARED_BY } from './policy.js';
import { isPackTask } from './task.js';
import type { PackSession } from './types.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNullableTime = (v: unknown): boolean => v === null || isTime(v);
const isCount = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isNullableString = (v: unknown): boolean => v === null || isString(v);
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => values.includes(v as T);

const PHASES = ['idle', 'awaiting_order', 'packing', 'verified', 'printed', 'sealed'] as const;
const LABEL_STATUSES = ['none', 'requested', 'printed', 'failed'] as const;

function isRef(v: unknown): boolean {
  return isRecord(v) && oneOf(['order', 'task', 'tote', 'waybill'], v.type) && isString(v.id) && v.id.length > 0;
}

function isLabel(v: unknown): boolean {
  return isRecord(v) && oneOf(LABEL_STATUSES, v.status) && isCount(v.printed);
}

/** The parcels match the task's, one label at most is in flight, and a released order has them all released. */
function parcelsFit(order: Json, phase: unknown): boolean {
  const { task, parcels, flow } = order;
  if (!isPackTask(task) || !Array.isArray(parcels)) return false;
  const expected = parcelsOf(task);
  const each = parcels.every(
    (p, i) => isRecord(p) && p.waybill === expected[i]?.waybill && isNullableTime(p.closedAt) && isLabel(p.label) && isNullableTime(p.sealedAt) && isBoxCode(p.box),
  );
  if (parcels.length !== expected.length || !each) return false;
  const states = parcels as Array<{ label: { status: string; printed: number }; sealedAt: number | null }>;
  if (states.filter((p) => p.label.status === 'requested').length > 1) return false;
  if (flow === 'print-after-verify' && states.some((p) => p.sealedAt !== null)) return false;
  if (phase === 'printed') return flow === 'print-after-verify' && states.every((p) => p.label.printed > 0);
  if (phase === 'sealed') return flow === 'verify-preprinted' && states.every((p) => p.sealedAt !== null);
  return states.every((p) => p.sealedAt === null);
}

/** A parcel's scanned box: absent, or a box code as tasks carry them. */
const isBoxCode = (box: unknown): boolean => box === undefined || (typeof box === 'string' && box.length > 0 && box.length <= 100);

function isOrder(v: unknown, phase: unknown): boolean {
  if (!isRecord(v) || !isRef(v.ref) || !isPackTask(v.task) || !isTime(v.loadedAt)) return false;
  if (!isNullableTime(v.verifiedAt) || !oneOf(PACK_FLOWS, v.flow)) return false;
  if (!(v.sealRefused === null || oneOf(PACK_GATE_REASONS, v.sealRefused))) return false;
  if (v.weightOverridden !== undefined && typeof v.weightOverridden !== 'boolean') return false;
  const lines = v.task.lines.length;
  const parcels = parcelsOf(v.task).length;
  if (!isCount(v.parcel, 1) || v.parcel > parcels) return false;
  if (!Array.isArray(v.counted) || v.counted.length !== lines || !v.counted.every((c) => isCount(c))) return false;
  const units = v.units;
  const unitOk = (u: unknown) =>
    isRecord(u) &&
    isCount(u.line) &&
    u.line < lines &&
    isCount(u.parcel, 1) &&
    u.parcel <= parcels &&
    isCount(u.units, 1) &&
    isString(u.code) &&
    [u.batch, u.serial, u.expiry].every(isNullableString);
  if (!Array.isArray(units) || !units.every(unitOk)) return false;
  return parcelsFit(v, phase);
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
 * A version 1 session (before parcels and flows) as version 2: its order was packed in
 * print-after-verify, in one parcel (a version 1 task has none listed), with the order's label
 * as that parcel's. Anything it cannot read is left for the checks to refuse.
 */
function upgrade(value: Json): Json {
  const order = value.order;
  if (!isRecord(order) || !isPackTask(order.task) || order.task.parcels !== undefined) return { ...value, v: 2 };
  const units = Array.isArray(order.units) ? order.units.map((unit: unknown) => (isRecord(unit) ? { ...unit, parcel: 1 } : unit)) : order.units;
  const { label, ...rest } = order;
  const parcel = { waybill: order.task.waybill, closedAt: order.verifiedAt ?? null, label, sealedAt: null };
  return { ...value, v: 2, order: { ...rest, flow: 'print-after-verify', units, parcel: 1, parcels: [parcel], sealRefused: null } };
}

/**
 * Reads a persisted session back (after `JSON.parse` of the station's state document); a version
 * 1 session is upgraded. Returns null when it is not a session of this station in a consistent
 * shape (a torn or hand-edited file): the caller then starts a fresh session and logs why,
 * rather than pack from a guess.
 */
export function restoreSession(stored: unknown, station: string): PackSession | null {
  if (!isRecord(stored) || (stored.v !== 1 && stored.v !== 2) || stored.station !== station) return null;
  const value = stored.v === 1 ? upgrade(stored) : stored;
  if (!(value.packer === null || (isString(value.packer) && value.packer.length > 0))) return null;
  if (!oneOf(PHASES, value.phase)) return null;
  const awaiting = value.awaiting;
  if (awaiting !== null && !(isRecord(awaiting) && isRef(awaiting.ref) && isTime(awaiting.since))) return null;
  if (value.order !== null && !isOrder(value.order, value.phase)) return null;
  if (value.block !== null && !isBlock(value.block)) return null;
  if (value.notice !== null && !isNotice(value.notice)) return null;
  if (!Array.isArray(value.shippedSerials) || !value.shippedSerials.every(isString)) return null;
  if (value.asideMenu !== undefined && value.asideMenu !== true) return null;
  if (value.withdrawing !== undefined && value.withdrawing !== true) return null;
  const hasOrder = value.order !== null;
  const consistent =
    (value.phase === 'awaiting_order') === (awaiting !== null) &&
    (value.phase === 'packing' || value.phase === 'verified' || value.phase === 'printed' || value.phase === 'sealed') === hasOrder &&
    (value.block === null || hasOrder) &&
    (value.asideMenu === undefined || hasOrder);
  return consistent ? (structuredClone(value) as unknown as PackSession) : null;
}
