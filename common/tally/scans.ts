import type { StationEventBody } from './records.js';

/** Item mismatches: the scanned unit is not what the order wants. */
const MISMATCHES = new Set(['wrong_item', 'over_quantity', 'unknown_barcode']);
/** Scans the pack session did not judge against an order. */
const NOT_JUDGED = new Set(['no_packer', 'no_order', 'while_blocked']);

/**
 * What one station event counts for: a product scan, a judged scan, a mismatch, a verified order,
 * a parcel blocked for its weight (`weight_mismatch`: no scan, its own count).
 */
export function scanFacts(body: StationEventBody): { scan: boolean; judged: boolean; mismatch: boolean; verified: boolean; weightMismatch: boolean } {
  const verdict = body.type === 'pack.verdict' ? body.verdict : undefined;
  return {
    // A bare scan is one the pack session made no event of; every product scan gets one verdict.
    scan: body.type === 'scan' || verdict !== undefined,
    judged: verdict !== undefined && !NOT_JUDGED.has(verdict),
    mismatch: verdict !== undefined && MISMATCHES.has(verdict),
    verified: body.type === 'pack.order_verified',
    weightMismatch: body.type === 'pack.blocked' && body.reason === 'weight_mismatch',
  };
}
