import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { CreateOrder, getOwn, heldOrders, orderIdOf, orderOfWaybill, orderShown, orderView, withoutPrintData } from '../../domain/index.js';
import { closed, errorResponses, guarded, NoQuery, notFound } from './common.js';
import { OrderRecord, OrderView } from './records.js';
import { requestContext, sendRejection, type HubServices } from './services.js';

/** An order id in a path: `{channel}:{orderNo}` (the colon may be sent as `%3A`, a `/` in the number as `%2F`). */
export const OrderIdParams = closed({ orderId: Type.String({ minLength: 3, maxLength: 100, description: '`{channel}:{orderNo}`' }) });

const WaybillQuery = closed({ waybill: Type.String({ minLength: 1, maxLength: 64, description: "any parcel's waybill; case does not matter" }) });
const HeldOrders = Type.Object({ orders: Type.Array(OrderRecord, { description: 'oldest first, each with `hold.unresolved`' }) });

/**
 * Orders: `POST /api/v1/orders` (integration or manager), `GET /api/v1/orders?waybill=`,
 * `GET /api/v1/orders/held` and `GET /api/v1/orders/:orderId` (viewer).
 */
export function registerOrderRoutes(app: FastifyInstance, services: HubServices): void {
  app.post<{ Body: CreateOrder }>(
    '/api/v1/orders',
    guarded(services, {
      roles: ['integration', 'manager'],
      tag: 'orders',
      summary: 'Create an order with its parcels: released as a pack task, or held until its channel SKUs are mapped',
      body: CreateOrder,
      response: { 201: OrderView, ...errorResponses(409) },
    }),
    async (request, reply) => {
      // The audit's raw body is for people: the print data stays in the command alone.
      const context = { ...requestContext(request), raw: withoutPrintData(request.body) };
      const result = services.execute({ type: 'createOrder', ...request.body }, context);
      if (!result.ok) return sendRejection(reply, result);
      const order = getOwn(result.state.orders, orderIdOf(request.body.channel, request.body.orderNo))!;
      return reply.status(201).send(orderView(result.state, order));
    },
  );

  app.get<{ Querystring: { waybill: string } }>(
    '/api/v1/orders',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: "Find the order of a waybill (any of its parcels'): the live one, else the newest cancelled one",
      querystring: WaybillQuery,
      response: { 200: OrderView, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const state = services.domain.state;
      const order = orderOfWaybill(state, request.query.waybill);
      if (!order) return notFound(reply, 'ORDER_NOT_FOUND', `no order with waybill ${request.query.waybill}`);
      return orderView(state, order);
    },
  );

  app.get(
    '/api/v1/orders/held',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: 'Orders held for missing channel-SKU mappings, with the lines that do not resolve',
      querystring: NoQuery,
      response: { 200: HeldOrders, ...errorResponses() },
    }),
    async () => ({ orders: heldOrders(services.domain.state).map(orderShown) }),
  );

  app.get<{ Params: { orderId: string } }>(
    '/api/v1/orders/:orderId',
    guarded(services, {
      roles: 'viewer',
      tag: 'orders',
      summary: 'An order with its task status, stops, freezes and hold reasons',
      params: OrderIdParams,
      querystring: NoQuery,
      response: { 200: OrderView, ...errorResponses(404) },
    }),
    async (request, reply) => {
      const state = services.domain.state;
      const order = getOwn(state.orders, request.params.orderId);
      if (!order) return notFound(reply, 'ORDER_NOT_FOUND', `no order ${request.params.orderId}`);
      return orderView(state, order);
    },
  );
}
