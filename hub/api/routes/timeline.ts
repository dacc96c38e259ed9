import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { shownRecord } from '../../control/shown-record.js';
import type { Audit, CommandContext } from '../../domain/audit.js';
import { getOwn } from '../../domain/index.js';
import type { HistoryRecord } from '../../store/history.js';
import { apiDoc, closed, errorResponses, guard, notFound } from './common.js';
import { OrderIdParams } from './orders.js';
import { requestContext, type HubServices } from './services.js';

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
  records: Type.Array(HistoryRecordSchema, { description: 'oldest first' }),
  before: Type.Union([Type.Integer(), Type.Null()], {
    description: 'pass as `before` for the next older page; null when this page reaches the first record',
  }),
});

/** A fact about an order from outside the warehouse, such as a carrier pickup. */
export const ExternalEvent = closed({
  type: Type.String({
    maxLength: 64,
    pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$',
    description: 'dotted lower-case name, e.g. `carrier.pickup`, `carrier.delivered`',
  }),
  source: Type.String({ minLength: 1, maxLength: 64, description: 'who reports it, e.g. `sf-express`' }),
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
    {
      onRequest: guard(services, 'viewer'),
      schema: {
        ...apiDoc('orders', "An order's history records, oldest first, a page at a time from the newest", 'viewer'),
        params: OrderIdParams,
        querystring: TimelineQuery,
        response: { 200: Timeline, ...errorResponses(404) },
      },
    },
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
      return { orderId, records, before: more ? records[0]!.seq : null };
    },
  );

  app.post<{ Params: { orderId: string }; Body: ExternalEvent }>(
    '/api/v1/orders/:orderId/events',
    {
      onRequest: guard(services, 'integration'),
      schema: {
        ...apiDoc('orders', "Add an outside fact (a carrier pickup …) to an order's timeline", 'integration'),
        params: OrderIdParams,
        body: ExternalEvent,
        response: { 201: Type.Object({ record: HistoryRecordSchema }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params;
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
