
/** A catalog item as the station snapshot needs it. */
export interface SnapshotItem {
  readonly masterSku: string;
  readonly barcodes: ReadonlyArray<{ readonly code: string; readonly multiplier: number }>;
}

/** What one scan of a barcode stands for: units of a master SKU (6 for a case of six). */
export interface BarcodeHit {
  readonly masterSku: string;
  readonly multiplier: number;
}

/**
 * The domain's `barcodeKey` (a GTIN-8, -12, -13 or -14 with a valid check digit as its GTIN-14,
 * anything else as it is) in one pass over the characters, without a regular expression or
 * arrays: a station computes it for every scan. The tests hold it to `barcodeKey`.
 */
export function scanKey(code: string): string {
  const length = code.length;
  if (length !== 8 && (length < 12 || length > 14)) return code;
  const check = code.charCodeAt(length - 1) - 48;
  if (check < 0 || check > 9) return code;
  let sum = 0;
  // GS1 General Specifications 7.9.1: weights 3, 1, 3 … from the digit next to the check digit.
  for (let i = length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return code;
    sum += digit * weight;
  }
  if ((10 - (sum % 10)) % 10 !== check) return code;
  return length === 14 ? code : code.padStart(14, '0');
}

/** Barcode (GTINs as GTIN-14, see {@link scanKey}) → master SKU and units. */
export type BarcodeSnapshot = ReadonlyMap<string, BarcodeHit>;

/**
 * The lookup table a station verifies scans against, built from catalog items. The catalog
 * gives each barcode to one master SKU (`BARCODE_TAKEN`); should two items still claim one,
 * the first keeps it. A Map, so any barcode text (`__proto__` too) is a plain key.
 */
export function buildBarcodeSnapshot(items: Iterable<SnapshotItem>): BarcodeSnapshot {
  const snapshot = new Map<string, BarcodeHit>();
  for (const item of items) {
    for (const { code, multiplier } of item.barcodes) {
      const key = scanKey(code);
      if (!snapshot.has(key)) snapshot.set(key, { masterSku: item.masterSku, multiplier });
    }
  }
  return snapshot;
}

/** The master SKU and units a scanned barcode stands for, GTINs compared in any length. */
export function lookupBarcode(snapshot: BarcodeSnapshot, scanned: string): BarcodeHit | undefined {
  return snapshot.get(scanKey(scanned));
}
