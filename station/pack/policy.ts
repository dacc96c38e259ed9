import { zonedFields } from '../../common/zoned-time.js';
import { PACK_FLOWS, type PackBlockReason } from '../../protocol/pack-vocabulary.js';
import type { ClearBy, PackPolicy } from './types.js';

/** The defaults: 10 s for the hub to answer for an order, 5 minutes of hub silence, UTC days, labels printed after verification. */
export const DEFAULT_PACK_POLICY: PackPolicy = {
  awaitOrderMs: 10_000,
  hubSilenceMs: 5 * 60_000,
  timeZone: 'UTC',
  serialMemory: 10_000,
  flow: 'print-after-verify',
};

/** Thrown by {@link packPolicy} for a setting that cannot work. */
export class PackPolicyError extends Error {
  readonly code = 'PACK_BAD_POLICY';
}

/**
 * The policy with `overrides` applied and checked: durations are whole milliseconds ≥ 0, the
 * time zone is one the runtime knows, the flow is one of `PACK_FLOWS`. Throws
 * {@link PackPolicyError} at start-up rather than letting a bad setting reach a scan.
 */
export function packPolicy(overrides: Partial<PackPolicy> = {}): PackPolicy {
  const policy = { ...DEFAULT_PACK_POLICY, ...overrides };
  if (!PACK_FLOWS.includes(policy.flow)) throw new PackPolicyError(`flow must be one of ${PACK_FLOWS.join(', ')}`);
  if (policy.requireWeighing !== undefined && typeof policy.requireWeighing !== 'boolean') throw new PackPolicyError('requireWeighing must be true or false');
  const box = policy.boxWeightGrams;
  if (box !== undefined && !(typeof box === 'number' && box >= 0 && box <= 1_000_000)) throw new PackPolicyError('boxWeightGrams must be a number of grams from 0 to 1000000');
  for (const key of ['awaitOrderMs', 'hubSilenceMs', 'serialMemory'] as const) {
    if (!Number.isSafeInteger(policy[key]) || policy[key] < 0) throw new PackPolicyError(`${key} must be a whole number ≥ 0`);
  }
  try {
    localDate(0, policy.timeZone);
  } catch {
    throw new PackPolicyError(`unknown time zone "${policy.timeZone}"`);
  }
  return policy;
}

/** The calendar day (`YYYY-MM-DD`) at `now` in `timeZone`. Throws RangeError for an unknown zone. */
export function localDate(now: number, timeZone: string): string {
  const { year, month, day } = zonedFields(now, timeZone);
  return `${year}-${month}-${day}`;
}

/**
 * Who may clear each block. `resolve`: the packer takes the unit out and scans `$PG:RESOLVE`
 * (a supervisor badge also clears these). `supervisor`: only a supervisor badge.
 */
export const CLEARED_BY: Readonly<Record<PackBlockReason, ClearBy>> = {
  wrong_item: 'resolve',
  over_quantity: 'resolve',
  unknown_barcode: 'resolve',
  unreadable: 'resolve',
  tracking_missing: 'resolve',
  frozen_stock: 'supervisor',
  expired: 'supervisor',
  duplicate_serial: 'supervisor',
  order_stopped: 'supervisor',
  mapping_pending: 'supervisor',
  weight_mismatch: 'supervisor',
};
