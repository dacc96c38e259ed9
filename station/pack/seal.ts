import type { PackGateReason } from '../../protocol/pack-vocabulary.js';
import { block } from './block.js';
import { emit, listVersions, type Turn } from './events.js';
import { mayRelease } from './gate.js';
import { rememberSerials } from './label.js';
import { parcelRecord } from './parcels.js';
import type { LoadedOrder, PackSession } from './types.js';
import { isMismatch, mismatchBlock, weighingFields, weighNext } from './weighing.js';

/** The gate's reason, with a block by a hub hold named as the hold (what the packer must read). */
function readableReason(s: PackSession, reason: PackGateReason): PackGateReason {
  const hold = s.block?.scope === 'order' ? s.block.reason : null;
  return reason === 'blocked' && (hold === 'order_stopped' || hold === 'frozen_stock') ? hold : reason;
}

/** Records a refused seal once per reason while the order waits, and tells the packer. */
function refuseSeal(turn: Turn, order: LoadedOrder, reason: PackGateReason): void {
  if (order.sealRefused === reason) return;
  order.sealRefused = reason;
  emit(turn, 'pack.seal_refused', { reason });
  turn.s.notice = { key: `seal.${reason}`, params: {} };
}

/**
 * verify-preprinted, after every input: a verified order whose parcels are not sealed yet is
 * sealed, every parcel of it (`pack.sealed` each), the moment the release gate is open; while it
 * is shut the seal is refused with the gate's reason (`pack.seal_refused`, once per reason).
 * Where the scale shows a stable weight the order is weighed first, all its parcels together,
 * as at the label: out of tolerance it blocks on `weight_mismatch` and nothing is sealed until a
 * reweighing within tolerance or a supervisor's badge (then it seals with `weightCheck: overridden`).
 * A hub hold that blocks such an order while it is still being packed refuses its seal too: its
 * label exists already, and the parcel must not leave.
 */
export function settleSeal(turn: Turn): void {
  const { s, ctx } = turn;
  const order = s.order;
  if (!order || order.flow !== 'verify-preprinted') return;
  if (s.phase === 'packing') {
    const hold = s.block?.scope === 'order' ? s.block.reason : null;
    if (hold === 'order_stopped' || hold === 'frozen_stock') refuseSeal(turn, order, hold);
    return;
  }
  if (s.phase !== 'verified') return;
  const gate = mayRelease(s, ctx.stopList, ctx.freezeList, ctx.link, ctx.policy, ctx.now, ctx.warehouse, ctx.scale);
  if (!gate.ok || ctx.link.lastHeardAt === null) return refuseSeal(turn, order, gate.ok ? 'hub_silent' : readableReason(s, gate.reason));
  const weighed = weighNext(order, ctx);
  const overridden = order.weightOverridden === true;
  if (isMismatch(weighed) && !overridden) {
    block(turn, mismatchBlock(weighed.verdict));
    return;
  }
  const hubLastHeardAt = new Date(ctx.link.lastHeardAt).toISOString();
  const weighing = weighingFields(weighed, overridden);
  order.parcels.forEach((parcel, i) => {
    parcel.sealedAt = ctx.now;
    emit(turn, 'pack.sealed', { parcel: parcelRecord(order, i + 1), parcels: order.parcels.length, ...listVersions(ctx), hubLastHeardAt, ...weighing });
  });
  s.phase = 'sealed';
  order.sealRefused = null;
  s.notice = null;
  rememberSerials(turn, order);
}
