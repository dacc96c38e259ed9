import Type, { type Static } from 'typebox';
import { WAYBILL_PLATFORMS } from '../../../protocol/waybill-vocabulary.js';
import { Freeze, FreezeList, Stop, StopList, Task as TaskSchema } from '../../domain/model.js';
import { TASK_STATUSES } from '../../domain/tasks.js';
import {
  CHANNELS,
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
 * Response schemas of the domain's records as the API shows them. fast-json-stringify writes
 * only what a schema declares, so every field a record can carry is declared here; optional
 * fields are absent when unset.
 */

const Time = Type.String({ description: 'ISO 8601 instant' });

const ParcelMark = { at: Time, station: Type.String() };

/** A parcel as the API shows it: its waybill, its platform and its progress; its print data never. */
export const ParcelRecord = Type.Object({
  waybill: Type.String(),
  platform: Type.Optional(Type.Enum(WAYBILL_PLATFORMS, { description: "the print program that prints its label; absent: the station's ZPL label" })),
  closed: Type.Optional(
    Type.Object(
      { ...ParcelMark, units: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer() })) },
      { description: 'the packer closed it (a multi-parcel order) with these units in it' },
    ),
  ),
  labelled: Type.Optional(Type.Object(ParcelMark, { description: 'its label first printed' })),
  sealed: Type.Optional(Type.Object(ParcelMark, { description: 'sealed in the pre-printed flow' })),
});

export const OrderRecord = Type.Object({
  id: Type.String({ description: '`{channel}:{orderNo}`' }),
  channel: Type.Enum(CHANNELS),
  orderNo: Type.String(),
  waybill: Type.String(),
  label: Type.Object({ name: Type.String(), phone: Type.String(), address: Type.String() }),
  lines: Type.Array(
    Type.Object({
      channelSku: Type.String(),
      quantity: Type.Integer(),
      masterSku: Type.Optional(Type.String({ description: 'set once the line resolves through the mappings' })),
    }),
  ),
  parcels: Type.Array(ParcelRecord, { description: 'in packing order; parcel 1 is on `waybill`. Never the print data.' }),
  status: Type.Enum(['held', 'released', 'cancelled']),
  createdAt: Time,
  hold: Type.Optional(
    Type.Object(
      {
        since: Time,
        unresolved: Type.Array(
          Type.Object({
            line: Type.Integer(),
            channelSku: Type.String(),
            pending: Type.Optional(Type.String({ description: 'the master SKU whose mapping change awaits confirmation' })),
          }),
        ),
      },
      { description: 'while held: the lines no mapping resolves' },
    ),
  ),
  taskId: Type.Optional(Type.String()),
  releasedAt: Type.Optional(Time),
  cancelledAt: Type.Optional(Time),
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

/** An order with everything that decides whether it ships. */
export const OrderView = Type.Object({
  order: OrderRecord,
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
