import type { AiPart } from './ai-entry.js';
import type { AiSpec } from './ai.js';
import { parseGs1Date } from './dates.js';
import { LINTERS } from './linters.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
// GS1 GenSpecs 7.11: the character sets AI values may use.
const NUMERIC = charTable(DIGITS);
const CSET82 = charTable(`!"%&'()*+,-./${DIGITS}:;<=>?${UPPER}_${LOWER}`);
const CSET39 = charTable(`#-/${DIGITS}${UPPER}`);
const CSET64 = charTable(`-${DIGITS}${UPPER}_${LOWER}`);

function inTable(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || table[c] !== 1) return false;
  }
  return true;
}

/** True when every character of `text` is in GS1 AI encodable character set 82. */
export function isCset82(text: string): boolean {
  return inTable(text, CSET82);
}

/** CSET 64 (base64url); up to two trailing `=` pad a value whose length is a multiple of 3. */
function isCset64(text: string): boolean {
  const body = text.replace(/=+$/, '');
  const pads = text.length - body.length;
  return pads <= 2 && (pads === 0 || text.length % 3 === 0) && inTable(body, CSET64);
}

function label(spec: AiSpec): string {
  return spec.title === '' ? `(${spec.ai})` : `(${spec.ai}) ${spec.title}`;
}

function csetProblem(spec: AiSpec, part: AiPart, value: string): Rejection | undefined {
  switch (part.cset) {
    case 'N':
      return inTable(value, NUMERIC) ? undefined : reject(ScanRejection.NotNumeric, `${label(spec)} must be digits where it has "${value}"`, spec.ai);
    case 'X':
      return isCset82(value) ? undefined : reject(ScanRejection.BadCharacter, `${label(spec)} has a character outside GS1 character set 82`, spec.ai);
    case 'Y':
      return inTable(value, CSET39) ? undefined : reject(ScanRejection.BadCharacter, `${label(spec)} has a character outside GS1 character set 39`, spec.ai);
    case 'Z':
      return isCset64(value) ? undefined : reject(ScanRejection.BadCharacter, `${label(spec)} has a character outside GS1 character set 64`, spec.ai);
  }
}

/**
 * GS1 Barcode Syntax Dictionary: each component, in order, takes as much of what is left as
 * it may (an optional one may find nothing left), is checked for its character set and then
 * by each of its linters.
 */
function checkComponents(spec: AiSpec, raw: string, currentYear: number): Rejection | undefined {
  let pos = 0;
  for (const part of spec.parts) {
    const length = Math.min(raw.length - pos, part.max);
    if (part.optional && length === 0) continue;
    if (length < part.min) return reject(ScanRejection.BadLength, `${label(spec)} ${raw}: a component is cut short`, spec.ai);
    const value = raw.slice(pos, pos + length);
    const cset = csetProblem(spec, part, value);
    if (cset) return cset;
    for (const name of part.linters ?? []) {
      const fault = LINTERS[name]?.(value, currentYear);
      if (fault) return reject(fault.code, `${label(spec)} ${raw}: ${fault.reason}`, spec.ai);
    }
    pos += length;
  }
  return undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Checks one AI value against its spec (length, components, character sets, linters) and
 * returns it as a typed element string, or the rejection. `currentYear` drives the GS1
 * century rule for dates.
 */
export function readElement(spec: AiSpec, raw: string, currentYear: number): ElementString | Rejection {
  if (raw.length < spec.minLength || raw.length > spec.maxLength) {
    const expected = spec.minLength === spec.maxLength ? `${spec.minLength}` : `${spec.minLength}–${spec.maxLength}`;
    return reject(ScanRejection.BadLength, `${label(spec)} must be ${expected} characters, got ${raw.length}`, spec.ai);
  }
  const problem = checkComponents(spec, raw, currentYear);
  if (problem) return problem;
  const { ai, title } = spec;
  switch (spec.format) {
    case 'date':
    case 'datetime': {
      // The linters have checked the date; this resolves the century and DD = 00.
      const date = parseGs1Date(raw.slice(0, 6), currentYear, spec.dayZero === true);
      if (!date) return reject(ScanRejection.BadDate, `${label(spec)} ${raw} is not a valid date`, ai);
      if (spec.format === 'date') return { ai, title, raw, format: 'date', date: date.iso, dayOmitted: date.dayOmitted };
      return { ai, title, raw, format: 'datetime', dateTime: `${date.iso}T${pad(Number(raw.slice(6, 8)))}:${pad(Number(raw.slice(8, 10)))}` };
    }
    case 'measure': {
      const decimals = spec.decimals ?? 0;
      return { ai, title, raw, format: 'measure', value: Number(raw) / 10 ** decimals, decimals, unit: spec.unit ?? '' };
    }
    default:
      return { ai, title, raw, format: spec.format };
  }
}

/** Narrows a {@link readElement} result. */
export function isRejection(value: ElementString | Rejection): value is Rejection {
  return 'ok' in value;
}
