import Type, { type Static } from 'typebox';
import { PAYLOAD_VERSION } from './schemas.js';

const Version = Type.Literal(PAYLOAD_VERSION);
const Timestamp = Type.String({ format: 'date-time' });
const ListVersion = Type.Integer({ minimum: 0, description: 'rises by one whenever the entries change' });

/**
 * Retained on `stops`: every task a station must not pack or label, site-wide. A station
 * prints only against the newest list it holds (DESIGN invariant 1).
 */
export const StopListPayload = Type.Object(
  {
    v: Version,
    version: ListVersion,
    at: Timestamp,
    entries: Type.Array(
      Type.Object(
        {
          taskId: Type.String(),
          orderId: Type.String(),
          reason: Type.String({ description: 'refund | cancel | address-change | fraud | manual | frozen-stock …' }),
          since: Timestamp,
          cancelled: Type.Optional(Type.Literal(true)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StopListPayload = Static<typeof StopListPayload>;

/** Retained on `freezes`: frozen units per SKU (and batch, warehouse) that must not be packed. */
export const FreezeListPayload = Type.Object(
  {
    v: Version,
    version: ListVersion,
    at: Timestamp,
    entries: Type.Array(
      Type.Object(
        {
          sku: Type.String(),
          batch: Type.Optional(Type.String()),
          warehouse: Type.Optional(Type.String()),
          quantity: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FreezeListPayload = Static<typeof FreezeListPayload>;

/**
 * Sent QoS 1 on `station/{id}/cmd` to the station holding an affected task, at once; the
 * retained lists carry the same facts for stations that were away.
 */
export const HubCommand = Type.Object(
  {
    v: Version,
    id: Type.String({ minLength: 1 }),
    at: Timestamp,
    type: Type.Union([Type.Literal('task-stopped'), Type.Literal('task-blocked'), Type.Literal('task-released')]),
    taskId: Type.String(),
    orderId: Type.String(),
    reason: Type.Optional(Type.String()),
    stopListVersion: ListVersion,
  },
  { additionalProperties: false },
);
export type HubCommand = Static<typeof HubCommand>;
