import { expandUpcE, hasValidCheckDigit, isDigits, toGtin14 } from './check-digit.js';
import { ScanRejection, reject, type Rejection } from './rejection.js';
import type { GtinFormat } from './types.js';

/** A verified GTIN as read from an EAN/UPC symbol or a bare digit string. */
export interface GtinReading {
  readonly gtin14: string;
  readonly format: GtinFormat;
  readonly upcA?: string;
  readonly addOn?: string;
}

const FORMAT_BY_LENGTH: ReadonlyMap<number, GtinFormat> = new Map([
  [8, 'EAN-8'],
  [12, 'UPC-A'],
  [13, 'EAN-13'],
  [14, 'GTIN-14'],
]);

/** The lengths a bare digit string must have to be read as a GTIN. */
export function isGtinLength(length: number): boolean {
  return FORMAT_BY_LENGTH.has(length);
}

/** Verifies an 8/12/13/14-digit GTIN (mod-10 check digit) and pads it to GTIN-14. */
export function readGtin(digits: string): GtinReading | Rejection {
  const format = FORMAT_BY_LENGTH.get(digits.length);
  if (!isDigits(digits)) return reject(ScanRejection.NotNumeric, 'a GTIN must be digits only');
  if (!format) return reject(ScanRejection.BadLength, `a GTIN has 8, 12, 13 or 14 digits, not ${digits.length}`);
  if (!hasValidCheckDigit(digits)) return reject(ScanRejection.BadCheckDigit, `GTIN ${digits} has a wrong check digit`);
  return { gtin14: toGtin14(digits), format };
}

/** Verifies an 8-digit UPC-E by expanding it to UPC-A and checking that. */
export function readUpcE(digits: string): GtinReading | Rejection {
  if (!isDigits(digits)) return reject(ScanRejection.NotNumeric, 'a UPC-E must be digits only');
  const upcA = expandUpcE(digits);
  if (!upcA) return reject(ScanRejection.BadUpcE, `UPC-E ${digits} must start with number system 0 or 1`);
  if (!hasValidCheckDigit(upcA)) return reject(ScanRejection.BadCheckDigit, `UPC-E ${digits} (UPC-A ${upcA}) has a wrong check digit`);
  return { gtin14: toGtin14(upcA), format: 'UPC-E', upcA };
}

/**
 * Data under `]E0`: 13 digits (EAN-13, or UPC-A with a leading 0), 12 (UPC-A, as some
 * scanners send it) or 8 (UPC-E, number system and check digit included).
 */
export function readEan(digits: string): GtinReading | Rejection {
  if (!isDigits(digits)) return reject(ScanRejection.NotNumeric, 'EAN/UPC data must be digits only');
  if (digits.length === 8) return readUpcE(digits);
  if (digits.length === 12 || digits.length === 13) return readGtin(digits);
  return reject(ScanRejection.BadLength, `EAN/UPC data has 8, 12 or 13 digits, not ${digits.length}`);
}

/** Data under `]E4`: exactly 8 digits (EAN-8). */
export function readEan8(digits: string): GtinReading | Rejection {
  if (!isDigits(digits)) return reject(ScanRejection.NotNumeric, 'EAN-8 data must be digits only');
  if (digits.length !== 8) return reject(ScanRejection.BadLength, `EAN-8 data has 8 digits, not ${digits.length}`);
  return readGtin(digits);
}

/** Data under `]E3`: EAN-13 followed by a 2- or 5-digit add-on (15 or 18 digits). */
export function readEanWithAddOn(digits: string): GtinReading | Rejection {
  if (!isDigits(digits)) return reject(ScanRejection.NotNumeric, 'EAN/UPC data must be digits only');
  if (digits.length !== 15 && digits.length !== 18) {
    return reject(ScanRejection.BadLength, `EAN-13 with add-on has 15 or 18 digits, not ${digits.length}`);
  }
  const main = readGtin(digits.slice(0, 13));
  return 'ok' in main ? main : { ...main, addOn: digits.slice(13) };
}
