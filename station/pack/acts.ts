import type { PackActRefusal, PackAsideReason, PackSignOutReason } from '../../protocol/pack-vocabulary.js';
import type { ControlCode } from '../barcode/index.js';
import { clearBlock, isHeld } from './block.js';
import { emit, lineCounts, refuseAct, type Turn } from './events.js';
import { requestLabel } from './label.js';
import { abandonRequest } from './orders.js';
import { labelStatus, labelsPrinted, onParcelCard } from './parcels.js';
import type { PackSession } from './types.js';
import { armWithdraw } from './withdraw.js';

/** A packer badge signs in; another badge switches packer. Allowed at any time; a block stays. */
function badge(turn: Turn, id: string): void {
  const { s } = turn;
  const previous = s.packer;
  s.packer = id;
  s.notice = { key: 'notice.signed_in', params: { packer: id } };
  emit(turn, 'pack.packer_signed_in', { previous });
}

/**
 * A supervisor badge clears any block. An order hold only once the newest lists no longer hold
 * the order: until then the supervisor's scan is refused (and logged).
 */
function supervisor(turn: Turn, id: string): void {
  const current = turn.s.block;
  if (!current) return refuseAct(turn, 'supervisor', 'nothing_to_clear');
  if (current.scope === 'order' && isHeld(turn)) return refuseAct(turn, 'supervisor', 'still_held');
  clearBlock(turn, 'supervisor', id);
  // The supervisor accepts the weight as it is: the label is asked for, or the seal made, without the check.
  const order = turn.s.order;
  if (current.reason !== 'weight_mismatch' || !order) return;
  if (order.flow === 'verify-preprinted') order.weightOverridden = true;
  else requestLabel(turn, 'label_requested', { skipWeight: true });
}

/** RESOLVE: the packer took the unit out. Clears only the blocks a packer may clear. */
function resolve(turn: Turn): void {
  const { s } = turn;
  if (!s.packer) return refuseAct(turn, 'resolve', 'no_packer');
  if (!s.block) return refuseAct(turn, 'resolve', 'nothing_to_clear');
  if (s.block.clearBy !== 'resolve') return refuseAct(turn, 'resolve', 'needs_supervisor');
  clearBlock(turn, 'resolve', null);
}

function endOrder(turn: Turn): void {
  const { s } = turn;
  s.order = null;
  s.block = null;
  s.phase = 'idle';
}

/**
 * CANCEL abandons the order (its counts are kept in the event) or stops waiting for the hub.
 * Allowed under an order hold (the way out of a stopped order); not while a unit block is on:
 * the unit in hand is dealt with first.
 */
function cancel(turn: Turn): void {
  const { s } = turn;
  if (!s.packer) return refuseAct(turn, 'cancel', 'no_packer');
  if (s.phase === 'awaiting_order') return abandonRequest(turn);
  if (!s.order) return refuseAct(turn, 'cancel', 'no_order');
  if (s.block?.scope === 'unit') return refuseAct(turn, 'cancel', 'clear_block_first');
  emit(turn, 'pack.order_cancelled', { lines: lineCounts(s), block: s.block?.reason ?? null, label: labelStatus(s.order) });
  endOrder(turn);
  s.notice = { key: 'notice.order_cancelled', params: {} };
}

/**
 * Puts the order aside with a reason from the fixed list: a reason card (`$PG:ASIDE:DAMAGED`)
 * or a tap on the screen's put-aside menu. Same rules as CANCEL, and not while a label prints, once any
 * parcel's label has printed here, or once the order is sealed. (CANCEL stays possible while
 * printing: the way out if the printer never answers.)
 */
export function aside(turn: Turn, reason: PackAsideReason): void {
  const { s } = turn;
  const refusal = asideRefusal(s);
  if (refusal) return refuseAct(turn, 'aside', refusal);
  emit(turn, 'pack.order_aside', { reason, lines: lineCounts(s), block: s.block?.reason ?? null });
  endOrder(turn);
  s.notice = { key: `aside.${reason}`, params: {} };
}

/** Why the order may not be put aside now, or null when it may. */
function asideRefusal(s: PackSession): PackActRefusal | null {
  if (!s.packer) return 'no_packer';
  if (!s.order) return 'no_order';
  if (s.block?.scope === 'unit') return 'clear_block_first';
  if (s.phase === 'printed') return 'already_printed';
  if (s.phase === 'sealed') return 'already_sealed';
  if (labelStatus(s.order) === 'requested') return 'label_in_progress';
  if (labelsPrinted(s.order) > 0) return 'already_printed';
  return null;
}

/**
 * `$PG:ASIDE` or the screen's button: opens the put-aside menu, where a reason card or a tap
 * says why. Refused at once, and nothing opens, when the order may not be put aside.
 */
export function openAsideMenu(turn: Turn): void {
  const refusal = asideRefusal(turn.s);
  if (refusal) return refuseAct(turn, 'aside', refusal);
  turn.s.asideMenu = true;
}

/** Sign-out from the screen, an idle timer or shift end. The order stays loaded for the next packer. */
export function signOut(turn: Turn, reason: PackSignOutReason): void {
  const { s } = turn;
  if (!s.packer) return refuseAct(turn, 'sign_out', 'not_signed_in');
  emit(turn, 'pack.packer_signed_out', { reason });
  s.packer = null;
  s.notice = { key: 'notice.signed_out', params: {} };
}

/** A station card: badges, RESOLVE, CANCEL, ASIDE, REPRINT, NEXT PARCEL, WITHDRAW. */
export function onControl(turn: Turn, control: ControlCode): void {
  switch (control.command) {
    case 'packer-badge':
      return badge(turn, control.badge);
    case 'supervisor-badge':
      return supervisor(turn, control.badge);
    case 'resolve':
      return resolve(turn);
    case 'cancel':
      return cancel(turn);
    case 'aside':
      return control.reason ? aside(turn, control.reason) : openAsideMenu(turn);
    case 'reprint':
      if (!turn.s.packer) return refuseAct(turn, 'reprint', 'no_packer');
      return requestLabel(turn, 'reprint');
    case 'parcel':
      return onParcelCard(turn);
    case 'withdraw':
      return armWithdraw(turn);
    // The dock's cards mean nothing at the bench: the scan is kept as a bare `scan` event.
    case 'close':
    case 'carrier':
      return;
  }
}
