import { condition, endCondition, raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { taskLines, taskOfOrder } from './orders.js';
import { dropPrintData } from './parcels.js';
import type { CommandOf } from './schemas.js';
import { returnConsumed } from './stock.js';
import { addStop, holdSeverity, removeStop, stationOf } from './stops.js';
import { getOwn, isFinished, type Freeze, type FreezeLine, type Order } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** The order's pending freeze, if any (an order has at most one). */
export function pendingFreezeOf(state: ReadonlyDomainState, orderId: string): Immutable<Freeze> | undefined {
  return Object.values(state.freezes).find((freeze) => freeze.orderId === orderId && freeze.status === 'pending');
}

/**
 * A refund-only freeze, effective at once: the order's task gets a `refund` stop wherever it
 * is, the frozen units leave available stock (tasks this leaves uncovered are blocked after the
 * command), and an alert is raised — critical when the task is already at a station.
 */
export function createFreeze(tx: Tx, command: CommandOf<'createFreeze'>): Rejection | undefined {
  const order = getOwn(tx.state.orders, command.orderId);
  if (!order) return reject(DomainError.OrderNotFound, `no order ${command.orderId}`);
  if (order.status === 'cancelled') return reject(DomainError.OrderCancelled, `order ${order.id} is cancelled`);
  const existing = pendingFreezeOf(tx.state, order.id);
  if (existing) return reject(DomainError.OrderAlreadyFrozen, `order ${order.id} already has pending freeze ${existing.id}`);
  const lines = freezeLines(order, command);
  if ('code' in lines) return lines;

  const id = tx.nextId('freeze');
  const ttlMs = command.ttlSeconds === undefined ? tx.config.freezeTtlMs : command.ttlSeconds * 1000;
  const expiresAt = new Date(tx.now.getTime() + ttlMs).toISOString();
  const stop = addStop(tx, order.id, 'refund', { freezeId: id });
  const freeze: Freeze = { id, orderId: order.id, lines, status: 'pending', createdAt: tx.at, expiresAt, stopId: stop.id };
  if (command.note !== undefined) freeze.note = command.note;
  tx.put('freezes', id, freeze);
  tx.emit({ type: 'freeze.created', freezeId: id, orderId: order.id, lines: structuredClone(lines), expiresAt, stopId: stop.id });

  const task = taskOfOrder(tx.state, order.id);
  const station = stationOf(task);
  const where = station === undefined ? '' : ` at station ${station}`;
  raiseAlert(tx, 'freeze-created', holdSeverity(task, 'refund'), `refund freeze ${id} on order ${order.id}${where}`, {
    orderId: order.id,
    ...(task ? { taskId: task.id } : {}),
    ...(station === undefined ? {} : { station }),
    ...(lines[0] ? { sku: lines[0].sku } : {}),
    freezeId: id,
    stopId: stop.id,
  }, condition.freeze(id));
  return undefined;
}

function freezeLines(order: Immutable<Order>, command: CommandOf<'createFreeze'>): FreezeLine[] | Rejection {
  const own = taskLines(order);
  const lot = {
    ...(command.batch === undefined ? {} : { batch: command.batch }),
    ...(command.warehouse === undefined ? {} : { warehouse: command.warehouse }),
  };
  let sku = command.sku;
  if (sku === undefined && (command.batch !== undefined || command.quantity !== undefined)) {
    if (own.length !== 1) {
      return reject(DomainError.FreezeSkuRequired, `order ${order.id} has ${own.length} SKUs; name the one to freeze`);
    }
    sku = own[0]!.sku;
  }
  if (sku === undefined) return own.map((line) => ({ ...line, ...lot }));
  const quantity = command.quantity ?? own.find((line) => line.sku === sku)?.quantity;
  if (quantity === undefined) {
    return reject(DomainError.BadQuantity, `order ${order.id} has no ${sku}; give the quantity to freeze`);
  }
  return [{ sku, quantity, ...lot }];
}

/** The refund is approved: the freeze releases the task (see {@link releaseFreeze}). */
export function approveFreeze(tx: Tx, command: CommandOf<'approveFreeze'>): Rejection | undefined {
  const freeze = findPending(tx, command.freezeId);
  if ('code' in freeze) return freeze;
  releaseFreeze(tx, freeze.id, 'approved');
  tx.edit('freezes', freeze.id)!.decidedBy = decider(tx);
  return undefined;
}

/** Who decides a freeze: the command's actor, by name when it has one. */
function decider(tx: Tx): string {
  return tx.audit.actor.name ?? tx.audit.actor.id;
}

/**
 * The refund is rejected: the freeze ends at once, its `refund` stop is lifted, and blocked
 * tasks whose stock is covered again are unblocked (after the command). The parcel ships.
 */
export function rejectFreeze(tx: Tx, command: CommandOf<'rejectFreeze'>): Rejection | undefined {
  const found = findPending(tx, command.freezeId);
  if ('code' in found) return found;
  const freeze = tx.edit('freezes', found.id)!;
  freeze.status = 'rejected';
  freeze.closedAt = tx.at;
  freeze.decidedBy = decider(tx);
  tx.emit({ type: 'freeze.rejected', freezeId: freeze.id, orderId: freeze.orderId });
  endCondition(tx, condition.freeze(freeze.id), 'rejected');
  const stop = getOwn(tx.state.stops, freeze.stopId);
  if (stop) removeStop(tx, stop);
  return undefined;
}

/**
 * Processes freeze expiries at `now`. Under `onFreezeExpiry: 'escalate'` (the default) an
 * expired pending freeze raises one critical alert for a supervisor and stays in force; under
 * `'release'` it releases the task as an approval would, with a warning alert.
 */
export function tick(tx: Tx): Rejection | undefined {
  const now = tx.now.getTime();
  for (const freeze of Object.values(tx.state.freezes)) {
    if (freeze.status !== 'pending' || Date.parse(freeze.expiresAt) > now) continue;
    const target = { orderId: freeze.orderId, freezeId: freeze.id };
    if (tx.config.onFreezeExpiry === 'release') {
      releaseFreeze(tx, freeze.id, 'expired');
      raiseAlert(tx, 'freeze-released', 'warning', `freeze ${freeze.id} expired: order ${freeze.orderId} released`, target);
    } else if (freeze.escalatedAt === undefined) {
      tx.edit('freezes', freeze.id)!.escalatedAt = tx.at;
      tx.emit({ type: 'freeze.escalated', freezeId: freeze.id, orderId: freeze.orderId });
      raiseAlert(tx, 'freeze-expired', 'critical', `freeze ${freeze.id} on order ${freeze.orderId} expired undecided`, target, condition.freeze(freeze.id));
    }
  }
  return undefined;
}

function findPending(tx: Tx, freezeId: string): Immutable<Freeze> | Rejection {
  const freeze = getOwn(tx.state.freezes, freezeId);
  if (!freeze) return reject(DomainError.FreezeNotFound, `no freeze ${freezeId}`);
  if (freeze.status !== 'pending') return reject(DomainError.FreezeNotPending, `freeze ${freeze.id} is ${freeze.status}`);
  return freeze;
}

/**
 * Release: the parcel does not ship and its goods go back to stock. The order and its task are
 * cancelled for good; the task's reservation ends (units on the shelf become available again),
 * a labelled task's consumed units are put back on hand, and the freeze stops holding stock.
 * The `refund` stop stays, so every station keeps the task on its stop list, marked cancelled.
 */
export function releaseFreeze(tx: Tx, freezeId: string, status: 'approved' | 'expired'): void {
  const freeze = tx.edit('freezes', freezeId)!;
  freeze.status = status;
  freeze.closedAt = tx.at;
  tx.emit({ type: status === 'approved' ? 'freeze.approved' : 'freeze.expired', freezeId, orderId: freeze.orderId });
  endCondition(tx, condition.freeze(freezeId), status);
  const order = tx.edit('orders', freeze.orderId)!;
  order.status = 'cancelled';
  order.cancelledAt = tx.at;
  delete order.hold;
  tx.emit({ type: 'order.cancelled', freezeId, orderId: order.id });
  endCondition(tx, condition.orderHeld(order.id), 'cancelled');
  dropPrintData(tx, order.id);
  if (order.taskId === undefined) return;
  const task = tx.edit('tasks', order.taskId)!;
  const unreserved = isFinished(task) ? [] : structuredClone(task.lines);
  task.cancelled = { at: tx.at, freezeId };
  const returned = returnConsumed(tx, task);
  tx.emit({ type: 'task.cancelled', taskId: task.id, orderId: order.id, freezeId, unreserved, returned });
}
