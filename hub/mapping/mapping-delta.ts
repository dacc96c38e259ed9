import { barcodeKey, pendingSkus, type ReadonlyDomainState } from '../domain/index.js';

type Catalog = ReadonlyDomainState['catalog'];
type Mapped = { masterSku: string; multiplier: number };

/** What decides a station snapshot's content: the catalog (by its version) and the pending list. */
export interface MappingContent {
  readonly catalogVersion: number;
  /** Sorted, without duplicates. */
  readonly pending: readonly string[];
}

/** The master SKUs held by the mapping circuit breaker, sorted: the snapshot's `pending`. */
export function pendingList(state: ReadonlyDomainState): string[] {
  return [...pendingSkus(state)].sort();
}

export function mappingContent(state: ReadonlyDomainState): MappingContent {
  return { catalogVersion: state.catalogVersion, pending: pendingList(state) };
}

export function sameMappingContent(a: MappingContent, b: MappingContent): boolean {
  return a.catalogVersion === b.catalogVersion && a.pending.length === b.pending.length && a.pending.every((sku, i) => sku === b.pending[i]);
}

/** Barcodes that differ between two snapshots of a catalog: `set` new or changed, `removed` gone. */
export interface BarcodeChanges {
  readonly set: Record<string, Mapped>;
  readonly removed: string[];
}

/**
 * The barcode changes from one catalog to the next. The domain state is copy-on-write, so an item
 * the commands in between did not touch is the same object in both: only the touched ones are
 * compared, and a change costs the size of the catalog in identity checks, not a rebuild of
 * both barcode tables.
 */
export function catalogDelta(before: Catalog, after: Catalog): BarcodeChanges {
  // Barcodes come from outside: no prototype, so `__proto__` is a barcode like any other.
  const old: Record<string, Mapped> = Object.create(null);
  const fresh: Record<string, Mapped> = Object.create(null);
  const set: Record<string, Mapped> = Object.create(null);
  if (before === after) return { set, removed: [] };
  const collect = (into: Record<string, Mapped>, catalog: Catalog, sku: string) => {
    if (!Object.hasOwn(catalog, sku)) return;
    for (const { code, multiplier } of catalog[sku]!.barcodes) into[barcodeKey(code)] = { masterSku: catalog[sku]!.masterSku, multiplier };
  };
  for (const sku of Object.keys(after)) {
    if (Object.hasOwn(before, sku) && before[sku] === after[sku]) continue;
    collect(old, before, sku);
    collect(fresh, after, sku);
  }
  for (const sku of Object.keys(before)) if (!Object.hasOwn(after, sku)) collect(old, before, sku);
  for (const [code, now] of Object.entries(fresh)) {
    const was = old[code];
    if (was?.masterSku !== now.masterSku || was.multiplier !== now.multiplier) set[code] = now;
  }
  return { set, removed: Object.keys(old).filter((code) => !Object.hasOwn(fresh, code)) };
}
