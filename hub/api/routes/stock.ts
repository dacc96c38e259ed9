import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import { AdjustOnHand, SetOnHand, stockView, type DomainCommand, type ReadonlyDomainState } from '../../domain/index.js';
import { StockLot } from '../../domain/model.js';
import { closed, errorResponses, guarded } from './common.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

export const StockRow = Type.Object({
  sku: Type.String(),
  tracked: Type.Boolean({ description: 'false until a count is recorded: onHand and available are then null' }),
  onHand: Type.Union([Type.Integer(), Type.Null()]),
  reserved: Type.Integer({ description: 'units of active tasks not blocked on this SKU, less what their own freeze holds' }),
  frozen: Type.Integer({ description: 'units pending freezes hold' }),
  available: Type.Union([Type.Integer(), Type.Null()], { description: 'onHand − reserved − frozen' }),
  blocked: Type.Integer({ description: 'units of tasks blocked on this SKU' }),
  lots: Type.Array(StockLot),
});

const SkuParams = closed({ sku: SetOnHand.properties.sku });
const StockQuery = closed({ sku: Type.Optional(SetOnHand.properties.sku) });
const SetBody = Type.Omit(SetOnHand, ['sku'], { additionalProperties: false });
const AdjustBody = Type.Omit(AdjustOnHand, ['sku'], { additionalProperties: false });
const OneRow = Type.Object({ stock: StockRow });

/**
 * Stock: `GET /api/v1/stock` (viewer) per master SKU and lot; `PUT /api/v1/stock/:sku`
 * (manager) records a count of one lot; `POST /api/v1/stock/:sku/adjustments` (manager)
 * receives or writes off.
 */
export function registerStockRoutes(app: FastifyInstance, services: HubServices): void {
  app.get<{ Querystring: Static<typeof StockQuery> }>(
    '/api/v1/stock',
    guarded(services, {
      roles: 'viewer',
      tag: 'stock',
      summary: 'On hand, reserved, frozen and available per master SKU, with its lots',
      querystring: StockQuery,
      response: { 200: Type.Object({ stock: Type.Array(StockRow) }), ...errorResponses() },
    }),
    async (request) => {
      const rows = stockView(services.domain.state);
      const { sku } = request.query;
      return { stock: sku === undefined ? rows : rows.filter((row) => row.sku === sku) };
    },
  );

  app.put<{ Params: Static<typeof SkuParams>; Body: Static<typeof SetBody> }>(
    '/api/v1/stock/:sku',
    guarded(services, {
      roles: 'manager',
      tag: 'stock',
      summary: 'Record a count: the on-hand quantity of one lot (batch, warehouse) is now `quantity`',
      params: SkuParams,
      body: SetBody,
      response: { 200: OneRow, ...errorResponses() },
    }),
    async (request, reply) => {
      const command: DomainCommand = { type: 'setOnHand', ...request.body, sku: request.params.sku };
      const result = services.execute(command, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return { stock: rowOf(result.state, request.params.sku) };
    },
  );

  app.post<{ Params: Static<typeof SkuParams>; Body: Static<typeof AdjustBody> }>(
    '/api/v1/stock/:sku/adjustments',
    guarded(services, {
      roles: 'manager',
      tag: 'stock',
      summary: 'Receive (positive delta) or write off (negative) units of one lot',
      params: SkuParams,
      body: AdjustBody,
      response: { 201: OneRow, ...errorResponses() },
    }),
    async (request, reply) => {
      const command: DomainCommand = { type: 'adjustOnHand', ...request.body, sku: request.params.sku };
      const result = services.execute(command, requestContext(request));
      if (!result.ok) return sendRejection(reply, result);
      return reply.status(201).send({ stock: rowOf(result.state, request.params.sku) });
    },
  );
}

function rowOf(state: ReadonlyDomainState, sku: string) {
  return stockView(state).find((row) => row.sku === sku);
}
