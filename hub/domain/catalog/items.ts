import { MasterSkuError } from '../catalog-errors.js';
import { attributeFingerprint, normaliseAttributes } from './master-sku.js';
import { DomainError, reject, type Rejection } from '../errors.js';
import type { CommandOf, SetCatalogItem } from '../schemas.js';
import { getOwn, type BoxType, type CatalogItem } from '../state.js';
import type { Immutable, ReadonlyDomainState, Tx } from '../tx.js';

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

/** The box type whose barcode is `code` (compared as catalog barcodes are), if any. */
export function boxTypeOfCode(state: ReadonlyDomainState, code: string): Immutable<BoxType> | undefined {
  const key = barcodeKey(code);
  return Object.values(state.boxTypes).find((box) => barcodeKey(box.code) === key);
}

/** The master SKU another catalog item gives this barcode, if any. */
export function ownerOf(state: ReadonlyDomainState, code: string, except: string): string | undefined {
  const key = barcodeKey(code);
  for (const item of Object.values(state.catalog)) {
    if (item.masterSku !== except && item.barcodes.some((barcode) => barcodeKey(barcode.code) === key)) return item.masterSku;
  }
  return undefined;
}

// Items are never changed in place (copy-on-write), so an item's fingerprint is computed once.
const fingerprints = new WeakMap<object, string | null>();

/** The canonical text of an item's attributes (`attributeFingerprint`), or null without valid ones. */
export function fingerprintOf(item: Immutable<CatalogItem>): string | null {
  let fingerprint = fingerprints.get(item);
  if (fingerprint === undefined) {
    const normalised = item.attributes ? normaliseAttributes(item.attributes) : undefined;
    fingerprint = normalised?.ok ? attributeFingerprint(normalised) : null;
    fingerprints.set(item, fingerprint);
  }
  return fingerprint;
}

/**
 * Sets a catalog item whole: its barcodes, tracking, attributes and unit weight. A barcode may stand for one
 * master SKU only (`BARCODE_TAKEN`), or a scan could count for the wrong line. Attributes are
 * checked as for ids (`ATTRIBUTE_*`), and two items may not have the same ones
 * (`MASTER_SKU_DUPLICATE`): one product entered twice. Raises the catalog version.
 */
export function setCatalogItem(tx: Tx, command: CommandOf<'setCatalogItem'>): Rejection | undefined {
  return putItem(tx, command);
}

/** {@link setCatalogItem}, for any command that sets an item. */
export function putItem(tx: Tx, body: Omit<SetCatalogItem, 'note'>): Rejection | undefined {
  const keys = new Set<string>();
  for (const barcode of body.barcodes) {
    const key = barcodeKey(barcode.code);
    if (keys.has(key)) return reject(DomainError.BadCommand, `${tx.audit.command}/barcodes: ${barcode.code} is listed twice`);
    keys.add(key);
    const owner = ownerOf(tx.state, barcode.code, body.masterSku);
    if (owner) return reject(DomainError.BarcodeTaken, `barcode ${barcode.code} already stands for ${owner}`);
    const box = boxTypeOfCode(tx.state, barcode.code);
    if (box) return reject(DomainError.BarcodeTaken, `barcode ${barcode.code} is the box type ${box.code}`);
  }
  const item: CatalogItem = {
    masterSku: body.masterSku,
    barcodes: body.barcodes.map(({ code, multiplier }) => ({ code, multiplier })),
    ...(body.tracking ? { tracking: { ...body.tracking } } : {}),
    ...(body.attributes ? { attributes: structuredClone(body.attributes) } : {}),
    ...(body.unitWeightGrams === undefined ? {} : { unitWeightGrams: body.unitWeightGrams }),
    ...(body.name ? { name: { ...body.name } } : {}),
    ...(body.imageUrl === undefined ? {} : { imageUrl: body.imageUrl }),
  };
  if (item.attributes) {
    const normalised = normaliseAttributes(item.attributes);
    if (!normalised.ok) return reject(normalised.code, normalised.message);
    const fingerprint = attributeFingerprint(normalised);
    const twin = Object.values(tx.state.catalog).find((other) => other.masterSku !== item.masterSku && fingerprintOf(other) === fingerprint);
    if (twin) return reject(MasterSkuError.Duplicate, `${twin.masterSku} already has these attributes (${fingerprint})`);
  }
  const previous = getOwn(tx.state.catalog, body.masterSku);
  if (previous && JSON.stringify(previous) === JSON.stringify(item)) return undefined;
  tx.put('catalog', body.masterSku, item);
  const version = tx.nextCatalogVersion();
  tx.emit({
    type: 'catalog.item-set',
    sku: body.masterSku,
    barcodes: structuredClone(item.barcodes),
    ...(item.attributes ? { attributes: structuredClone(item.attributes) } : {}),
    version,
  });
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
