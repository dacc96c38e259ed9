import { FULFILMENT_NODES, NODE_OF_CARRIER_EVENT, type FulfilmentNode, type StuckNode } from '../../protocol/fulfilment-vocabulary.js';
import { closeAlert, raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type CarrierProgress, type Order, type Task } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';
import { parcelIndexOf } from './waybill-index.js';

/** When an order reached each fulfilment node it reached, and the furthest of them. */
export interface FulfilmentNodes {
  /** The furthest node reached; null while the order is held (never released). */
  node: FulfilmentNode | null;
  /** ISO time of each node reached, by node; a node passed without its own fact (a delivery reported before the pickup) is absent. */
  at: Partial<Record<FulfilmentNode, string>>;
  /** While the patrol's `order-stuck` alert is open: the node the order stays at past its limit, since when, the alert. */
  stuck?: { node: StuckNode; since: string; alertSeq: number };
}

/**
 * An order's fulfilment nodes, derived from what the state holds: `released` from the order,
 * `verified` and `labelled` (labelled or sealed) from its task, `handed-over` from its parcels
 * (the last parcel's handover), `picked-up` and `delivered` from the carrier's events; `stuck`
 * from the patrol's open alert.
 */
export function fulfilmentNodes(state: ReadonlyDomainState, order: Immutable<Order>): FulfilmentNodes {
  const task = order.taskId === undefined ? undefined : getOwn(state.tasks, order.taskId);
  const at: Partial<Record<FulfilmentNode, string>> = {};
  if (order.releasedAt !== undefined) at.released = order.releasedAt;
  if (task?.verifiedAt !== undefined) at.verified = task.verifiedAt;
  const packed = packedAt(task);
  if (packed !== undefined) at.labelled = packed;
  const handed = handedOverAt(order);
  if (handed !== undefined) at['handed-over'] = handed;
  if (order.tracking?.pickedUp !== undefined) at['picked-up'] = order.tracking.pickedUp;
  if (order.tracking?.delivered !== undefined) at.delivered = order.tracking.delivered;
  let node: FulfilmentNode | null = null;
  for (const name of FULFILMENT_NODES) if (at[name] !== undefined) node = name;
  const stuck = getOwn(state.stuck, order.id);
  return stuck ? { node, at, stuck: { node: stuck.node, since: stuck.since, alertSeq: stuck.alertSeq } } : { node, at };
}

/** When the task's last parcel was labelled or sealed; undefined while it is not finished. */
export function packedAt(task: Immutable<Task> | undefined): string | undefined {
  if (task?.progress === 'labelled') return task.labelledAt;
  if (task?.progress === 'sealed') return task.sealedAt;
  return undefined;
}

/** When the order's last parcel was handed over; undefined while any parcel is still here. */
export function handedOverAt(order: Immutable<Order>): string | undefined {
  let last: string | undefined;
  for (const parcel of order.parcels) {
    if (!parcel.handedOver) return undefined;
    if (last === undefined || parcel.handedOver.at > last) last = parcel.handedOver.at;
  }
  return last;
}

/** The key of the duplicate check: a carrier's event ids are unique for that carrier only. */
export function carrierEventKey(carrier: string, eventId: string): string {
  return `${carrier}:${eventId}`;
}

const PROGRESS_FIELD = {
  'carrier.picked_up': 'pickedUp',
  'carrier.in_transit': 'inTransit',
  'carrier.delivered': 'delivered',
} as const satisfies Partial<Record<CommandOf<'carrierEvent'>['event'], keyof CarrierProgress>>;

/**
 * A carrier's tracking event about an order. A fact: recorded whatever the order's state (a
 * carrier may report a parcel the warehouse never handed over), stored once per carrier and
 * event id (a repeat changes nothing). The first `picked_up` and `delivered` reach their nodes
 * and close an open `order-stuck` alert; an exception raises a `carrier-exception` warning.
 * Its time is the carrier's `occurredAt` (normalised to UTC), or now.
 */
export function carrierEvent(tx: Tx, command: CommandOf<'carrierEvent'>): Rejection | undefined {
  const current = getOwn(tx.state.orders, command.orderId);
  if (!current) return reject(DomainError.OrderNotFound, `no order ${command.orderId}`);
  const key = carrierEventKey(command.carrier, command.eventId);
  if (getOwn(tx.state.carrierEvents, key)) return undefined;
  if (command.waybill !== undefined && parcelIndexOf(current, command.waybill) < 0) {
    return reject(DomainError.ParcelNotFound, `order ${current.id} has no parcel on ${command.waybill}`);
  }
  const occurredAt = command.occurredAt === undefined ? tx.at : new Date(command.occurredAt).toISOString();
  tx.put('carrierEvents', key, { orderId: current.id, type: command.event, at: tx.at });
  const order = tx.edit('orders', current.id)!;
  const tracking = (order.tracking ??= {});
  let node: FulfilmentNode | undefined;
  if (command.event === 'carrier.exception') {
    tracking.exception = { at: occurredAt, ...(command.detail === undefined ? {} : { detail: command.detail }) };
  } else {
    const field = PROGRESS_FIELD[command.event];
    if (tracking[field] === undefined) {
      tracking[field] = occurredAt;
      node = NODE_OF_CARRIER_EVENT[command.event];
    }
  }
  tx.emit({
    type: 'order.carrier-event',
    orderId: order.id,
    carrier: command.carrier,
    eventId: command.eventId,
    event: command.event,
    occurredAt,
    ...(command.waybill === undefined ? {} : { waybill: command.waybill }),
    ...(command.detail === undefined ? {} : { detail: command.detail }),
    ...(node === undefined ? {} : { node }),
  });
  if (node !== undefined) closeStuck(tx, order.id, `reached ${node}`);
  if (command.event === 'carrier.exception') {
    const message = `carrier ${command.carrier} reports an exception for order ${order.id}${command.detail ? `: ${command.detail}` : ''}`;
    raiseAlert(tx, 'carrier-exception', 'warning', message, {
      orderId: order.id,
      carrier: command.carrier,
      ...(command.waybill === undefined ? {} : { waybill: command.waybill }),
    });
  }
  return undefined;
}

/** Closes the order's `order-stuck` alert, if one is open: the order moved (`reason` says how). */
export function closeStuck(tx: Tx, orderId: string, reason: string): void {
  const open = getOwn(tx.state.stuck, orderId);
  if (!open) return;
  closeAlert(tx, open.alertSeq, reason);
  tx.remove('stuck', orderId);
}

/**
 * The node an open order waits at, and since when, if it is a node with a limit: `released`
 * (until every parcel is labelled or sealed), `labelled` (until every parcel is handed over),
 * `handed-over` (until the carrier picks it up). Undefined for anything else.
 */
export function waitingAt(order: Immutable<Order>, task: Immutable<Task> | undefined): { node: StuckNode; since: string } | undefined {
  if (order.status !== 'released' || !task || task.cancelled) return undefined;
  if (order.tracking?.pickedUp !== undefined || order.tracking?.delivered !== undefined) return undefined;
  const packed = packedAt(task);
  if (packed === undefined) return { node: 'released', since: order.releasedAt ?? task.releasedAt };
  const handed = handedOverAt(order);
  return handed === undefined ? { node: 'labelled', since: packed } : { node: 'handed-over', since: handed };
}
