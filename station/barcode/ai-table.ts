/** How an AI's value is written. `measure` is N6 with the AI's last digit as implied decimals. */
export type AiFormat = 'numeric' | 'alphanumeric' | 'date' | 'datetime' | 'measure';

interface AiSpecBase {
  /** The application identifier, 2–4 digits. */
  readonly ai: string;
  /** The GS1 data title, e.g. `BATCH/LOT`. */
  readonly title: string;
  readonly format: AiFormat;
  /** The value ends with a mod-10 check digit (GTIN, SSCC, GLN, GSIN). */
  readonly checkDigit?: true;
  /** For dates: DD = 00 is allowed and means "day not given" (resolved to the month's last day). */
  readonly dayZero?: true;
  /** For measures: digits after the implied decimal point (the AI's fourth digit). */
  readonly decimals?: number;
  /** For measures: the unit, e.g. `kg`. */
  readonly unit?: string;
  /** For AI 421: the value starts with this many digits (ISO 3166 country code). */
  readonly leadingDigits?: number;
  /** Pairing: each inner list is a set of alternatives, one of which must be present. */
  readonly requires?: readonly (readonly string[])[];
  /** Pairing: AIs that must not appear in the same element string. */
  readonly excludes?: readonly string[];
}

/** One row of the AI table: a fixed-length value or a variable one up to a maximum. */
export type AiSpec = AiSpecBase & ({ readonly fixedLength: number } | { readonly maxLength: number });

const GTIN = [['01', '02']] as const;

// GS1 measure AIs 31nn–36nn: an N6 value; the AI's fourth digit n is the implied decimals, 0–5.
function measures(prefix: string, title: string, unit: string): AiSpec[] {
  return [0, 1, 2, 3, 4, 5].map((n) => ({
    ai: `${prefix}${n}`,
    title,
    format: 'measure',
    fixedLength: 6,
    decimals: n,
    unit,
    requires: GTIN,
  }));
}

/**
 * The AIs a packing bench sees: product identity and traceability, logistic units, shipping
 * and company-internal data. Anything else is refused as UNKNOWN_AI rather than guessed at.
 */
