import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { CHANNELS, getOwn, heldOrders, mappingKey, RemoveMapping, SetMapping } from '../../../domain/index.js';
import { MappingRow } from '../../../domain/model.js';
import { closed, errorResponses, eventOf, guarded } from '../common.js';
import { requestContext, sendRejection, type HubServices } from '../services.js';

const MappingsQuery = closed({ channel: Type.Optional(Type.Enum(CHANNELS)) });

const MappingSet = Type.Object({
  mapping: MappingRow,
  previous: Type.Union([Type.String(), Type.Null()], { description: 'the master SKU it mapped to before; null if new' }),
  changed: Type.Boolean({ description: 'false when the row already said this' }),
  released: Type.Array(Type.String(), { description: 'held orders released because every line now resolves' }),
  held: Type.Integer({ description: 'orders still held after re-resolution' }),
});

/**
 * Explicit channel-SKU mapping rows: `PUT /api/v1/mappings` (manager) sets one row and
 * re-resolves every held order (changing an existing row trips the circuit breaker, see
 * `mapping-breaker.ts`); `DELETE /api/v1/mappings` (manager) removes one; `GET
 * /api/v1/mappings` (viewer) lists them.
 */
export function registerMappingRoutes(app: FastifyInstance, services: HubServices): void {
  app.put<{ Body: Static<typeof SetMapping> }>(
    '/api/v1/mappings',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Map a channel SKU to a master SKU, then release the held orders it completes',
      body: SetMapping,
      response: { 200: MappingSet, ...errorResponses() },
    }),
    async (request, reply) => {
      const context = requestContext(request);
      const set = services.execute({ type: 'setMapping', ...request.body }, context);
      if (!set.ok) return sendRejection(reply, set);
      const resolved = services.execute({ type: 'resolveHeldOrders' }, context);
      if (!resolved.ok) return sendRejection(reply, resolved);
      const event = eventOf(set, 'mapping.set');
      const { channel, channelSku, masterSku } = request.body;
      return {
        mapping: { channel, channelSku, masterSku },
        previous: event ? (event.previous ?? null) : masterSku,
        changed: event !== undefined,
        released: resolved.events.flatMap((e) => (e.type === 'order.released' ? [e.orderId] : [])),
        held: heldOrders(resolved.state).length,
      };
    },
  );

  app.get<{ Querystring: Static<typeof MappingsQuery> }>(
    '/api/v1/mappings',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'The explicit channel-SKU mapping rows, by channel and channel SKU',
      querystring: MappingsQuery,
      response: { 200: Type.Object({ mappings: Type.Array(MappingRow) }), ...errorResponses() },
    }),
    async (request) => {
      const rows = Object.entries(services.domain.state.mappings)
        .filter(([, row]) => request.query.channel === undefined || row.channel === request.query.channel)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, row]) => row);
      return { mappings: rows };
    },
  );

  app.delete<{ Body: Static<typeof RemoveMapping> }>(
    '/api/v1/mappings',
    guarded(services, {
      roles: 'manager',
      tag: 'mappings',
      summary: 'Remove a mapping row: orders with its code are held from now on (never shipped wrong)',
      body: RemoveMapping,
      response: { 200: Type.Object({ mapping: MappingRow }), ...errorResponses(404, 409) },
    }),
    async (request, reply) => {
      const row = getOwn(services.domain.state.mappings, mappingKey(request.body.channel, request.body.channelSku));
      const removed = services.execute({ type: 'removeMapping', ...request.body }, requestContext(request));
      if (!removed.ok) return sendRejection(reply, removed);
      return { mapping: row };
    },
  );
}
