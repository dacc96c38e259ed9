import { aiAt, aiSpec, hasPredefinedLength } from './ai-table.js';
import { isDigits } from './check-digit.js';
import { isRejection, readElement } from './element-value.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { ElementString } from './types.js';

/** ASCII 29, the group separator scanners send for FNC1. */
export const GS = '\u001d';
const GS_CODE = 0x1d;

function hasCaretOrParenthesis(data: string, parentheses: boolean): Rejection | undefined {
  if (data.includes('^')) {
    return reject(ScanRejection.CaretInData, '"^" in GS1 data: the scanner sends a placeholder instead of GS (0x1D) for FNC1');
  }
  if (parentheses && (data.includes('(') || data.includes(')'))) {
    return reject(ScanRejection.ParenthesesInRaw, 'parentheses in raw GS1 data: the human-readable text was sent, not the encoded data');
  }
  return undefined;
}

/**
 * Parses raw element strings: AIs back to back, each variable-length value ended by GS or
 * the end of the data. A leading GS (FNC1 in first position) and one trailing GS are dropped.
 */
export function parseRawElementString(data: string, currentYear: number): ElementString[] | Rejection {
  const bad = hasCaretOrParenthesis(data, true);
  if (bad) return bad;
  let pos = data.charCodeAt(0) === GS_CODE ? 1 : 0;
  const end = data.length > pos && data.charCodeAt(data.length - 1) === GS_CODE ? data.length - 1 : data.length;
  if (pos >= end) return reject(ScanRejection.MalformedElementString, 'no element strings in GS1 data');
  const elements: ElementString[] = [];
  while (pos < end) {
    if (data.charCodeAt(pos) === GS_CODE) {
      return reject(ScanRejection.MalformedElementString, `empty element (two separators) at position ${pos}`);
    }
    const spec = aiAt(data, pos);
    if (!spec) {
      const shown = data.slice(pos, pos + 4);
      return reject(ScanRejection.UnknownAi, `no known application identifier at position ${pos} ("${shown}")`);
    }
    pos += spec.ai.length;
    let raw: string;
    let separated = false;
    if (hasPredefinedLength(spec) && 'fixedLength' in spec) {
      // GS1 GenSpecs 7.8.5: a predefined-length value needs no separator; one is tolerated.
      raw = data.slice(pos, Math.min(pos + spec.fixedLength, end));
      const gsAt = raw.indexOf(GS);
      if (gsAt >= 0) raw = raw.slice(0, gsAt);
      pos += raw.length;
      if (pos < end && data.charCodeAt(pos) === GS_CODE) {
        pos += 1;
        separated = true;
      }
    } else {
      // GS1 GenSpecs 7.8.5: every other AI value runs to the next GS or the end of the data.
      const gsAt = data.indexOf(GS, pos);
      const stop = gsAt < 0 || gsAt >= end ? end : gsAt;
      raw = data.slice(pos, stop);
      separated = stop < end;
      pos = separated ? stop + 1 : end;
    }
    if (separated && pos >= end) {
      return reject(ScanRejection.MalformedElementString, 'empty element (two separators) at the end of the data');
    }
    const element = readElement(spec, raw, currentYear);
    if (isRejection(element)) return element;
    elements.push(element);
  }
  return elements;
}

/** Parses the human-readable form `(01)09506000134352(10)ABC`; spaces around elements are ignored. */
export function parseBracketedElementString(data: string, currentYear: number): ElementString[] | Rejection {
  const bad = hasCaretOrParenthesis(data, false);
  if (bad) return bad;
  const text = data.trim();
  const elements: ElementString[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text.charAt(pos) !== '(') return reject(ScanRejection.MalformedElementString, `expected "(" at position ${pos}`);
    const close = text.indexOf(')', pos);
    const ai = close < 0 ? '' : text.slice(pos + 1, close);
    if (close < 0 || ai.length < 2 || ai.length > 4 || !isDigits(ai)) {
      return reject(ScanRejection.MalformedElementString, `expected "(AI)" with 2–4 digits at position ${pos}`);
    }
    const spec = aiSpec(ai);
    if (!spec) return reject(ScanRejection.UnknownAi, `unknown application identifier (${ai})`, ai);
    const open = text.indexOf('(', close + 1);
    const next = open < 0 ? text.length : open;
    const raw = text.slice(close + 1, next).trim();
    if (raw.includes(')')) return reject(ScanRejection.MalformedElementString, `unbalanced ")" in the value of (${ai})`, ai);
    const element = readElement(spec, raw, currentYear);
    if (isRejection(element)) return element;
    elements.push(element);
    pos = next;
  }
  if (elements.length === 0) return reject(ScanRejection.MalformedElementString, 'no element strings in GS1 data');
  return elements;
}
