import Type, { type Static } from 'typebox';
import { CARRIER_EVENT_TYPES, MAX_CARRIER_PUSH_EVENTS } from './fulfilment-vocabulary.js';

/**
 * Carrier events as the integration sends them: one per `POST /api/v1/orders/:id/events`, or
 * many in a carrier's tracking push (`POST /api/v1/carrier-events`). Each is idempotent by the
 * carrier's own event id: the hub stores a `{carrier, eventId}` once. See docs/api.md.
 */

export * from './fulfilment-vocabulary.js';

/** A carrier, as the integration names it (`sf-express`, `zto`, `yto`, `jd` …). */
export const CarrierId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$', description: 'lower case, e.g. `sf-express`, `zto`' });

/** The carrier's own id of one tracking event: what makes a repeat a duplicate. */
export const CarrierEventId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: "the carrier's own event id (printable ASCII)" });

export const CarrierEventTypeSchema = Type.Enum(CARRIER_EVENT_TYPES);

/** What every carrier event says, besides which order it is about. */
export const CarrierEventFields = {
  type: CarrierEventTypeSchema,
  eventId: CarrierEventId,
  occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the carrier saw it; absent: when the hub got it' })),
  waybill: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the parcel it is about; must be one of the order' })),
  detail: Type.Optional(Type.String({ maxLength: 500, description: "the carrier's words, e.g. an exception's reason" })),
};

/** One event of a carrier's tracking push: the order by id, or by any parcel's waybill. */
export const CarrierPushEvent = Type.Object(
  { ...CarrierEventFields, orderId: Type.Optional(Type.String({ minLength: 3, maxLength: 100 })) },
  { additionalProperties: false },
);
export type CarrierPushEvent = Static<typeof CarrierPushEvent>;

/** A carrier's tracking push: up to MAX_CARRIER_PUSH_EVENTS events of one carrier. */
export const CarrierPush = Type.Object(
  { carrier: CarrierId, events: Type.Array(CarrierPushEvent, { minItems: 1, maxItems: MAX_CARRIER_PUSH_EVENTS }) },
  { additionalProperties: false },
);
export type CarrierPush = Static<typeof CarrierPush>;