export const AI_TABLE: readonly AiSpec[] = [
  { ai: '00', title: 'SSCC', format: 'numeric', fixedLength: 18, checkDigit: true },
  { ai: '01', title: 'GTIN', format: 'numeric', fixedLength: 14, checkDigit: true, excludes: ['02'] },
  { ai: '02', title: 'CONTENT', format: 'numeric', fixedLength: 14, checkDigit: true, requires: [['37']] },
  { ai: '10', title: 'BATCH/LOT', format: 'alphanumeric', maxLength: 20, requires: GTIN },
  { ai: '11', title: 'PROD DATE', format: 'date', fixedLength: 6, dayZero: true, requires: GTIN },
  { ai: '12', title: 'DUE DATE', format: 'date', fixedLength: 6, dayZero: true },
  { ai: '13', title: 'PACK DATE', format: 'date', fixedLength: 6, dayZero: true, requires: GTIN },
  { ai: '15', title: 'BEST BEFORE or BEST BY', format: 'date', fixedLength: 6, dayZero: true, requires: GTIN },
  { ai: '16', title: 'SELL BY', format: 'date', fixedLength: 6, dayZero: true, requires: GTIN },
  { ai: '17', title: 'USE BY OR EXPIRY', format: 'date', fixedLength: 6, dayZero: true, requires: GTIN },
  { ai: '20', title: 'VARIANT', format: 'numeric', fixedLength: 2, requires: GTIN },
  { ai: '21', title: 'SERIAL', format: 'alphanumeric', maxLength: 20, requires: GTIN },
  { ai: '22', title: 'CPV', format: 'alphanumeric', maxLength: 20, requires: [['01']] },
  { ai: '240', title: 'ADDITIONAL ID', format: 'alphanumeric', maxLength: 30, requires: GTIN },
  { ai: '241', title: 'CUST. PART No.', format: 'alphanumeric', maxLength: 30, requires: GTIN },
  { ai: '250', title: 'SECONDARY SERIAL', format: 'alphanumeric', maxLength: 30, requires: [['01'], ['21']] },
  { ai: '251', title: 'REF. TO SOURCE', format: 'alphanumeric', maxLength: 30, requires: [['01']] },
  { ai: '30', title: 'VAR. COUNT', format: 'numeric', maxLength: 8, requires: GTIN },
  ...measures('310', 'NET WEIGHT (kg)', 'kg'),
  ...measures('311', 'LENGTH (m)', 'm'),
  ...measures('312', 'WIDTH (m)', 'm'),
  ...measures('313', 'HEIGHT (m)', 'm'),
  ...measures('314', 'AREA (m²)', 'm²'),
  ...measures('315', 'NET VOLUME (l)', 'l'),
  ...measures('316', 'NET VOLUME (m³)', 'm³'),
  ...measures('320', 'NET WEIGHT (lb)', 'lb'),
  ...measures('330', 'GROSS WEIGHT (kg)', 'kg'),
  { ai: '37', title: 'COUNT', format: 'numeric', maxLength: 8, requires: [['02']] },
  { ai: '400', title: 'ORDER NUMBER', format: 'alphanumeric', maxLength: 30 },
  { ai: '401', title: 'GINC', format: 'alphanumeric', maxLength: 30 },
  { ai: '402', title: 'GSIN', format: 'numeric', fixedLength: 17, checkDigit: true },
  { ai: '403', title: 'ROUTE', format: 'alphanumeric', maxLength: 30 },
  { ai: '410', title: 'SHIP TO LOC', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '411', title: 'BILL TO', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '412', title: 'PURCHASE FROM', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '413', title: 'SHIP FOR LOC', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '414', title: 'LOC No.', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '415', title: 'PAY TO', format: 'numeric', fixedLength: 13, checkDigit: true },
  { ai: '420', title: 'SHIP TO POST', format: 'alphanumeric', maxLength: 20, excludes: ['421'] },
  { ai: '421', title: 'SHIP TO POST', format: 'alphanumeric', maxLength: 12, leadingDigits: 3 },
  { ai: '422', title: 'ORIGIN', format: 'numeric', fixedLength: 3, requires: GTIN },
  { ai: '7003', title: 'EXPIRY TIME', format: 'datetime', fixedLength: 10, requires: GTIN },
  { ai: '7006', title: 'FIRST FREEZE DATE', format: 'date', fixedLength: 6, requires: GTIN },
  { ai: '8200', title: 'PRODUCT URL', format: 'alphanumeric', maxLength: 70, requires: [['01']] },
  { ai: '90', title: 'INTERNAL', format: 'alphanumeric', maxLength: 30 },
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map(
    (ai): AiSpec => ({ ai, title: 'INTERNAL', format: 'alphanumeric', maxLength: 90 }),
  ),
];

/**
 * GS1 GenSpecs 7.8.5 (predefined length table): AIs starting with these two digits have a
 * fixed length (AI included) and need no FNC1/GS after them. Every other AI ends at GS or
 * at the end of the data, even when its own length is fixed (e.g. 422, 402).
 */
export const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18,
  '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8, '18': 8, '19': 8,
  '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10, '41': 16,
};

const BY_AI: ReadonlyMap<string, AiSpec> = new Map(AI_TABLE.map((spec) => [spec.ai, spec]));

/** The table row for exactly this AI, if known. */
export function aiSpec(ai: string): AiSpec | undefined {
  return BY_AI.get(ai);
}

/**
 * The AI that starts `data` at `offset`: AIs are prefix-free, so trying 2, 3 and 4 digits
 * finds at most one.
 */
export function aiAt(data: string, offset: number): AiSpec | undefined {
  for (let length = 2; length <= 4; length++) {
    const spec = BY_AI.get(data.slice(offset, offset + length));
    if (spec) return spec;
  }
  return undefined;
}

/** True when this AI's value ends by length alone, with no separator needed after it. */
export function hasPredefinedLength(spec: AiSpec): boolean {
  return PREDEFINED_LENGTH[spec.ai.slice(0, 2)] !== undefined;
}
