import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { MappingDecision } from '../../../domain/index.js';
import { ordersHeldBy, pendingMappingOf } from '../../../mapping/index.js';
import { PendingMapping } from '../../../domain/model.js';
import { errorResponses, guarded, NoQuery } from '../common.js';
import { MappingRowRecord, PendingTemplateRecord, releasedOrders } from './mapping-records.js';
import { requestContext, sendRejection, type HubServices } from '../services.js';

const HeldOrders = Type.Array(Type.String(), {
  description: 'the orders this change holds now: their tasks blocked mapping-pending on one of skus, or held with a line pending on one of them',
});

export const PendingRow = Type.Object({ ...PendingMapping.properties, heldOrders: HeldOrders });

export const Pending = Type.Object({
  rows: Type.Array(PendingRow, { description: 'oldest first' }),
  templates: Type.Array(Type.Object({ ...PendingTemplateRecord.properties, heldOrders: HeldOrders }), { description: 'oldest first' }),
});

const Decided = Type.Object({
  mapping: MappingRowRecord,
  previous: Type.String({ description: 'what the row mapped to before this decision' }),
  released: Type.Array(Type.String(), { description: 'held orders released because nothing holds them any more' }),
});

const bySince = <T extends { since: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));

/**
 * The mapping circuit breaker: `GET /api/v1/mappings/pending` (viewer) lists the changes that
 * wait; `POST /api/v1/mappings/confirm` and `/rollback` (manager) decide one row.
 */
export function registerMappingBreakerRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/mappings/pending',
    guarded(services, {
      roles: 'viewer',
      tag: 'mappings',
      summary: 'Mapping and template changes waiting for confirmation: old and new side by side',
      querystring: NoQuery,
      response: { 200: Pending, ...errorResponses() },
    }),
    async () => {
      const state = services.domain.state;
      const held = <T extends { skus: readonly string[] }>(change: T) => ({ ...change, heldOrders: ordersHeldBy(state, change.skus) });
      return { rows: bySince(Object.values(state.pendingMappings)).map(held), templates: bySince(Object.values(state.pendingTemplates)).map(held) };
    },
  );

  for (const [action, type] of [
    ['confirm', 'confirmMapping'],
    ['rollback', 'rollbackMapping'],
  ] as const) {
    app.post<{ Body: Static<typeof MappingDecision> }>(
      `/api/v1/mappings/${action}`,
      guarded(services, {
        roles: 'manager',
        tag: 'mappings',
        summary:
          action === 'confirm'
            ? 'Confirm a pending mapping change: the row keeps its new master SKU and the hold is lifted'
            : 'Roll a pending mapping change back: the row maps to its last confirmed master SKU and the hold is lifted',
        body: MappingDecision,
        response: { 200: Decided, ...errorResponses(409) },
      }),
      async (request, reply) => {
        const { channel, channelSku } = request.body;
        const pending = pendingMappingOf(services.domain.state, channel, channelSku);
        const result = services.execute({ type, ...request.body }, requestContext(request));
        if (!result.ok) return sendRejection(reply, result);
        // A decision is refused unless a change is pending, so `pending` is set here.
        const [masterSku, previous] = action === 'confirm' ? [pending!.masterSku, pending!.previous] : [pending!.previous, pending!.masterSku];
        return { mapping: { channel, channelSku, masterSku }, previous, released: releasedOrders(result) };
      },
    );
  }
}
