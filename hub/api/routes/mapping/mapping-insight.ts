import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { mappingHealth, rowsSetAt, suggestionsFor, unresolvedOf } from '../../../mapping/catalog/index.js';
import { closed, errorResponses, guarded } from '../common.js';
import { Channel, Suggestion, Time } from './mapping-records.js';
import type { HubServices } from '../services.js';

const UNRESOLVED_SUGGESTIONS = 3;

const UnresolvedQuery = closed({ channel: Type.Optional(Channel) });
export const Unresolved = Type.Object({
  codes: Type.Array(
    Type.Object({
      channel: Channel,
      channelSku: Type.String(),
      orders: Type.Array(Type.String(), { description: 'held order ids, oldest hold first' }),
      firstSeen: Time,
      suggestions: Type.Array(Suggestion, { description: 'the nearest existing mappings of the channel, best first' }),
    }),
    { description: 'the codes holding most orders first' },
  ),
});

const SuggestionsQuery = closed({
  code: Type.String({ minLength: 1, maxLength: 64, description: 'the channel SKU no row resolves' }),
  channel: Type.Optional(Channel),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'default 5' })),
});

const HealthQuery = closed({
  staleAfterHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 365, description: 'hours without a match before a row is flagged; default 72' })),
});
export const Health = Type.Object({
  rows: Type.Array(
    Type.Object({
      channel: Channel,
      channelSku: Type.String(),
      masterSku: Type.String(),
      matches: Type.Integer({ description: 'order lines it resolved' }),
      lastMatchedAt: Type.Optional(Time),
      status: Type.Enum(['active', 'stale', 'unused', 'new']),
      flagged: Type.Boolean({ description: 'stale or unused: needs a look' }),
    }),
    { description: 'flagged rows first, then by channel and channel SKU' },
  ),
  unresolved: Type.Array(Type.Object({ channel: Channel, channelSku: Type.String(), orders: Type.Array(Type.String()) })),
});

/**
 * What the mappings miss and what they hold that nobody uses: `GET /api/v1/mappings/unresolved`,
 * `/suggestions` and `/health` (viewer).
 */
export function registerMappingInsightRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof UnresolvedQuery> }>(
    '/api/v1/mappings/unresolved',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'Channel codes no row resolves, with the held orders and the top 3 near-miss suggestions each',
      querystring: UnresolvedQuery,
      response: { 200: Unresolved, ...errorResponses() },
    }),
    async (request) => {
      const state = services.domain.state;
      const codes = unresolvedOf(state)
        .filter((code) => request.query.channel === undefined || code.channel === request.query.channel)
        .map((code) => ({
          channel: code.channel,
          channelSku: code.channelSku,
          orders: code.orders,
          firstSeen: code.since,
          suggestions: suggestionsFor(state, code.channelSku, { channel: code.channel, limit: UNRESOLVED_SUGGESTIONS }),
        }));
      return { codes };
    },
  );

  app.get<{ Querystring: Static<typeof SuggestionsQuery> }>(
    '/api/v1/mappings/suggestions',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'The existing mappings nearest to a code (same after normalising, or a small edit away), best first',
      querystring: SuggestionsQuery,
      response: { 200: Type.Object({ suggestions: Type.Array(Suggestion) }), ...errorResponses() },
    }),
    async (request) => {
      const { code, channel, limit = 5 } = request.query;
      return { suggestions: suggestionsFor(services.domain.state, code, { ...(channel ? { channel } : {}), limit }) };
    },
  );

  app.get<{ Querystring: Static<typeof HealthQuery> }>(
    '/api/v1/mappings/health',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'How often and how lately each row matched an order; rows unused for too long are flagged',
      querystring: HealthQuery,
      response: { 200: Health, ...errorResponses() },
    }),
    async (request) => {
      const state = services.domain.state;
      const staleAfterMs = (request.query.staleAfterHours ?? 72) * 3600 * 1000;
      const rows = mappingHealth(state, new Date(), { staleAfterMs, setAt: rowsSetAt(state) });
      const unresolved = unresolvedOf(state).map(({ channel, channelSku, orders }) => ({ channel, channelSku, orders }));
      return { rows, unresolved };
    },
  );
}
