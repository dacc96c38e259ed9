import { expect } from 'vitest';
import { decodeScan, type DecodedScan, type DecodeOptions, type Rejection, type ScanRejectionCode } from '../../../station/barcode/index.js';

/** A fixed "today" so the GS1 century rule gives the same answer every year. */
export const TODAY = new Date('2026-11-22T10:00:00Z');

export const GS = '\u001d';

/** Decodes and insists on success, showing the rejection when there is one. */
export function decoded(input: Uint8Array | string, options: DecodeOptions = {}): DecodedScan {
  const result = decodeScan(input, { today: TODAY, ...options });
  if (!result.ok) expect.fail(`expected ${JSON.stringify(input)} to decode, got ${result.code}: ${result.message}`);
  return result.scan;
}

/** Decodes and returns the rejection code (undefined when it decoded). */
export function rejection(input: Uint8Array | string, options: DecodeOptions = {}): ScanRejectionCode | undefined {
  const result = decodeScan(input, { today: TODAY, ...options });
  return result.ok ? undefined : result.code;
}

/** Decodes and returns the whole rejection (undefined when it decoded). */
export function rejectionOf(input: Uint8Array | string, options: DecodeOptions = {}): Rejection | undefined {
  const result = decodeScan(input, { today: TODAY, ...options });
  return result.ok ? undefined : result;
}
