import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, waybillKey } from './state.js';
import type { Tx } from './tx.js';

/**
 * Disputes (issue #16): a manager marks a parcel's waybill disputed when a customer claims a
 * refund only or a missing item. The hub then has the station that filmed the parcel pin its
 * clips (hub/evidence/pins.ts), so retention never deletes them, until the dispute is closed.
 */

/** Marks a waybill of a known order disputed; `WAYBILL_DISPUTED` if it is already. */
export function disputeWaybill(tx: Tx, command: CommandOf<'disputeWaybill'>): Rejection | undefined {
  const key = waybillKey(command.waybill);
  if (!getOwn(tx.state.waybills, key)) return reject(DomainError.WaybillNotFound, `no order has waybill ${command.waybill}`);
  const open = getOwn(tx.state.disputes, key);
  if (open) return reject(DomainError.WaybillDisputed, `waybill ${open.waybill} is disputed since ${open.since} (${open.by})`);
  tx.put('disputes', key, { waybill: command.waybill, since: tx.at, by: command.manager, ...(command.note ? { note: command.note } : {}) });
  tx.emit({ type: 'waybill.disputed', waybill: command.waybill, by: command.manager, ...(command.note ? { note: command.note } : {}) });
  return undefined;
}

/** Closes a waybill's dispute: its clips are unpinned and age like any other. */
export function closeDispute(tx: Tx, command: CommandOf<'closeDispute'>): Rejection | undefined {
  const key = waybillKey(command.waybill);
  const open = getOwn(tx.state.disputes, key);
  if (!open) return reject(DomainError.DisputeNotFound, `waybill ${command.waybill} is not disputed`);
  tx.remove('disputes', key);
  tx.emit({ type: 'waybill.dispute-closed', waybill: open.waybill, by: command.manager, ...(command.note ? { note: command.note } : {}) });
  return undefined;
}
