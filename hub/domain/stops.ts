import { condition, endCondition, raiseAlert } from './alerts.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { interceptIfPacked, releaseIntercept } from './handover.js';
import { taskOfOrder } from './orders.js';
import type { CommandOf } from './schemas.js';
import { stopsOfOrder } from './stops-of-order.js';
import { getOwn, type Severity, type Stop, type StopReason, type Task } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/** The station holding a task, if a station has loaded it. */
export function stationOf(task: Immutable<Task> | undefined): string | undefined {
  return task && task.progress !== 'released' ? task.station : undefined;
}

/**
 * Alert severity for a stop or freeze: critical when the parcel is at a station (or the
 * reason is fraud), a warning while the task has not been loaded.
 */
export function holdSeverity(task: Immutable<Task> | undefined, reason: StopReason): Severity {
  return reason === 'fraud' || stationOf(task) !== undefined ? 'critical' : 'warning';
}

/** Adds an active stop to an order (and so to its task, now or when it is released). */
export function addStop(tx: Tx, orderId: string, reason: StopReason, extra: { freezeId?: string; note?: string } = {}): Stop {
  const stop: Stop = { id: tx.nextId('stop'), orderId, reason, since: tx.at, ...extra };
  tx.put('stops', stop.id, stop);
  const task = taskOfOrder(tx.state, orderId);
  const station = stationOf(task);
  tx.emit({
    type: 'task.stopped',
    stopId: stop.id,
    orderId,
    ...(task ? { taskId: task.id } : {}),
    reason,
    ...(station === undefined ? {} : { station }),
  });
  interceptIfPacked(tx, orderId);
  return stop;
}

/** Removes an active stop. */
export function removeStop(tx: Tx, stop: Immutable<Stop>): void {
  tx.remove('stops', stop.id);
  const task = taskOfOrder(tx.state, stop.orderId);
  tx.emit({
    type: 'task.stop-lifted',
    stopId: stop.id,
    orderId: stop.orderId,
    ...(task ? { taskId: task.id } : {}),
    reason: stop.reason,
  });
  endCondition(tx, condition.stop(stop.id), 'lifted');
  releaseIntercept(tx, stop.orderId);
}

/**
 * Stops an order's pack task wherever it is (or, for a held order, the task it will get).
 * One active stop per reason; an alert is raised.
 */
export function stopTask(tx: Tx, command: CommandOf<'stopTask'>): Rejection | undefined {
  const order = getOwn(tx.state.orders, command.orderId);
  if (!order) return reject(DomainError.OrderNotFound, `no order ${command.orderId}`);
  if (order.status === 'cancelled') return reject(DomainError.OrderCancelled, `order ${order.id} is cancelled`);
  const existing = stopsOfOrder(tx.state, order.id).find((stop) => stop.reason === command.reason);
  if (existing) return reject(DomainError.StopExists, `order ${order.id} is already stopped (${existing.id}, ${command.reason})`);

  const stop = addStop(tx, order.id, command.reason, command.note === undefined ? {} : { note: command.note });
  const task = taskOfOrder(tx.state, order.id);
  const station = stationOf(task);
  const where = station === undefined ? '' : ` at station ${station}`;
  raiseAlert(
    tx,
    'task-stopped',
    holdSeverity(task, command.reason),
    `order ${order.id} stopped (${command.reason})${where}`,
    { orderId: order.id, ...(task ? { taskId: task.id } : {}), ...(station === undefined ? {} : { station }), stopId: stop.id },
    condition.stop(stop.id),
  );
  return undefined;
}

/** Lifts a stop. A refund stop belongs to its freeze and goes when the freeze is rejected. */
export function liftStop(tx: Tx, command: CommandOf<'liftStop'>): Rejection | undefined {
  const stop = getOwn(tx.state.stops, command.stopId);
  if (!stop) return reject(DomainError.StopNotFound, `no active stop ${command.stopId}`);
  if (stop.freezeId !== undefined) {
    return reject(DomainError.StopHeldByFreeze, `stop ${stop.id} belongs to freeze ${stop.freezeId}; approve or reject the freeze`);
  }
  if (getOwn(tx.state.orders, stop.orderId)?.status === 'cancelled') {
    return reject(DomainError.OrderCancelled, `order ${stop.orderId} is cancelled`);
  }
  removeStop(tx, stop);
  return undefined;
}
