import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { shownRecord } from '../../control/shown-record.js';
import type { Audit, CommandContext } from '../../domain/audit.js';
import { isCarrierEventType } from '../../../protocol/fulfilment-vocabulary.js';
import { CarrierEventFields } from '../../../protocol/carrier-events.js';
import { fulfilmentNodes, getOwn } from '../../domain/index.js';
import { applyCarrierEvent, carrierEventCommand } from './carrier-events.js';
import { FulfilmentView } from './records.js';
import type { HistoryRecord } from '../../store/history.js';
import { closed, errorResponses, guarded, notFound } from './common.js';
import { OrderIdParams } from './orders.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

export const DEFAULT_TIMELINE_LIMIT = 100;
export const MAX_TIMELINE_LIMIT = 1000;

const TimelineQuery = closed({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TIMELINE_LIMIT, description: `default ${DEFAULT_TIMELINE_LIMIT}` })),
  before: Type.Optional(
    Type.Integer({ minimum: 1, description: 'only records with a lower `seq`: the `before` of the previous page' }),
  ),
});

/** A history record as stored: `{seq, at, kind, …}`; the rest depends on the kind. */
const HistoryRecordSchema = Type.Object(
  { seq: Type.Integer(), at: Type.String(), kind: Type.String() },
  { additionalProperties: true, description: 'a history record; see docs/api.md for the kinds' },
);

const Timeline = Type.Object({
  orderId: Type.String(),
  fulfilment: Type.Union([FulfilmentView, Type.Null()], { description: "the order's nodes; null for an order no longer in the state" }),
  records: Type.Array(HistoryRecordSchema, { description: 'oldest first' }),
  before: Type.Union([Type.Integer(), Type.Null()], {
    description: 'pass as `before` for the next older page; null when this page reaches the first record',
  }),
});

/**
 * A fact about an order from outside the warehouse. The carrier events (`carrier.picked_up`,
 * `carrier.in_transit`, `carrier.delivered`, `carrier.exception`) move the order's nodes and
 * need `eventId` (the carrier's own; a repeat is stored once) with `source` the carrier id;
 * any other dotted name is stored in the timeline as it is.
 */
export const ExternalEvent = closed({
  type: Type.String({
    maxLength: 64,
    pattern: '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$',
    description: 'dotted lower-case name: a carrier event (`carrier.picked_up` …) or any other fact',
  }),
  source: Type.String({ minLength: 1, maxLength: 64, description: 'who reports it; for a carrier event the carrier id, e.g. `sf-express`' }),
  eventId: Type.Optional(CarrierEventFields.eventId),
  occurredAt: CarrierEventFields.occurredAt,
  waybill: CarrierEventFields.waybill,
  detail: CarrierEventFields.detail,
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'anything the source sent; stored as is' })),
});
export type ExternalEvent = Static<typeof ExternalEvent>;

/**
 * An order's timeline: `GET /api/v1/orders/:orderId/timeline` (viewer), newest page first, and
 * `POST /api/v1/orders/:orderId/events` (integration) to add an outside fact to it.
 */
export function registerTimelineRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Params: { orderId: string }; Querystring: Static<typeof TimelineQuery> }>(
    '/api/v1/orders/:orderId/timeline',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: "An order's history records, oldest first, a page at a time from the newest",
      params: OrderIdParams,
      querystring: TimelineQuery,
      response: { 200: Timeline, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const { orderId } = request.params;
      const limit = request.query.limit ?? DEFAULT_TIMELINE_LIMIT;
      const page = services.history.byKey(`order:${orderId}`, {
        limit: limit + 1,
        ...(request.query.before === undefined ? {} : { beforeSeq: request.query.before }),
      });
      if (page.length === 0 && !getOwn(services.domain.state.orders, orderId)) {
        return notFound(reply, 'ORDER_NOT_FOUND', `no order ${orderId}`);
      }
      const more = page.length > limit;
      const records = (more ? page.slice(1) : page).map(shownRecord);
      const order = getOwn(services.domain.state.orders, orderId);
      const fulfilment = order ? fulfilmentNodes(services.domain.state, order) : null;
      return { orderId, fulfilment, records, before: more ? records[0]!.seq : null };
    },
  );

  app.post<{ Params: { orderId: string }; Body: ExternalEvent }>(
    '/api/v1/orders/:orderId/events',
    guarded(services, {
      roles: 'integration',
      tag: 'orders',
      summary: "Add an outside fact (a carrier pickup …) to an order's timeline",
      params: OrderIdParams,
      body: ExternalEvent,
      response: {
        201: Type.Object({ record: HistoryRecordSchema }),
        200: Type.Object({ record: Type.Null(), duplicate: Type.Literal(true) }, { description: 'a carrier event this carrier sent before: nothing changed' }),
        ...errorResponses(404),
      },
    }),
    async (request, reply) => {
      const { orderId } = request.params;
      const { type, source, eventId, occurredAt, waybill, detail } = request.body;
      if (isCarrierEventType(type)) {
        if (eventId === undefined) return sendRejection(reply, { ok: false, code: 'BAD_COMMAND', message: `${type} needs the carrier's eventId` });
        const event = { type, eventId, ...(occurredAt ? { occurredAt } : {}), ...(waybill ? { waybill } : {}), ...(detail ? { detail } : {}) };
        const result = applyCarrierEvent(services, request, carrierEventCommand(orderId, source, event), request.body);
        if (!result.ok) return sendRejection(reply, result);
        if (!result.record) return reply.status(200).send({ record: null, duplicate: true });
        return reply.status(201).send({ record: shownRecord(result.record) });
      }
      const order = getOwn(services.domain.state.orders, orderId);
      if (!order) return notFound(reply, 'ORDER_NOT_FOUND', `no order ${orderId}`);
      const now = new Date();
      const record: HistoryRecord = services.append(
        {
          kind: 'external',
          orderId,
          type: request.body.type,
          source: request.body.source,
          data: request.body.data ?? {},
          audit: externalAudit(requestContext(request, now)),
          keys: order.taskId === undefined ? [`order:${orderId}`] : [`order:${orderId}`, `task:${order.taskId}`],
        },
        now,
      );
      return reply.status(201).send({ record });
    },
  );
}

/** The audit block of an outside fact, built like a command's: who, from where, when, the raw payload. */
function externalAudit(context: CommandContext): Omit<Audit, 'command'> {
  const audit = { at: context.now.toISOString(), actor: context.actor, raw: context.raw ?? null };
  return context.origin === undefined ? audit : { ...audit, origin: context.origin };
}
