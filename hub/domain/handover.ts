import { closeAlert, raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { closeStuck, handedOverAt } from './fulfilment.js';
import { taskOfOrder } from './orders.js';
import type { CommandOf } from './schemas.js';
import { getOwn, waybillKey, type HandoverBatch, type Order, type Parcel } from './state.js';
import { taskStatus } from './tasks.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';
import { openBatchOf, parcelOfWaybill } from './waybill-index.js';

/*
 * The dock: handover batches (交接) and intercepts. A parcel leaves only in a closed batch, and
 * only if it was verified and labelled or sealed, its order is not held now, it is not handed
 * over already and it belongs to the batch's carrier. docs/domain.md, "Dock handover".
 */

/** Open batches, oldest first. */
export function openBatches(state: ReadonlyDomainState): Array<Immutable<HandoverBatch>> {
  return Object.values(state.handovers).filter((batch) => !batch.closed);
}

/** Packed (labelled or sealed) and still in the warehouse. */
function isPackedHere(parcel: Immutable<Parcel>): boolean {
  return (parcel.labelled !== undefined || parcel.sealed !== undefined) && parcel.handedOver === undefined;
}

/** Why the order must not leave now (cancelled, stopped, blocked), or undefined. */
export function heldStatus(state: ReadonlyDomainState, order: Immutable<Order>): string | undefined {
  if (order.status === 'cancelled') return 'cancelled';
  const task = taskOfOrder(state, order.id);
  if (!task) return order.status;
  const status = taskStatus(state, task);
  return status === task.progress ? undefined : status;
}

/** What a dock scan of a waybill finds: the order and parcel, or why it must not go in the batch. */
export function judgeDockScan(
  state: ReadonlyDomainState,
  batch: Immutable<HandoverBatch>,
  waybill: string,
): { order: Immutable<Order>; index: number } | Rejection {
  const found = parcelOfWaybill(state, waybill);
  if (!found) return reject(DomainError.WaybillNotFound, `no order has waybill ${waybill}`);
  const { order, parcel, index } = found;
  const held = heldStatus(state, order);
  if (held) return reject(DomainError.ParcelIntercepted, `take this parcel out: order ${order.id} is ${held}`);
  const task = taskOfOrder(state, order.id);
  if (!task?.verifiedAt || (parcel.labelled === undefined && parcel.sealed === undefined)) {
    return reject(DomainError.ParcelNotPacked, `parcel ${waybill} of order ${order.id} was not verified and labelled or sealed`);
  }
  if (parcel.handedOver) return reject(DomainError.ParcelHandedOver, `parcel ${waybill} was handed over in batch ${parcel.handedOver.batchId}`);
  const holding = openBatchOf(state, waybill);
  if (holding) return reject(DomainError.ParcelInBatch, `parcel ${waybill} is in open batch ${holding.id} already`);
  if (order.carrier !== undefined && order.carrier !== batch.carrier) {
    return reject(DomainError.CarrierMismatch, `parcel ${waybill} ships with ${order.carrier}, not ${batch.carrier}`);
  }
  return { order, index };
}

/** Opens a batch for a carrier. */
export function openHandover(tx: Tx, command: CommandOf<'openHandover'>): Rejection | undefined {
  if (command.batchId !== undefined && getOwn(tx.state.handovers, command.batchId)) {
    return reject(DomainError.HandoverExists, `handover batch ${command.batchId} exists`);
  }
  const id = command.batchId ?? tx.nextId('handover');
  const batch: HandoverBatch = {
    id,
    carrier: command.carrier,
    ...(command.station === undefined ? {} : { station: command.station }),
    openedAt: tx.at,
    openedBy: command.operator,
    parcels: [],
  };
  tx.put('handovers', id, batch);
  tx.emit({
    type: 'handover.opened',
    batchId: id,
    carrier: command.carrier,
    ...(command.station === undefined ? {} : { station: command.station }),
    operator: command.operator,
  });
  return undefined;
}

function openBatch(tx: Tx, batchId: string): Immutable<HandoverBatch> | Rejection {
  const batch = getOwn(tx.state.handovers, batchId);
  if (!batch) return reject(DomainError.HandoverNotFound, `no handover batch ${batchId}`);
  if (batch.closed) return reject(DomainError.HandoverClosed, `handover batch ${batchId} was closed at ${batch.closed.at}`);
  return batch;
}

/** A waybill scanned into an open batch, checked by {@link judgeDockScan}; a refusal changes nothing. */
export function handoverScan(tx: Tx, command: CommandOf<'handoverScan'>): Rejection | undefined {
  const batch = openBatch(tx, command.batchId);
  if ('ok' in batch) return batch;
  const found = judgeDockScan(tx.state, batch, command.waybill);
  if ('ok' in found) return found;
  const waybill = found.order.parcels[found.index - 1]!.waybill;
  const edited = tx.edit('handovers', batch.id)!;
  edited.parcels.push({ waybill, orderId: found.order.id, index: found.index, at: tx.at });
  tx.emit({
    type: 'handover.scanned',
    batchId: batch.id,
    orderId: found.order.id,
    waybill,
    parcelIndex: found.index,
    count: edited.parcels.length,
    ...(command.station === undefined ? {} : { station: command.station }),
  });
  return undefined;
}

/**
 * Closes a batch: records count, time and operator, and hands every parcel in it over. Refused
 * while a parcel in it is intercepted (its order held now): it must be taken out first.
 */
export function closeHandover(tx: Tx, command: CommandOf<'closeHandover'>): Rejection | undefined {
  const batch = openBatch(tx, command.batchId);
  if ('ok' in batch) return batch;
  const intercepted = batch.parcels.filter((parcel) => heldStatus(tx.state, getOwn(tx.state.orders, parcel.orderId)!) !== undefined);
  if (intercepted.length > 0) {
    return reject(DomainError.HandoverHasIntercept, `take out first: ${intercepted.map((parcel) => parcel.waybill).join(', ')}`);
  }
  const edited = tx.edit('handovers', batch.id)!;
  edited.closed = { at: tx.at, by: command.operator, count: batch.parcels.length };
  const byOrder = new Map<string, string[]>();
  for (const parcel of batch.parcels) {
    const order = tx.edit('orders', parcel.orderId)!;
    order.parcels[parcel.index - 1]!.handedOver = { at: tx.at, batchId: batch.id, ...(batch.station === undefined ? {} : { station: batch.station }) };
    byOrder.set(parcel.orderId, [...(byOrder.get(parcel.orderId) ?? []), parcel.waybill]);
  }
  tx.emit({
    type: 'handover.closed',
    batchId: batch.id,
    carrier: batch.carrier,
    operator: command.operator,
    count: batch.parcels.length,
    waybills: batch.parcels.map((parcel) => parcel.waybill),
  });
  for (const [orderId, waybills] of byOrder) {
    const complete = handedOverAt(getOwn(tx.state.orders, orderId)!) !== undefined;
    tx.emit({ type: 'order.handed-over', orderId, batchId: batch.id, carrier: batch.carrier, waybills, complete });
    if (complete) closeStuck(tx, orderId, 'reached handed-over');
  }
  return undefined;
}

/**
 * A parcel taken out, at the dock or at the bench: it leaves its open batch, and once every
 * intercepted parcel of its order is out, the order's `parcel-intercepted` alert closes. A
 * parcel handed over already cannot be taken out here.
 */
export function withdrawParcel(tx: Tx, command: CommandOf<'withdrawParcel'>): Rejection | undefined {
  const found = parcelOfWaybill(tx.state, command.waybill);
  if (!found) return reject(DomainError.WaybillNotFound, `no order has waybill ${command.waybill}`);
  const { order, parcel } = found;
  if (parcel.handedOver) return reject(DomainError.ParcelHandedOver, `parcel ${parcel.waybill} was handed over in batch ${parcel.handedOver.batchId}`);
  const batch = openBatchOf(tx.state, parcel.waybill);
  if (batch) {
    const edited = tx.edit('handovers', batch.id)!;
    edited.parcels = edited.parcels.filter((p) => waybillKey(p.waybill) !== waybillKey(parcel.waybill));
  }
  tx.emit({
    type: 'parcel.withdrawn',
    orderId: order.id,
    waybill: parcel.waybill,
    ...(batch ? { batchId: batch.id } : {}),
    ...(command.station === undefined ? {} : { station: command.station }),
  });
  const intercept = getOwn(tx.state.intercepts, order.id);
  if (!intercept) return undefined;
  const left = intercept.waybills.filter((waybill) => waybillKey(waybill) !== waybillKey(parcel.waybill));
  if (left.length > 0) tx.edit('intercepts', order.id)!.waybills = left;
  else endIntercept(tx, order.id, `withdrawn${command.station === undefined ? '' : ` at ${command.station}`}`);
  return undefined;
}

/**
 * A stop or freeze just held an order: if a parcel of it is labelled or sealed and still in the
 * warehouse, a critical `parcel-intercepted` alert names where it is (its open dock batch, else
 * the station that labelled it). One per order while it is open.
 */
export function interceptIfPacked(tx: Tx, orderId: string): void {
  if (getOwn(tx.state.intercepts, orderId)) return;
  const order = getOwn(tx.state.orders, orderId);
  const packed = order?.parcels.filter(isPackedHere) ?? [];
  if (!order || packed.length === 0) return;
  const first = packed[0]!;
  const batch = openBatchOf(tx.state, first.waybill);
  const station = first.labelled?.station ?? first.sealed?.station;
  const where = batch ? `in open dock batch ${batch.id}` : `at station ${station ?? '?'}`;
  const waybills = packed.map((parcel) => parcel.waybill);
  const task = taskOfOrder(tx.state, orderId);
  const alert = raiseAlert(tx, 'parcel-intercepted', 'critical', `take parcel ${waybills.join(', ')} of order ${orderId} out: it is ${where}`, {
    orderId,
    ...(task ? { taskId: task.id } : {}),
    waybill: first.waybill,
    ...(batch ? { batchId: batch.id, carrier: batch.carrier } : station === undefined ? {} : { station }),
  });
  tx.put('intercepts', orderId, { alertSeq: alert.seq, since: tx.at, waybills });
}

/** Closes the order's intercept alert (its parcels are out, or its hold was lifted). */
export function endIntercept(tx: Tx, orderId: string, reason: string): void {
  const intercept = getOwn(tx.state.intercepts, orderId);
  if (!intercept) return;
  closeAlert(tx, intercept.alertSeq, reason);
  tx.remove('intercepts', orderId);
}

/** After a stop was lifted: an order free to ship again needs no intercept. */
export function releaseIntercept(tx: Tx, orderId: string): void {
  const order = getOwn(tx.state.orders, orderId);
  if (order && heldStatus(tx.state, order) === undefined) endIntercept(tx, orderId, 'hold lifted');
}
