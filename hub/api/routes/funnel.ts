import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { FULFILMENT_NODES, STUCK_NODES } from '../../../protocol/fulfilment-vocabulary.js';
import { FUNNEL_MAX_SINCE_DAYS, FUNNEL_WINDOW_DAYS, funnel, stuckOrders } from '../../domain/index.js';
import { closed, errorResponses, guarded } from './common.js';
import type { HubServices } from './services.js';

export const DEFAULT_STUCK_LIMIT = 100;
export const MAX_STUCK_LIMIT = 1000;

const FunnelQuery = closed({
  days: Type.Optional(Type.Integer({ enum: [...FUNNEL_WINDOW_DAYS], description: 'the window: the last 24 hours (1, default) or the last 7 days (7)' })),
  since: Type.Optional(
    Type.String({
      maxLength: 40,
      description: `the window from this time to now instead (today: the asker's midnight), at most ${FUNNEL_MAX_SINCE_DAYS} days back; not with \`days\``,
    }),
  ),
});

const FunnelNodeSchema = Type.Object({
  node: Type.Enum(FULFILMENT_NODES),
  reached: Type.Integer({ description: 'orders that reached the node within the window' }),
  conversion: Type.Union([Type.Number(), Type.Null()], {
    description: "`reached` over the previous node's `reached`, 4 decimals; null for the first node or after a node nobody reached",
  }),
  stuck: Type.Integer({ description: 'orders with an open `order-stuck` alert at this node (0 for nodes without a limit)' }),
  limitMs: Type.Union([Type.Integer(), Type.Null()], {
    description: "the patrol's limit at this node in ms (`--stuck-*`): an order there longer is stuck; null for nodes without a limit",
  }),
});

export const FunnelResponse = Type.Object({
  days: Type.Union([Type.Integer(), Type.Null()], { description: 'the window asked for in days; null for one asked with `since`' }),
  from: Type.String({ description: 'start of the window (ISO, included)' }),
  to: Type.String({ description: 'end of the window: now (ISO, included)' }),
  nodes: Type.Array(FunnelNodeSchema, { description: 'in node order, released to delivered' }),
});

const StuckQuery = closed({
  node: Type.Optional(Type.Enum(STUCK_NODES, { description: 'only orders stuck at this node; default every node' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_STUCK_LIMIT, description: `default ${DEFAULT_STUCK_LIMIT}` })),
});

export const StuckResponse = Type.Object({
  total: Type.Integer({ description: 'how many orders are stuck (at the node), whatever the limit' }),
  orders: Type.Array(
    Type.Object({ orderId: Type.String(), node: Type.Enum(STUCK_NODES), since: Type.String({ description: 'when it reached the node (ISO)' }) }),
    { description: 'oldest first, at most `limit`' },
  ),
});

/**
 * The fulfilment funnel: `GET /api/v1/funnel?days=1|7` (viewer), per node the orders that
 * reached it in the window with the conversion from the node before, and
 * `GET /api/v1/funnel/stuck?node=` (viewer), the orders the patrol found stuck.
 */
export function registerFunnelRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof FunnelQuery> }>(
    '/api/v1/funnel',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: 'The fulfilment funnel of the last day or week: orders per node, conversion, stuck orders',
      querystring: FunnelQuery,
      response: { 200: FunnelResponse, ...errorResponses() },
    }),
    async (request, reply) => {
      const now = new Date();
      const { days, since } = request.query;
      if (since === undefined) return funnel(services.domain.state, now, days ?? 1, services.stuckLimits);
      const from = new Date(since);
      const oldest = now.getTime() - FUNNEL_MAX_SINCE_DAYS * 24 * 3600_000;
      if (days !== undefined || Number.isNaN(from.getTime()) || from.getTime() > now.getTime() || from.getTime() < oldest) {
        return reply.status(400).send({
          error: { code: 'BAD_REQUEST', message: `querystring/since must be a time within the last ${FUNNEL_MAX_SINCE_DAYS} days, not in the future, and not given with days` },
        });
      }
      return funnel(services.domain.state, now, from, services.stuckLimits);
    },
  );

  app.get<{ Querystring: Static<typeof StuckQuery> }>(
    '/api/v1/funnel/stuck',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: 'The orders with an open order-stuck alert, oldest first, at one node or all',
      querystring: StuckQuery,
      response: { 200: StuckResponse, ...errorResponses() },
    }),
    async (request) => stuckOrders(services.domain.state, request.query.node, request.query.limit ?? DEFAULT_STUCK_LIMIT),
  );
}
