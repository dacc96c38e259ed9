import { UNKNOWN_AI_MAX_LENGTH, aiAt, aiSpecOrUnknown } from './ai.js';
import { isCset82, isRejection, readElement } from './element-value.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

/** ASCII 29, the group separator scanners send for FNC1. */
export const GS = '\u001d';
const GS_CODE = 0x1d;

/** Element strings as parsed, before duplicates and pairing are checked. */
export interface ParsedElements {
  readonly elements: ElementString[];
  /** Raw segments of unknown AI families (see `Gs1Scan.unparsed`). */
  readonly unparsed: string[];
}

const TWO_DIGITS = /^\d\d/;

function hasCaretOrParenthesis(data: string, parentheses: boolean): Rejection | undefined {
  if (data.includes('^')) {
    return reject(ScanRejection.CaretInData, '"^" in GS1 data: the scanner sends a placeholder instead of GS (0x1D) for FNC1');
  }
  if (parentheses && (data.includes('(') || data.includes(')'))) {
    return reject(ScanRejection.ParenthesesInRaw, 'parentheses in raw GS1 data: the human-readable text was sent, not the encoded data');
  }
  return undefined;
}

/** A segment starting with an AI family the table does not know: kept whole, up to the next GS. */
function unparsedSegment(segment: string, pos: number): Rejection | undefined {
  if (!TWO_DIGITS.test(segment)) {
    return reject(ScanRejection.UnknownAi, `no application identifier at position ${pos} ("${segment.slice(0, 4)}")`);
  }
  // At least a two-digit AI and one character of value; at most a four-digit AI and 90.
  if (segment.length < 3 || segment.length > 4 + UNKNOWN_AI_MAX_LENGTH) {
    return reject(ScanRejection.BadLength, `unknown AI data of ${segment.length} characters at position ${pos}`);
  }
  return isCset82(segment) ? undefined : reject(ScanRejection.BadCharacter, `unknown AI data at position ${pos} has a character outside GS1 character set 82`);
}

/** The position after the run of GS (FNC1 separators) at `pos`, if any. */
function separatorsFrom(data: string, pos: number): number {
  while (pos < data.length && data.charCodeAt(pos) === GS_CODE) pos += 1;
  return pos;
}

/**
 * Parses raw element strings: AIs back to back, each value ended by its predefined length
 * (AIs without the FNC1 need) or by GS or the end of the data. Leading GS (FNC1 in first
 * position) and trailing GS are dropped, and a run of GS separates like one: a separator
 * where none is needed carries nothing (a GS after a predefined-length value is one too).
 */
export function parseRawElementString(data: string, currentYear: number): ParsedElements | Rejection {
  const bad = hasCaretOrParenthesis(data, true);
  if (bad) return bad;
  let pos = separatorsFrom(data, 0);
  let end = data.length;
  while (end > pos && data.charCodeAt(end - 1) === GS_CODE) end -= 1;
  if (pos >= end) return reject(ScanRejection.MalformedElementString, 'no element strings in GS1 data');
  const elements: ElementString[] = [];
  const unparsed: string[] = [];
  while (pos < end) {
    const spec = aiAt(data, pos);
    const gsAt = data.indexOf(GS, pos);
    const stop = gsAt < 0 || gsAt >= end ? end : gsAt;
    let raw: string;
    if (!spec) {
      raw = data.slice(pos, stop);
      const problem = unparsedSegment(raw, pos);
      if (problem) return problem;
      unparsed.push(raw);
    } else {
      pos += spec.ai.length;
      // GS1 GenSpecs 7.8.5: a predefined-length value needs no separator; every other one
      // runs to the next GS or the end of the data.
      raw = data.slice(pos, spec.fnc1 ? stop : Math.min(pos + spec.maxLength, stop));
      const element = readElement(spec, raw, currentYear);
      if (isRejection(element)) return element;
      elements.push(element);
    }
    pos = separatorsFrom(data, pos + raw.length);
  }
  return { elements, unparsed };
}

/**
 * The value after `(AI)` up to the next `(` that is not escaped as `\(` (the GS1 Syntax
 * Engine's escape for a bracket in a value), with the escapes removed.
 */
function bracketedValue(text: string, from: number): { value: string; next: number } {
  let value = '';
  let pos = from;
  for (;;) {
    const open = text.indexOf('(', pos);
    if (open < 0) return { value: value + text.slice(pos), next: text.length };
    if (open > from && text.charAt(open - 1) === '\\') {
      value += `${text.slice(pos, open - 1)}(`;
      pos = open + 1;
    } else {
      return { value: value + text.slice(pos, open), next: open };
    }
  }
}

/** Parses the human-readable form `(01)09506000134352(10)ABC`; spaces around elements are ignored. */
export function parseBracketedElementString(data: string, currentYear: number): ParsedElements | Rejection {
  const bad = hasCaretOrParenthesis(data, false);
  if (bad) return bad;
  const text = data.trim();
  const elements: ElementString[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text.charAt(pos) !== '(') return reject(ScanRejection.MalformedElementString, `expected "(" at position ${pos}`);
    const close = text.indexOf(')', pos);
    const ai = close < 0 ? '' : text.slice(pos + 1, close);
    if (close < 0 || !/^\d{2,4}$/.test(ai)) {
      return reject(ScanRejection.MalformedElementString, `expected "(AI)" with 2–4 digits at position ${pos}`);
    }
    const spec = aiSpecOrUnknown(ai);
    if (!spec) return reject(ScanRejection.UnknownAi, `(${ai}) is not an application identifier`, ai);
    const { value, next } = bracketedValue(text, close + 1);
    const element = readElement(spec, value.trim(), currentYear);
    if (isRejection(element)) return element;
    elements.push(element);
    pos = next;
  }
  if (elements.length === 0) return reject(ScanRejection.MalformedElementString, 'no element strings in GS1 data');
  return { elements, unparsed: [] };
}
