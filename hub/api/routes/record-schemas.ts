import Type, { type Static } from 'typebox';
import { FULFILMENT_NODES, STUCK_NODES } from '../../../protocol/fulfilment-vocabulary.js';
import { Freeze, FreezeList, FulfilmentNode, Order, ParcelShown, Stop, StopList, Task, TaskStatus } from '../../domain/model.js';

/*
 * Response schemas of the domain's records as the API shows them: the records' own schemas
 * (hub/domain/model.ts), with what only people see added and the print data left out.
 * fast-json-stringify writes only what a schema declares; optional fields are absent when unset.
 * Schemas only, nothing of fastify or node: the tablet page imports their types (`import type`).
 */

/** A parcel as the API shows it: its waybill, its platform and its progress; its print data never. */
export const ParcelRecord = ParcelShown;

/** An order as the API shows it: the domain's record with its parcels shown (never their print data). */
export const OrderRecord = Type.Object({
  ...Order.properties,
  parcels: Type.Array(ParcelShown, { description: 'in packing order; parcel 1 is on `waybill`. Never the print data.' }),
});
export type OrderRecord = Static<typeof OrderRecord>;

/** A task as the API shows it: the domain's record and its status as people see it. */
export const TaskRecord = Type.Object({ ...Task.properties, status: TaskStatus });
export type TaskRecord = Static<typeof TaskRecord>;

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
export type FulfilmentView = Static<typeof FulfilmentView>;

/** An order with everything that decides whether it ships. */
export const OrderView = Type.Object({
  order: OrderRecord,
  fulfilment: FulfilmentView,
  task: Type.Union([TaskRecord, Type.Null()], { description: 'null while the order is held' }),
  stops: Type.Array(StopRecord, { description: 'active stops' }),
  freezes: Type.Array(FreezeRecord, { description: 'every freeze of the order, oldest first' }),
});
export type OrderView = Static<typeof OrderView>;
