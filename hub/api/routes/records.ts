import Type, { type Static } from 'typebox';
import { FULFILMENT_NODES, STUCK_NODES } from '../../../protocol/fulfilment-vocabulary.js';
import { Freeze, FreezeList, FulfilmentNode, Order as OrderSchema, ParcelShown, Stop, StopList, Task as TaskSchema } from '../../domain/model.js';
import { TASK_STATUSES } from '../../domain/tasks.js';
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

/*
 * Response schemas of the domain's records as the API shows them: the records' own schemas
 * (hub/domain/model.ts), with what only people see added and the print data left out.
 * fast-json-stringify writes only what a schema declares; optional fields are absent when unset.
 */

/** A parcel as the API shows it: its waybill, its platform and its progress; its print data never. */
export const ParcelRecord = ParcelShown;

/** An order as the API shows it: the domain's record with its parcels shown (never their print data). */
export const OrderRecord = Type.Object({
  ...OrderSchema.properties,
  parcels: Type.Array(ParcelShown, { description: 'in packing order; parcel 1 is on `waybill`. Never the print data.' }),
});

/** A task as the API shows it: the domain's record and its status as people see it. */
export const TaskRecord = Type.Object({
  ...TaskSchema.properties,
  status: Type.Enum(TASK_STATUSES, { description: 'as shown to people: cancelled, then stopped, then blocked hide the progress' }),
});

/** Stops, freezes and the station lists as the API shows them: the domain's records, every field. */
export const StopRecord = Stop;
export const FreezeRecord = Freeze;
export { FreezeList, StopList };

/** An order's fulfilment nodes (hub/domain/fulfilment.ts): the furthest reached and when each was reached. */
export const FulfilmentView = Type.Object({
  node: Type.Union([FulfilmentNode, Type.Null()], { description: 'the furthest node reached; null while the order is held' }),
  at: Type.Object(
    Object.fromEntries(FULFILMENT_NODES.map((node) => [node, Type.Optional(Type.String({ description: 'ISO 8601 instant' }))])),
    { description: 'when each node was reached; a node passed without its own fact is absent' },
  ),
  stuck: Type.Optional(
    Type.Object(
      { node: Type.Enum(STUCK_NODES), since: Type.String({ description: 'when it reached that node (ISO)' }), alertSeq: Type.Integer() },
      { description: "while the patrol's order-stuck alert is open: the node the order stays at past its limit" },
    ),
  ),
});

/** An order with everything that decides whether it ships. */
export const OrderView = Type.Object({
  order: OrderRecord,
  fulfilment: FulfilmentView,
  task: Type.Union([TaskRecord, Type.Null()], { description: 'null while the order is held' }),
  stops: Type.Array(StopRecord, { description: 'active stops' }),
  freezes: Type.Array(FreezeRecord, { description: 'every freeze of the order, oldest first' }),
});
export type OrderView = Static<typeof OrderView>;

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
