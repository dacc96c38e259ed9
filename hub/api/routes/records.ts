import {
  fulfilmentNodes,
  orderShown,
  stopsOfOrder,
  taskOfOrder,
  taskStatus,
  type Immutable,
  type Order,
  type ReadonlyDomainState,
  type Task,
} from '../../domain/index.js';

export { FreezeList, FreezeRecord, FulfilmentView, OrderRecord, OrderView, ParcelRecord, StopList, StopRecord, TaskRecord } from './record-schemas.js';

/** A task with its status as people see it. */
export function taskView(state: ReadonlyDomainState, task: Immutable<Task>): Immutable<Task> & { status: string } {
  return { ...task, status: taskStatus(state, task) };
}

/** The order (without print data), its task and status, its stops and its freezes. */
export function orderView(state: ReadonlyDomainState, order: Immutable<Order>): unknown {
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
