import { DomainError, reject, type Rejection } from './errors.js';
import type { CommandOf } from './schemas.js';
import { getOwn, type CatalogItem } from './state.js';
import type { Immutable, ReadonlyDomainState, Tx } from './tx.js';

/**
 * The form a barcode is compared in: a GTIN-8, -12, -13 or -14 with a valid check digit is its
 * GTIN-14 (`4006381333931` and `04006381333931` are one product), anything else as it is.
 */
export function barcodeKey(code: string): string {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return code;
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  // GS1 General Specifications 7.9.1: weights 3, 1, 3 … from the digit next to the check digit.
  const sum = digits.reverse().reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check ? code.padStart(14, '0') : code;
}

/** The master SKU another catalog item gives this barcode, if any. */
function ownerOf(state: ReadonlyDomainState, code: string, except: string): string | undefined {
  const key = barcodeKey(code);
  for (const item of Object.values(state.catalog)) {
    if (item.masterSku !== except && item.barcodes.some((barcode) => barcodeKey(barcode.code) === key)) return item.masterSku;
  }
  return undefined;
}

/**
 * Sets a catalog item whole: its barcodes and tracking. A barcode may stand for one master SKU
 * only (`BARCODE_TAKEN`), or a scan could count for the wrong line. Raises the catalog version.
 */
export function setCatalogItem(tx: Tx, command: CommandOf<'setCatalogItem'>): Rejection | undefined {
  const keys = new Set<string>();
  for (const barcode of command.barcodes) {
    const key = barcodeKey(barcode.code);
    if (keys.has(key)) return reject(DomainError.BadCommand, `setCatalogItem/barcodes: ${barcode.code} is listed twice`);
    keys.add(key);
    const owner = ownerOf(tx.state, barcode.code, command.masterSku);
    if (owner) return reject(DomainError.BarcodeTaken, `barcode ${barcode.code} already stands for ${owner}`);
  }
  const item: CatalogItem = {
    masterSku: command.masterSku,
    barcodes: command.barcodes.map(({ code, multiplier }) => ({ code, multiplier })),
    ...(command.tracking ? { tracking: { ...command.tracking } } : {}),
  };
  const previous = getOwn(tx.state.catalog, command.masterSku);
  if (previous && JSON.stringify(previous) === JSON.stringify(item)) return undefined;
  tx.put('catalog', command.masterSku, item);
  const version = tx.nextCatalogVersion();
  tx.emit({ type: 'catalog.item-set', sku: command.masterSku, barcodes: structuredClone(item.barcodes), version });
  return undefined;
}

/** The catalog item of a master SKU, if there is one. */
export function catalogItem(state: ReadonlyDomainState, masterSku: string): Immutable<CatalogItem> | undefined {
  return getOwn(state.catalog, masterSku);
}

/** Every catalog barcode (as GTIN-14 where it is a GTIN) and the master SKU and units it stands for. */
export function catalogBarcodes(state: ReadonlyDomainState): Record<string, { masterSku: string; multiplier: number }> {
  // Barcodes come from outside: no prototype, so `__proto__` is a barcode like any other.
  const barcodes: Record<string, { masterSku: string; multiplier: number }> = Object.create(null);
  for (const item of Object.values(state.catalog)) {
    for (const { code, multiplier } of item.barcodes) barcodes[barcodeKey(code)] = { masterSku: item.masterSku, multiplier };
  }
  return barcodes;
}
