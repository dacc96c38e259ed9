import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { openIntercepts } from '../../domain/index.js';
import { errorResponses, guarded, NoQuery } from './common.js';
import type { HubServices } from './services.js';

export const InterceptSchema = Type.Object({
  orderId: Type.String(),
  alertSeq: Type.Integer({ description: "the order's open `parcel-intercepted` alert" }),
  since: Type.String({ description: 'when the stop or freeze intercepted it (ISO)' }),
  parcels: Type.Array(
    Type.Object({
      waybill: Type.String(),
      batchId: Type.Optional(Type.String({ description: 'the open dock batch holding it now' })),
      carrier: Type.Optional(Type.String({ description: "that batch's carrier" })),
      station: Type.Optional(Type.String({ description: 'the station that labelled or sealed it' })),
    }),
    { description: 'the parcels still to take out (POST /api/v1/withdrawals)' },
  ),
});

/**
 * `GET /api/v1/intercepts` (viewer): the orders stopped or frozen after labelling whose parcels
 * are still to be taken out, oldest first, each parcel with where it is now. The dock view reads it.
 */
export function registerInterceptRoutes(app: FastifyInstance, services: HubServices): void {
  app.get(
    '/api/v1/intercepts',
    guarded(services, {
      roles: 'viewer',
      tag: 'dock',
      summary: 'Open intercepts: parcels to take out, and where each is now',
      querystring: NoQuery,
      response: { 200: Type.Object({ intercepts: Type.Array(InterceptSchema) }), ...errorResponses() },
    }),
    async () => ({ intercepts: openIntercepts(services.domain.state) }),
  );
}
