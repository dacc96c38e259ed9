import type { PackActRefusal } from '../../protocol/pack-vocabulary.js';
import { emit, listVersions, refuseAct, taskRecord, type Turn } from './events.js';
import { orderHold } from './holds.js';
import { parcelIndex, parcelsOf } from './parcels.js';
import { lookUpTask, taskKey } from './task.js';
import { isProduct, waybillText } from './waybill.js';

/*
 * Withdraw at the bench (issue #14, intercepts): a parcel labelled or sealed here whose order was
 * stopped or frozen afterwards is taken out of the outbound flow by `$PG:WITHDRAW` then its
 * waybill. The bench judges on what it holds: the released tasks (by waybill) and the newest stop
 * and freeze lists, as it judges its own holds. docs/pack-session.md, "Withdraw at the bench".
 */

/** `$PG:WITHDRAW`: the next scan is the parcel taken out. Needs a packer; not with a unit in hand. */
export function armWithdraw(turn: Turn): void {
  const { s } = turn;
  if (!s.packer) return refuseAct(turn, 'withdraw', 'no_packer');
  if (s.block?.scope === 'unit') return refuseAct(turn, 'withdraw', 'clear_block_first');
  s.withdrawing = true;
  s.notice = null;
}

function refuse(turn: Turn, reason: PackActRefusal, waybill: string): void {
  refuseAct(turn, 'withdraw', reason);
  turn.s.notice = { key: `refusal.${reason}`, params: { waybill } };
}

/**
 * The scan after `$PG:WITHDRAW`. CANCEL gives up, WITHDRAW again keeps waiting; a waybill of a
 * task the station holds whose order the newest lists hold is withdrawn (`pack.parcel_withdrawn`);
 * anything else is refused (`waybill_not_found`, `not_intercepted`, `not_a_waybill`) and changes
 * nothing. Either way the withdrawal is over: the next scan is taken as usual.
 */
export function onWithdrawScan(turn: Turn): void {
  const { s, ctx, input } = turn;
  if (input.type !== 'scan') return;
  delete s.withdrawing;
  const result = input.result;
  if (result.ok && result.scan.kind === 'control') {
    if (result.scan.control.command === 'cancel') {
      s.notice = { key: 'notice.withdraw_cancelled', params: {} };
      return;
    }
    if (result.scan.control.command === 'withdraw') {
      s.withdrawing = true;
      return;
    }
  }
  const waybill = waybillText(input);
  const task = waybill === null ? undefined : lookUpTask(ctx.tasks, taskKey({ type: 'waybill', id: waybill }));
  if (waybill === null || (!task && isProduct(input, waybill, ctx))) return refuse(turn, 'not_a_waybill', '');
  if (!task) return refuse(turn, 'waybill_not_found', waybill);
  // The loaded order's counted units are what a batch freeze matches; another order's are not known here.
  const units = s.order?.task.taskId === task.taskId ? s.order.units : [];
  const hold = orderHold(task, units, ctx.stopList, ctx.freezeList, ctx.warehouse);
  if (!hold) return refuse(turn, 'not_intercepted', waybill);
  const index = parcelIndex(task, waybill);
  const parcel = { index, waybill: parcelsOf(task)[index - 1]!.waybill };
  emit(turn, 'pack.parcel_withdrawn', { parcel, hold: hold.reason, detail: hold.detail, ...listVersions(ctx) }, taskRecord(task));
  s.notice = { key: 'notice.withdrawn', params: { waybill: parcel.waybill, ref: task.orderNo } };
}
