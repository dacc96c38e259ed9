import { hasValidCheckDigit } from './check-digit.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';

/** Default bound on a scan's length in characters; GS1 symbols at a bench are far shorter. */
export const MAX_SCAN_LENGTH = 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE_OR_REPLACEMENT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

/** A scan as clean text, and whether it contains GS (allowed only in GS1 element strings). */
export interface ScanText {
  readonly text: string;
  readonly hasGs: boolean;
}

function withoutTerminator(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

// A GTIN's digits (8, 12, 13 or 14) wrapped in spaces, tabs, CRs or LFs, as a misconfigured wedge sends them.
const WRAPPED_GTIN = /^[ \t\r\n]*(\d{8}|\d{12,14})[ \t\r\n]*$/;

/**
 * A bare GTIN without the whitespace around it, as biip reads it, when the digits inside carry
 * a valid check digit; any other text unchanged, so digits that are no GTIN (a waybill, an
 * order number, a SKU code) keep the reading they have today.
 */
function withoutWhitespaceAroundGtin(text: string): string {
  const digits = WRAPPED_GTIN.exec(text)?.[1];
  return digits !== undefined && hasValidCheckDigit(digits) ? digits : text;
}

/**
 * Turns raw scanner input into text the decoder may read: valid UTF-8, within the length
 * bound, not blank, free of control characters other than GS. One trailing CR, LF or CRLF
 * is dropped, since framers differ on whether they strip it, and so is whitespace around a
 * bare GTIN.
 */
export function scanText(input: Uint8Array | string, maxLength: number): ScanText | Rejection {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input instanceof Uint8Array) {
    // A UTF-8 character is at most 4 bytes: more bytes than this cannot fit the bound.
    if (input.byteLength > maxLength * 4) return reject(ScanRejection.TooLong, `scan of ${input.byteLength} bytes is over the ${maxLength}-character bound`);
    try {
      text = utf8.decode(input);
    } catch {
      return reject(ScanRejection.NotUtf8, 'scan bytes are not valid UTF-8 text');
    }
  } else {
    return reject(ScanRejection.NotUtf8, 'scan is neither text nor bytes');
  }
  text = withoutTerminator(text);
  if (text.trim() === '') return reject(ScanRejection.Empty, 'empty scan');
  if (text.length > maxLength) return reject(ScanRejection.TooLong, `scan of ${text.length} characters is over the ${maxLength}-character bound`);
  text = withoutWhitespaceAroundGtin(text);
  if (LONE_SURROGATE_OR_REPLACEMENT.test(text)) {
    return reject(ScanRejection.NotUtf8, 'scan text has a broken character (lone surrogate or U+FFFD from a lossy decode)');
  }
  let hasGs = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x1d) hasGs = true;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return reject(ScanRejection.ControlCharacter, `control character 0x${c.toString(16).padStart(2, '0')} at position ${i}`);
    }
  }
  return { text, hasGs };
}
