import type { AiEntry, AiPart } from './ai-entry.js';
import { AI_TABLE } from './ai-table.js';
import { isDigits } from './check-digit.js';

/**
 * How an AI's value is read out, derived from its dictionary components: `date` is one YYMMDD
 * component, `datetime` YYMMDD + HHMM, `measure` an N6 trade measure 31nn–36nn whose fourth
 * digit is the implied decimals, `unknown` an AI of a newer GS1 release than the table.
 */
export type AiFormat = 'numeric' | 'alphanumeric' | 'date' | 'datetime' | 'measure' | 'unknown';

/** One AI as the decoder uses it: its dictionary row, expanded from a range, with derived facts. */
export interface AiSpec {
  /** The application identifier, 2–4 digits. */
  readonly ai: string;
  /** The GS1 data title, e.g. `BATCH/LOT`; `UNKNOWN` for an AI the table does not have. */
  readonly title: string;
  readonly format: AiFormat;
  /** The value needs a GS after it when another AI follows (no `*` flag in the dictionary). */
  readonly fnc1: boolean;
  /** The AI may be a Digital Link query attribute. */
  readonly dlAttribute: boolean;
  readonly parts: readonly AiPart[];
  /** Shortest and longest value, over all components. */
  readonly minLength: number;
  readonly maxLength: number;
  /** A component ends with a GS1 mod-10 check digit (`csum`). */
  readonly checkDigit: boolean;
  /** The dictionary row; absent for an unknown AI. */
  readonly entry?: AiEntry;
  /** For `date` and `datetime`: DD = 00 is allowed (`yymmd0`), meaning "day not given". */
  readonly dayZero?: boolean;
  /** For `measure`: digits after the implied decimal point. */
  readonly decimals?: number;
  /** For `measure`: the unit from the title, e.g. `kg`. */
  readonly unit?: string;
}

/**
 * GS1 GenSpecs 7.8.5 (Figure 7.8.5-2): AIs starting with these two digits have a predefined
 * length (AI and value together) and need no FNC1/GS after them. The table is fixed for
 * good, which is what lets a decoder split AIs it does not know; 04, 14, 18 and 19 are
 * reserved in it without an AI assigned yet.
 */
export const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18,
  '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8, '18': 8, '19': 8,
  '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10, '41': 16,
};

/** The longest value of an AI a decoder does not know (the GS1 Syntax Engine's X..90). */
export const UNKNOWN_AI_MAX_LENGTH = 90;

function hasLinter(parts: readonly AiPart[], names: readonly string[]): boolean {
  return parts.some((part) => part.linters?.some((name) => names.includes(name)));
}

function isDatePart(part: AiPart | undefined): boolean {
  return part !== undefined && part.cset === 'N' && part.max === 6 && part.min === 6 && !part.optional && hasLinter([part], ['yymmdd', 'yymmd0']);
}

/** The text inside the title's first parentheses, e.g. `qt (US)` in `NET VOLUME (qt (US))`. */
function unitOf(title: string): string {
  const open = title.indexOf('(');
  if (open < 0) return title === 'KG PER m²' ? 'kg/m²' : '';
  let depth = 0;
  for (let i = open; i < title.length; i++) {
    if (title.charAt(i) === '(') depth++;
    if (title.charAt(i) === ')' && --depth === 0) return title.slice(open + 1, i);
  }
  return '';
}

function formatOf(ai: string, entry: AiEntry): Pick<AiSpec, 'format' | 'dayZero' | 'decimals' | 'unit'> {
  const { parts } = entry;
  const [first, second] = parts;
  if (/^3[1-6]\d\d$/.test(ai) && parts.length === 1 && first?.max === 6) {
    return { format: 'measure', decimals: Number(ai.charAt(3)), unit: unitOf(entry.title) };
  }
  const dayZero = hasLinter(parts, ['yymmd0']);
  if (parts.length === 1 && isDatePart(first)) return { format: 'date', dayZero };
  if (parts.length === 2 && isDatePart(first) && second?.min === 4 && !second.optional && hasLinter([second], ['hhmi'])) {
    return { format: 'datetime', dayZero };
  }
  return { format: parts.every((part) => part.cset === 'N') ? 'numeric' : 'alphanumeric' };
}

