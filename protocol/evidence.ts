import Type, { type Static, type TSchema } from 'typebox';
import { EVIDENCE_ENDINGS, EVIDENCE_REASONS, EVIDENCE_STATUSES } from './evidence-vocabulary.js';

export * from './evidence-vocabulary.js';

/**
 * Packing evidence (issue #16): the record of one order's clip and photo, made by the station's
 * camera (`station/camera/`) and sent as a station event, journaled and acknowledged like every
 * other (invariant 2). The files stay at the station; the record says where they lie and what
 * they hash to. See docs/pack-session.md, "Packing evidence".
 */

const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One stored file: its path under the station's data folder, size and SHA-256 (hex). */
export const EvidenceFile = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 300 }),
    bytes: Type.Integer({ minimum: 0 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);
export type EvidenceFile = Static<typeof EvidenceFile>;

/** A stretch of the clip the camera did not record. */
export const EvidenceGap = Type.Object({ from: Timestamp, to: Timestamp }, { additionalProperties: false });

/** The body of the `evidence.clip` station event: one per order packed (or left) at a bench. */
export const EvidenceClipBody = Type.Object(
  {
    type: Type.Literal('evidence.clip'),
    /** Unique per clip; the station never sends two records with one id. */
    clipId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' }),
    station: Type.String({ minLength: 1, maxLength: 64 }),
    taskId: Name,
    orderNo: Name,
    /** The waybills of the order's parcels, the order's own first. */
    waybills: Type.Array(Name, { minItems: 1, maxItems: 50 }),
    packer: Nullable(Name),
    status: Type.Enum(EVIDENCE_STATUSES),
    reason: Nullable(Type.Enum(EVIDENCE_REASONS)),
    detail: Nullable(Type.String({ maxLength: 200 })),
    ending: Type.Enum(EVIDENCE_ENDINGS),
    /** The clip's span: the order's load minus the lead-in to its end plus the tail. */
    from: Timestamp,
    to: Timestamp,
    /** The recorded length of the clip (0 when missing). */
    durationMs: Type.Integer({ minimum: 0 }),
    video: Nullable(EvidenceFile),
    photo: Nullable(EvidenceFile),
    gaps: Type.Array(EvidenceGap, { maxItems: 100 }),
    /** How the overlay is carried: a timed-text track (`mov_text`) beside the untouched camera stream. */
    overlay: Type.Enum(['mov_text', 'none']),
  },
  { additionalProperties: false },
);
export type EvidenceClipBody = Static<typeof EvidenceClipBody>;
