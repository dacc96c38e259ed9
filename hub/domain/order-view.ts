import { fulfilmentNodes } from './fulfilment.js';
import { orderShown } from './parcels.js';
import { taskOfOrder } from './orders.js';
import type { Order, Task } from './state.js';
import { stopsOfOrder } from './stops-of-order.js';
import { taskStatus } from './tasks.js';
import type { Immutable, ReadonlyDomainState } from './tx.js';

/** A task with its status as people see it. */
export function taskView(state: ReadonlyDomainState, task: Immutable<Task>): Immutable<Task> & { status: string } {
  return { ...task, status: taskStatus(state, task) };
}

/** The order (without print data), its task and status, its stops and its freezes (the API's `OrderView`). */
export function orderView(state: ReadonlyDomainState, order: Immutable<Order>) {
  const task = taskOfOrder(state, order.id);
  return {
    order: orderShown(order),
    fulfilment: fulfilmentNodes(state, order),
    task: task ? taskView(state, task) : null,
    stops: sortById(stopsOfOrder(state, order.id)),
    freezes: sortById(Object.values(state.freezes).filter((freeze) => freeze.orderId === order.id)),
  };
}

/** Records with ids `X{n}` (stops `S3`, freezes `F2`) in the order they were made. */
export function sortById<T extends { readonly id: string }>(records: readonly T[]): T[] {
  const no = (id: string) => Number(id.slice(1));
  return [...records].sort((a, b) => no(a.id) - no(b.id));
}
