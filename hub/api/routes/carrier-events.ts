import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { CarrierPush, MAX_CARRIER_PUSH_BYTES, type CarrierEventType, type CarrierPushEvent } from '../../../protocol/carrier-events.js';
import type { ExecuteResult } from '../../control/domain-store.js';
import { orderOfWaybill } from '../../domain/index.js';
import { errorResponses, guarded } from './common.js';
import { requestContext, type HubServices } from './services.js';

/** What became of one event of a push. */
const PushResult = Type.Object({
  eventId: Type.String(),
  status: Type.Enum(['stored', 'duplicate', 'refused'], { description: 'duplicate: the carrier sent this event id before; nothing changed' }),
  orderId: Type.Optional(Type.String()),
  code: Type.Optional(Type.String({ description: 'refused: ORDER_NOT_FOUND, PARCEL_NOT_FOUND, BAD_COMMAND' })),
  message: Type.Optional(Type.String()),
});

const PushAnswer = Type.Object({
  stored: Type.Integer(),
  duplicates: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(PushResult, { description: 'one per event, in the order sent' }),
});

/** One carrier event as the domain command: the wire's `type` becomes `event`. */
export function carrierEventCommand(orderId: string, carrier: string, event: Omit<CarrierPushEvent, 'orderId'> & { type: CarrierEventType }) {
  const { type, ...rest } = event;
  return { type: 'carrierEvent' as const, orderId, carrier, event: type, ...rest };
}

/** Applies one carrier event; a repeat of its `{carrier, eventId}` is applied with no change (no record). */
export function applyCarrierEvent(
  services: HubServices,
  request: FastifyRequest,
  command: ReturnType<typeof carrierEventCommand>,
  raw: unknown,
): ExecuteResult {
  return services.execute(command, { ...requestContext(request), raw });
}

/**
 * `POST /api/v1/carrier-events` (integration): a carrier's tracking push, up to
 * MAX_CARRIER_PUSH_EVENTS events of one carrier, each naming its order by id or by a parcel's
 * waybill. Each event is applied on its own; the answer says what became of each.
 */
export function registerCarrierEventRoutes(app: FastifyInstance, services: HubServices): void {
  app.post<{ Body: CarrierPush }>(
    '/api/v1/carrier-events',
    {
      ...guarded(services, {
        roles: 'integration',
        tag: 'orders',
        summary: "A carrier's tracking push: carrier events by order id or waybill, each stored once per event id",
        body: CarrierPush,
        response: { 200: PushAnswer, ...errorResponses() },
      }),
      bodyLimit: MAX_CARRIER_PUSH_BYTES,
    },
    async (request) => {
      const { carrier, events } = request.body;
      const answer = { stored: 0, duplicates: 0, refused: 0, results: [] as Array<Static<typeof PushResult>> };
      for (const { orderId: given, ...event } of events) {
        const orderId = given ?? (event.waybill === undefined ? undefined : orderOfWaybill(services.domain.state, event.waybill)?.id);
        if (orderId === undefined) {
          answer.refused += 1;
          const message = event.waybill === undefined ? 'the event names no orderId and no waybill' : `no order with waybill ${event.waybill}`;
          answer.results.push({ eventId: event.eventId, status: 'refused', code: 'ORDER_NOT_FOUND', message });
          continue;
        }
        const result = applyCarrierEvent(services, request, carrierEventCommand(orderId, carrier, event), { carrier, ...event, orderId });
        if (!result.ok) {
          answer.refused += 1;
          answer.results.push({ eventId: event.eventId, status: 'refused', orderId, code: result.code, message: result.message });
        } else if (result.events.length === 0) {
          answer.duplicates += 1;
          answer.results.push({ eventId: event.eventId, status: 'duplicate', orderId });
        } else {
          answer.stored += 1;
          answer.results.push({ eventId: event.eventId, status: 'stored', orderId });
        }
      }
      return answer;
    },
  );
}
