/** Weight units a scale may report; every reading is also given in grams. */
export const SCALE_UNITS = ['g', 'kg', 'lb', 'oz'] as const;
export type ScaleUnit = (typeof SCALE_UNITS)[number];

/** Grams per unit: the pound and the avoirdupois ounce as defined (NIST SP 811, exact). */
export const GRAMS_PER_UNIT: Readonly<Record<ScaleUnit, number>> = { g: 1, kg: 1000, lb: 453.59237, oz: 28.349523125 };

/**
 * Above this a reading is impossible for a packing bench (no bench scale weighs 1 t): a frame
 * that says more is misread and is rejected as `impossible`, never taken as a weight.
 */
export const MAX_BENCH_GRAMS = 1_000_000;

/** One reading as a scale reported it, decoded. */
export interface ScaleReading {
  /** The weight in grams, signed (negative below zero); 0 when `overload`. */
  readonly grams: number;
  /** The value as the scale shows it, in `unit`. */
  readonly value: number;
  readonly unit: ScaleUnit;
  /** The scale's own stable flag; undefined when the format carries none (then N equal readings decide). */
  readonly stable: boolean | undefined;
  readonly negative: boolean;
  /** Over the scale's capacity (or under its range): no weight. */
  readonly overload: boolean;
  /** The scale says, or the weight is, zero. */
  readonly zero: boolean;
  /** Net weight after a tare, when the scale says so. */
  readonly net?: boolean;
}

/**
 * Why a frame or a reading was not taken; each is counted. `garbled`: the bytes do not parse;
 * `checksum`: a frame's check failed; `impossible`: a weight no bench scale reports;
 * `unit`: a unit packgate does not take; `unit-change`: the unit changed while a weight was
 * being taken; `foreign-report`, `bad-length`: HID reports; `not-ready`: the scale could not
 * answer (MT-SICS `S I`, HID fault or calibration states).
 */
export const SCALE_REJECTIONS = [
  'garbled',
  'checksum',
  'impossible',
  'unit',
  'unit-change',
  'foreign-report',
  'bad-length',
  'not-ready',
] as const;
export type ScaleRejection = (typeof SCALE_REJECTIONS)[number];

/** A frame's decoding: a reading, or a counted reason. */
export type Decoded = { readonly ok: true; readonly reading: ScaleReading } | { readonly ok: false; readonly reason: ScaleRejection; readonly detail?: string };

export function rejected(reason: ScaleRejection, detail?: string): Decoded {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

export interface ReadingFields {
  readonly value: number;
  readonly unit: ScaleUnit;
  readonly stable: boolean | undefined;
  readonly overload?: boolean;
  readonly net?: boolean;
  /** The scale's own centre-of-zero flag, when it has one. */
  readonly zero?: boolean;
}

/** Builds a reading from a value and unit, rejecting impossible weights. */
export function reading(fields: ReadingFields): Decoded {
  const { value, unit, stable } = fields;
  const overload = fields.overload ?? false;
  if (!Number.isFinite(value)) return rejected('garbled', 'not a number');
  const grams = overload ? 0 : roundGrams(value * GRAMS_PER_UNIT[unit]);
  if (Math.abs(grams) > MAX_BENCH_GRAMS) return rejected('impossible', `${value} ${unit}`);
  return {
    ok: true,
    reading: {
      grams,
      value,
      unit,
      stable,
      negative: grams < 0,
      overload,
      zero: !overload && (fields.zero ?? grams === 0),
      ...(fields.net ? { net: true } : {}),
    },
  };
}

/** Tenths of a gram: finer than any bench scale, coarse enough that lb/oz conversions compare equal. */
function roundGrams(grams: number): number {
  const rounded = Math.round(grams * 10) / 10;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** A unit as scales spell it (`kg`, `KG`, ` g`, `lb`, `lbs`, `oz`), or undefined. */
export function parseUnit(text: string): ScaleUnit | undefined {
  const unit = text.trim().toLowerCase();
  if (unit === 'lbs') return 'lb';
  return (SCALE_UNITS as readonly string[]).includes(unit) ? (unit as ScaleUnit) : undefined;
}
