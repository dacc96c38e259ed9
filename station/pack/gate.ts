import type { PackGateReason } from '../../protocol/pack-vocabulary.js';
import { freezeForOrder, stopEntryFor } from './holds.js';
import { unitsIn } from './parcels.js';
import type { FreezeList, LinkHealth, LoadedOrder, PackPolicy, PackSession, ScaleHealth, StopList } from './types.js';

/** The release gate's answer. */
export type GateResult = { readonly ok: true } | { readonly ok: false; readonly reason: PackGateReason };

const refuse = (reason: PackGateReason): GateResult => ({ ok: false, reason });

/** Recounts the order from its recorded units instead of trusting the running counts. */
function countsAddUp(order: LoadedOrder): boolean {
  const { lines } = order.task;
  if (order.counted.length !== lines.length) return false;
  const fromUnits = lines.map(() => 0);
  for (const unit of order.units) {
    if (!Number.isSafeInteger(unit.units) || unit.units < 1 || fromUnits[unit.line] === undefined || order.parcels[unit.parcel - 1] === undefined) return false;
    fromUnits[unit.line] = (fromUnits[unit.line] ?? 0) + unit.units;
  }
  return lines.every((line, i) => order.counted[i] === line.quantity && fromUnits[i] === line.quantity);
}

/**
 * Invariant 1, the release gate: a label may print for any parcel of the session's order, and a
 * parcel may be sealed, only when
 *
 * - a packer is signed in and the session is not blocked;
 * - the order is verified (or released, for a reprint) and every line's count, recounted from
 *   the units recorded, is exactly its quantity: the whole order, every parcel of it;
 * - every parcel holds at least one unit;
 * - where the site requires weighing (`policy.requireWeighing`), the scale works and shows a
 *   stable, positive weight;
 * - the station holds a stop list and a freeze list, and neither holds the order;
 * - the hub was heard from within `policy.hubSilenceMs` of `now` (a last-heard time in the
 *   future, from a clock set back, counts as silence).
 *
 * Pure; the session applies it to every label request and seal, and the printer layer may ask it too.
 */
export function mayRelease(
  session: PackSession,
  stopList: StopList | null,
  freezeList: FreezeList | null,
  linkHealth: LinkHealth,
  policy: PackPolicy,
  now: number,
  warehouse?: string,
  scale?: ScaleHealth,
): GateResult {
  const order = session.order;
  if (!order) return refuse('no_order');
  if (session.packer === null) return refuse('no_packer');
  if (session.block !== null) return refuse('blocked');
  if (session.phase !== 'verified' && session.phase !== 'printed' && session.phase !== 'sealed') return refuse('not_verified');
  if (!countsAddUp(order)) return refuse('counts_mismatch');
  if (order.parcels.some((_, i) => unitsIn(order, i + 1) === 0)) return refuse('parcel_empty');
  if (policy.requireWeighing) {
    if (!scale?.ready) return refuse('scale_not_ready');
    if (scale.grams === null) return refuse('awaiting_weight');
  }
  if (!stopList) return refuse('no_stop_list');
  if (!freezeList) return refuse('no_freeze_list');
  const heard = linkHealth.lastHeardAt;
  const silence = heard === null ? Number.POSITIVE_INFINITY : now - heard;
  if (!(silence >= 0 && silence <= policy.hubSilenceMs)) return refuse('hub_silent');
  if (stopEntryFor(order.task, stopList)) return refuse('order_stopped');
  if (freezeForOrder(order.task, order.units, freezeList, warehouse)) return refuse('frozen_stock');
  return { ok: true };
}

/** The label gate is the release gate (the name it had before parcels could be sealed). */
export const mayPrintLabel = mayRelease;
