import Type, { type Static } from 'typebox';

/**
 * Wire payloads between stations and hub. One TypeBox source gives both the JSON Schema
 * used for validation (here and by fastify) and the TypeScript types. Every payload carries
 * `v`, its schema version; a breaking change adds a new version beside the old one.
 */
export const PAYLOAD_VERSION = 1;

const Version = Type.Literal(PAYLOAD_VERSION);
const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });

export const DeviceStatus = Type.Object(
  {
    kind: Type.String({ maxLength: 32 }),
    state: Type.Union([Type.Literal('ok'), Type.Literal('fault'), Type.Literal('absent')]),
    detail: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeviceStatus = Static<typeof DeviceStatus>;

/** Retained on `station/{id}/status`. The birth says online; the MQTT will says offline. */
export const StationStatus = Type.Object(
  {
    v: Version,
    station: Id,
    state: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    /** Birth/death sequence: a will carrying an older bdSeq than the last birth is stale. */
    bdSeq: Type.Integer({ minimum: 0 }),
    at: Timestamp,
    agent: Type.Optional(Type.String({ maxLength: 32 })),
    lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    scanner: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);
export type StationStatus = Static<typeof StationStatus>;

export const MAX_SCAN_BYTES = 4096;

export const ScanEventBody = Type.Object(
  {
    type: Type.Literal('scan'),
    /** The scan as text, exactly as framed by the scanner driver (terminator removed). */
    data: Type.String({ maxLength: MAX_SCAN_BYTES }),
    /** The raw bytes, base64, so nothing the device sent is lost. */
    raw: Type.String({ maxLength: Math.ceil(MAX_SCAN_BYTES / 3) * 4 }),
    source: Type.String({ maxLength: 32 }),
    /** The device sent more than MAX_SCAN_BYTES; only the first MAX_SCAN_BYTES are kept. */
    truncated: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);

/** Published QoS 1 on `station/{id}/events`. `id` is unique; `seq` counts 1, 2, 3… per station, forever. */
export const StationEvent = Type.Object(
  {
    v: Version,
    id: Type.String({ minLength: 8, maxLength: 64 }),
    station: Id,
    seq: Type.Integer({ minimum: 1 }),
    at: Timestamp,
    body: ScanEventBody,
  },
  { additionalProperties: false },
);
export type StationEvent = Static<typeof StationEvent>;

/** Published QoS 1 on `station/{id}/acks`: the hub has stored every event up to and including `upTo`. */
export const HubAck = Type.Object(
  {
    v: Version,
    station: Id,
    upTo: Type.Integer({ minimum: 0 }),
    at: Timestamp,
  },
  { additionalProperties: false },
);
export type HubAck = Static<typeof HubAck>;

/** Retained on `hub/state`; the hub's will sets it offline. */
export const HubState = Type.Object(
  {
    v: Version,
    state: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    at: Timestamp,
    hub: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type HubState = Static<typeof HubState>;
