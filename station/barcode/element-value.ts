import type { AiSpec } from './ai-table.js';
import { hasValidCheckDigit, isDigits } from './check-digit.js';
import { parseGs1Date, parseGs1DateTime } from './dates.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

// GS1 GenSpecs 7.11 (Figure 7.11-1): the 82 characters allowed in alphanumeric AI values.
const CSET82 = new Uint8Array(128);
for (const c of `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`) {
  CSET82[c.charCodeAt(0)] = 1;
}

/** True when every character of `text` is in GS1 AI encodable character set 82. */
export function isCset82(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || CSET82[c] !== 1) return false;
  }
  return true;
}

function label(spec: AiSpec): string {
  return `(${spec.ai}) ${spec.title}`;
}

function checkLength(spec: AiSpec, raw: string): Rejection | undefined {
  const min = 'fixedLength' in spec ? spec.fixedLength : (spec.leadingDigits ?? 0) + 1;
  const max = 'fixedLength' in spec ? spec.fixedLength : spec.maxLength;
  if (raw.length >= min && raw.length <= max) return undefined;
  const expected = min === max ? `${min}` : `${min}–${max}`;
  return reject(ScanRejection.BadLength, `${label(spec)} must be ${expected} characters, got ${raw.length}`, spec.ai);
}

/**
 * Checks one AI value against its table row (length, character set, date, check digit)
 * and returns it as a typed element string, or the rejection. `currentYear` drives the
 * GS1 century rule for dates.
 */
export function readElement(spec: AiSpec, raw: string, currentYear: number): ElementString | Rejection {
  const lengthProblem = checkLength(spec, raw);
  if (lengthProblem) return lengthProblem;
  const { ai, title } = spec;
  if (spec.format === 'alphanumeric') {
    const lead = spec.leadingDigits ?? 0;
    if (lead > 0 && !isDigits(raw.slice(0, lead))) {
      return reject(ScanRejection.NotNumeric, `${label(spec)} must start with ${lead} digits`, spec.ai);
    }
    if (!isCset82(raw)) {
      return reject(ScanRejection.BadCharacter, `${label(spec)} has a character outside GS1 character set 82`, spec.ai);
    }
    return { ai, title, raw, format: 'alphanumeric' };
  }
  if (!isDigits(raw)) return reject(ScanRejection.NotNumeric, `${label(spec)} must be digits only`, spec.ai);
  if (spec.checkDigit && !hasValidCheckDigit(raw)) {
    return reject(ScanRejection.BadCheckDigit, `${label(spec)} ${raw} has a wrong check digit`, spec.ai);
  }
  switch (spec.format) {
    case 'numeric':
      return { ai, title, raw, format: 'numeric' };
    case 'date': {
      const date = parseGs1Date(raw, currentYear, spec.dayZero === true);
      if (!date) return reject(ScanRejection.BadDate, `${label(spec)} ${raw} is not a valid YYMMDD date`, spec.ai);
      return { ai, title, raw, format: 'date', date: date.iso, dayOmitted: date.dayOmitted };
    }
    case 'datetime': {
      const dateTime = parseGs1DateTime(raw, currentYear);
      if (!dateTime) return reject(ScanRejection.BadDate, `${label(spec)} ${raw} is not a valid YYMMDDHHMM`, spec.ai);
      return { ai, title, raw, format: 'datetime', dateTime };
    }
    case 'measure': {
      const decimals = spec.decimals ?? 0;
      return { ai, title, raw, format: 'measure', value: Number(raw) / 10 ** decimals, decimals, unit: spec.unit ?? '' };
    }
  }
}

/** Narrows a {@link readElement} result. */
export function isRejection(value: ElementString | Rejection): value is Rejection {
  return 'ok' in value;
}
