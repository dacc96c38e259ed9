import { PAYLOAD_VERSION, type HubCommand, type OrderRefPayload } from '../../../protocol/index.js';
import { packTaskOf } from '../../control/pack-task.js';
import { taskOfOrder } from '../../domain/orders.js';
import { ordersOfOrderNo } from '../../domain/order-number-index.js';
import { orderOfWaybill } from '../../domain/waybill-index.js';
import { getOwn, isFinished, type Order, type Task } from '../../domain/state.js';
import type { Immutable, ReadonlyDomainState } from '../../domain/tx.js';
import type { BodyOf, EventScope } from './scope.js';

/** A station asked for the task of a label it scanned: it is answered with the task or why there is none. */
export function handleOrderRequested(body: BodyOf<'pack.order_requested'>, on: EventScope): void {
  on.answer(taskAnswer(on.hooks.state(), body, on.recordSeq));
}

/**
 * The hub's answer to a station's `pack.order_requested`: the task for the label it scanned
 * (a cancelled one too: its stop-list entry blocks it at the station), or why there is none.
 * Pure. `recordSeq` names the stored record it answers.
 */
export function taskAnswer(state: ReadonlyDomainState, body: BodyOf<'pack.order_requested'>, recordSeq: number): HubCommand {
  const header = { v: PAYLOAD_VERSION, id: `${recordSeq}.task`, at: new Date().toISOString(), ref: body.ref } as const;
  const found = findTask(state, body.ref);
  if ('task' in found && finishedPlatformOrder(state, found.task)) return { ...header, type: 'task-unavailable', reason: 'finished' };
  const task = 'task' in found ? packTaskOf(state, found.task) : undefined;
  if (task) return { ...header, type: 'task', task };
  return { ...header, type: 'task-unavailable', reason: 'reason' in found ? found.reason : 'not_found' };
}

type Found = { task: Immutable<Task> } | { reason: 'not_found' | 'ambiguous' | 'not_released' };

/** The order's task, or why there is none. */
function taskOf(state: ReadonlyDomainState, order: Immutable<Order> | undefined): Found {
  if (!order) return { reason: 'not_found' };
  const task = taskOfOrder(state, order.id);
  return task ? { task } : { reason: 'not_released' };
}

/**
 * The task a scanned label names: a task id, a parcel's waybill (any parcel's, through the
 * waybill index), or a channel order number (or else a waybill); hub tasks have no totes.
 */
function findTask(state: ReadonlyDomainState, ref: OrderRefPayload): Found {
  switch (ref.type) {
    case 'task': {
      const task = getOwn(state.tasks, ref.id) ?? getOwn(state.tasks, ref.id.toUpperCase());
      return task ? { task } : { reason: 'not_found' };
    }
    case 'tote':
      return { reason: 'not_found' };
    case 'waybill':
      return taskOf(state, orderOfWaybill(state, ref.id));
    case 'order': {
      const orders = ordersOfOrderNo(state, ref.id);
      const live = orders.filter((order) => order.status !== 'cancelled');
      const candidates = live.length > 0 ? live : orders;
      if (candidates.length > 1) return { reason: 'ambiguous' };
      return candidates[0] ? taskOf(state, candidates[0]) : taskOf(state, orderOfWaybill(state, ref.id));
    }
  }
}

/**
 * A finished platform order: its print data is gone, so no task is sent that a station could
 * only print on the wrong backend (a cancelled one is sent: its stop-list entry blocks it).
 */
function finishedPlatformOrder(state: ReadonlyDomainState, task: Immutable<Task>): boolean {
  return isFinished(task) && !task.cancelled && (getOwn(state.orders, task.orderId)?.parcels.some((parcel) => parcel.platform !== undefined) ?? false);
}
