import Type, { type Static } from 'typebox';
import { DockEventSchemas as D } from './dock.js';
import { EvidenceClipBody } from './evidence.js';
import { PackEventSchemas as P, type PackEventType } from './pack-events.js';
import { WeightTolerancePayload } from './weight-tolerance.js';
import { MAX_SCAN_BYTES, MAX_SEQ, PAYLOAD_VERSION } from './wire.js';

export { WeightTolerancePayload } from './weight-tolerance.js';

/**
 * Wire payloads between stations and hub. One TypeBox source gives both the JSON Schema
 * used for validation (here and by fastify) and the TypeScript types. Every payload carries
 * `v`, its schema version; a breaking change adds a new version beside the old one.
 */
const Version = Type.Literal(PAYLOAD_VERSION);
const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const NullableVersion = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

export const DeviceStatus = Type.Object(
  {
    kind: Type.String({ maxLength: 32 }),
    state: Type.Union([Type.Literal('ok'), Type.Literal('fault'), Type.Literal('absent')]),
    detail: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeviceStatus = Static<typeof DeviceStatus>;

/**
 * A station data folder's identity, made at random when the folder is first created: a replaced
 * PC or a wiped disk is a new incarnation, whose `seq` restarts at 1.
 */
export const Incarnation = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });

/** Retained on `station/{id}/status`. The birth says online; the MQTT will says offline. */
export const StationStatus = Type.Object(
  {
    v: Version,
    station: Id,
    state: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
    /** Birth/death sequence: a will carrying an older bdSeq than the last birth is stale. */
    bdSeq: Type.Integer({ minimum: 0, maximum: MAX_SEQ }),
    /** The station's data folder: made when it is first created; absent from older stations. */
    incarnation: Type.Optional(Incarnation),
    at: Timestamp,
    agent: Type.Optional(Type.String({ maxLength: 32 })),
    lastSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SEQ })),
    /**
     * The station's ack cursor: the hub acked every event of this incarnation up to here. A hub
     * whose history holds less has lost them and asks for them again (`resend`).
     */
    ackedSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_SEQ })),
    /** The oldest `seq` the station's journal still holds (`lastSeq` + 1 when it holds none): older ones cannot be resent. */
    journalFrom: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEQ })),
    scanner: Type.Optional(DeviceStatus),
    /** The label printer as the station's print queue last saw it. */
    printer: Type.Optional(DeviceStatus),
    /** The platforms' print programs the station drives (`kind` is the platform), as their queues last saw them. */
    printPrograms: Type.Optional(Type.Array(DeviceStatus, { maxItems: 8 })),
    /** The bench scale, when the station has one (`--scale`): `absent` with why while its device is missing. */
    scale: Type.Optional(DeviceStatus),
    /** The bench camera (`--camera`): ok while it records, fault while its recorder restarts, absent with why. */
    camera: Type.Optional(DeviceStatus),
    /** Versions of what the station holds from the hub; null until the first arrives. */
    versions: Type.Optional(
      Type.Object(
        { stops: NullableVersion, freezes: NullableVersion, mapping: NullableVersion, tasks: NullableVersion },
        { additionalProperties: false },
      ),
    ),
    /**
     * The offline policy: labels wait after this much hub silence (invariant 1); and the weight
     * tolerance the station checks with (the site's, from the hub's `policy`, else the default).
     */
    policy: Type.Optional(
      Type.Object(
        {
          hubSilenceMs: Type.Integer({ minimum: 0 }),
          weightTolerance: Type.Optional(WeightTolerancePayload),
        },
        { additionalProperties: false },
      ),
    ),
    /** The station's data folder (`kind: disk`), sent only while its disk refuses writes (`fault`: scans are refused). */
    storage: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);
export type StationStatus = Static<typeof StationStatus>;

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

export type ScanEventBody = Static<typeof ScanEventBody>;

/** The station has acted on a hub command (`station/{id}/cmd`): the hub sees that its stop arrived. */
export const CommandAckBody = Type.Object(
  {
    type: Type.Literal('cmd.ack'),
    cmdId: Type.String({ minLength: 1, maxLength: 64 }),
    cmdType: Type.String({ maxLength: 32 }),
    taskId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CommandAckBody = Static<typeof CommandAckBody>;

/**
 * What a station event reports: a pack-session fact (`pack.*`, protocol/pack-events.ts; a scan's
 * bytes are in its `scan` field), a dock fact (`dock.*`, protocol/dock.ts), or a bare `scan` for a scan the pack session made no event of.
 */
export const StationEventBody = Type.Union([
  ScanEventBody,
  CommandAckBody,
  EvidenceClipBody,
  // Listed one by one: Static<> sees through a tuple, not through `PackEventBody`'s array.
  P['pack.packer_signed_in'],
  P['pack.packer_signed_out'],
  P['pack.order_requested'],
  P['pack.order_loaded'],
  P['pack.order_unavailable'],
  P['pack.verdict'],
  P['pack.blocked'],
  P['pack.hold_lifted'],
  P['pack.block_cleared'],
  P['pack.refused'],
  P['pack.order_verified'],
  P['pack.order_cancelled'],
  P['pack.order_aside'],
  P['pack.label_requested'],
  P['pack.label_refused'],
  P['pack.label_printed'],
  P['pack.label_failed'],
  P['pack.sealed'],
  P['pack.seal_refused'],
  P['pack.parcel_closed'],
  P['pack.parcel_withdrawn'],
  D['dock.batch_opened'],
  D['dock.scanned'],
  D['dock.block_cleared'],
  D['dock.batch_closed'],
]);
export type StationEventBody = Static<typeof StationEventBody>;
type NoneMissing<T extends never> = T;
/** Does not compile when a pack event type is missing from the list above. */
export type EveryPackEventListed = NoneMissing<Exclude<PackEventType, StationEventBody['type']>>;

/**
 * One input (a scan, a hub command, a printer report) can make several events. Each of them
 * says which: `first` is the seq of the input's first event, `count` how many it made, so the
 * hub can count scans (events whose seq is `first`) and see that an input arrived whole.
 */
export const StationEventInput = Type.Object(
  { first: Type.Integer({ minimum: 1, maximum: MAX_SEQ }), count: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);

/** Published QoS 1 on `station/{id}/events`. `id` is unique; `seq` counts 1, 2, 3… per station incarnation. */
export const StationEvent = Type.Object(
  {
    v: Version,
    id: Type.String({ minLength: 8, maxLength: 64 }),
    station: Id,
    seq: Type.Integer({ minimum: 1, maximum: MAX_SEQ }),
    /** The station's data folder (as in its birth): `seq` restarts at 1 with a new one. */
    incarnation: Type.Optional(Incarnation),
    at: Timestamp,
    body: StationEventBody,
    /** Absent: the event is the only one its input made. */
    input: Type.Optional(StationEventInput),
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
    /** The incarnation whose events are stored up to `upTo`; absent for a station without one. */
    incarnation: Type.Optional(Incarnation),
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