function lengths(parts: readonly AiPart[]): { minLength: number; maxLength: number } {
  let minLength = 0;
  let maxLength = 0;
  for (const part of parts) {
    if (!part.optional) minLength += part.min;
    maxLength += part.max;
  }
  return { minLength, maxLength };
}

function specs(entry: AiEntry): AiSpec[] {
  const first = Number(entry.ai);
  const last = Number(entry.last ?? entry.ai);
  const out: AiSpec[] = [];
  for (let n = first; n <= last; n++) {
    const ai = String(n).padStart(entry.ai.length, '0');
    out.push({
      ai,
      title: entry.title,
      fnc1: entry.fnc1,
      dlAttribute: entry.dlAttribute,
      parts: entry.parts,
      ...lengths(entry.parts),
      checkDigit: hasLinter(entry.parts, ['csum']),
      entry,
      ...formatOf(ai, entry),
    });
  }
  return out;
}

/** Every AI of the table, one spec per AI (ranges expanded), in lexical order. */
export const AI_SPECS: readonly AiSpec[] = AI_TABLE.flatMap(specs);

const BY_AI: ReadonlyMap<string, AiSpec> = new Map(AI_SPECS.map((spec) => [spec.ai, spec]));

/**
 * The AI length of each two-digit family the table uses: GS1 keeps every AI that starts with
 * the same two digits the same length (test/station/barcode/ai.test.ts holds the table to it).
 */
const FAMILY_LENGTH: ReadonlyMap<string, number> = new Map(AI_SPECS.map((spec) => [spec.ai.slice(0, 2), spec.ai.length]));

/** The table's spec for exactly this AI, if it has one. */
export function aiSpec(ai: string): AiSpec | undefined {
  return BY_AI.get(ai);
}

function unknown(ai: string, valueLength: number | undefined): AiSpec {
  const part: AiPart = { cset: 'X', min: valueLength ?? 1, max: valueLength ?? UNKNOWN_AI_MAX_LENGTH };
  return {
    ai,
    title: 'UNKNOWN',
    format: 'unknown',
    fnc1: valueLength === undefined,
    dlAttribute: false,
    parts: [part],
    minLength: part.min,
    maxLength: part.max,
    checkDigit: false,
  };
}

/** The predefined value length of an AI the table does not know, from GenSpecs 7.8.5. */
function predefinedValueLength(ai: string): number | undefined {
  const total = PREDEFINED_LENGTH[ai.slice(0, 2)];
  return total === undefined ? undefined : total - ai.length;
}

/**
 * The spec for an AI written out in full (bracketed form, Digital Link): the table's, or one
 * for an AI of a newer GS1 release when it is well formed: 2–4 digits, as long as the other
 * AIs of its family, and neither a prefix of a known AI nor prefixed by one (`(011)` is not
 * an AI: `(01)` is). Its value is 1–90 CSET 82 characters, or the predefined length.
 */
export function aiSpecOrUnknown(ai: string): AiSpec | undefined {
  const known = BY_AI.get(ai);
  if (known) return known;
  if (ai.length < 2 || ai.length > 4 || !isDigits(ai)) return undefined;
  const family = FAMILY_LENGTH.get(ai.slice(0, 2));
  if (family !== undefined && family !== ai.length) return undefined;
  if (family === undefined && ai.length > 2 && PREDEFINED_LENGTH[ai.slice(0, 2)] !== undefined) return undefined;
  return unknown(ai, predefinedValueLength(ai));
}

/**
 * The AI that starts raw data at `offset`: the table's (AIs are prefix-free), or an unknown
 * one whose length its family gives. Undefined when the two digits there start no family
 * the table knows: the AI's length, and so where its value starts, cannot be told.
 */
export function aiAt(data: string, offset: number): AiSpec | undefined {
  for (let length = 2; length <= 4; length++) {
    const spec = BY_AI.get(data.slice(offset, offset + length));
    if (spec) return spec;
  }
  const prefix = data.slice(offset, offset + 2);
  const length = FAMILY_LENGTH.get(prefix) ?? (PREDEFINED_LENGTH[prefix] !== undefined ? 2 : undefined);
  const ai = length === undefined ? '' : data.slice(offset, offset + length);
  if (length === undefined || ai.length !== length || !isDigits(ai)) return undefined;
  return unknown(ai, predefinedValueLength(ai));
}
