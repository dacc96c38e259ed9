import { MasterSkuError, problem, type MasterSkuErrorCode, type Problem } from '../catalog-errors.js';
import { normaliseName, normaliseValue, shortHash } from './normalise.js';

/** What a master SKU is: brand, category and its core attributes (material, size, colour …). */
export interface MasterAttributes {
  readonly brand: string;
  readonly category: string;
  /** By name; names are normalised (`Color` is `colour`). Numbers are written in base 10. */
  readonly attributes?: Readonly<Record<string, string | number>>;
}

/** Attributes after normalisation, in id order. */
export interface NormalisedAttributes {
  readonly brand: string;
  readonly category: string;
  /** `[name, value]` in {@link attributeOrder}. */
  readonly attributes: ReadonlyArray<readonly [string, string]>;
}

/**
 * Core attributes in the order their values appear in an id, after brand and category; any
 * other attribute follows these, by name.
 */
export const CORE_ATTRIBUTES = ['style', 'year', 'material', 'colour', 'size'] as const;

/** Ids are channel and master codes: at most this long (the command schemas' limit). */
export const MAX_SKU_LENGTH = 64;

const NAME = /^[a-z][a-z0-9_]*$/;
const RESERVED = new Set(['brand', 'category', 'sku']);

/** Sorts attribute names into id order: the core ones first as listed, then the rest by name. */
export function attributeOrder(a: string, b: string): number {
  const rank = (name: string) => {
    const index = (CORE_ATTRIBUTES as readonly string[]).indexOf(name);
    return index === -1 ? CORE_ATTRIBUTES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export type AttributesResult = ({ readonly ok: true } & NormalisedAttributes) | Problem<MasterSkuErrorCode>;

/** Normalises every name and value (see `normaliseValue`); refuses blanks and bad names. */
export function normaliseAttributes(input: MasterAttributes): AttributesResult {
  const brand = normaliseValue(input.brand ?? '');
  if (brand === '') return problem(MasterSkuError.AttributeMissing, 'brand is missing or blank', { field: 'brand' });
  const category = normaliseValue(input.category ?? '');
  if (category === '') return problem(MasterSkuError.AttributeMissing, 'category is missing or blank', { field: 'category' });
  const attributes: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [rawName, rawValue] of Object.entries(input.attributes ?? {})) {
    const name = normaliseName(rawName);
    if (!NAME.test(name) || RESERVED.has(name)) {
      return problem(MasterSkuError.AttributeBadName, `attribute name ${JSON.stringify(rawName)} is not a lower-case identifier (or is reserved)`, { field: rawName });
    }
    if (seen.has(name)) return problem(MasterSkuError.AttributeBadName, `attribute ${name} is given twice`, { field: rawName });
    seen.add(name);
    const value = normaliseValue(String(rawValue));
    if (value === '') return problem(MasterSkuError.AttributeEmpty, `attribute ${name} has no letters or digits`, { field: name });
    attributes.push([name, value]);
  }
  attributes.sort(([a], [b]) => attributeOrder(a, b));
  return { ok: true, brand, category, attributes };
}

/**
 * The canonical text of normalised attributes (`brand=ACME;category=DRESS;colour=RED;size=M`):
 * two items are the same product exactly when their fingerprints are equal.
 */
export function attributeFingerprint(attributes: NormalisedAttributes): string {
  const pairs = [['brand', attributes.brand], ['category', attributes.category], ...attributes.attributes];
  return pairs.map(([name, value]) => `${name}=${value}`).join(';');
}

export type MasterSkuResult =
  | { readonly ok: true; readonly masterSku: string; readonly normalised: NormalisedAttributes; readonly fingerprint: string }
  | Problem<MasterSkuErrorCode>;

/**
 * Derives the master SKU id: brand, category and the attribute values in id order, normalised,
 * joined by `-` (`{brand: 'Acme', category: 'Dress', attributes: {colour: 'Red', size: 'M',
 * year: 2026}}` is `ACME-DRESS-2026-RED-M`). Deterministic: the same attributes give the same
 * id on every machine, whatever their order or spelling of case and separators. An id longer
 * than {@link MAX_SKU_LENGTH} keeps its first 58 characters and ends in `-` and a 5-digit hash
 * of the whole. Ids of different products can still meet (a missing attribute, a hash): check
 * a catalog with {@link findMasterSkuConflicts}.
 */
export function deriveMasterSku(input: MasterAttributes): MasterSkuResult {
  const normalised = normaliseAttributes(input);
  if (!normalised.ok) return normalised;
  const full = [normalised.brand, normalised.category, ...normalised.attributes.map(([, value]) => value)].join('-');
  const masterSku =
    full.length <= MAX_SKU_LENGTH ? full : `${full.slice(0, MAX_SKU_LENGTH - 6).replace(/[-_]+$/, '')}-${shortHash(full, 5)}`;
  return { ok: true, masterSku, normalised, fingerprint: attributeFingerprint(normalised) };
}

/** Two or more catalog items that cannot all keep their id. */
export interface MasterSkuConflict {
  readonly code: typeof MasterSkuError.IdCollision | typeof MasterSkuError.Duplicate;
  readonly masterSku: string;
  /** Indexes into the input, in input order. */
  readonly items: readonly number[];
}

/**
 * The uniqueness check over a whole catalog: items that derive one id from different attributes
 * (`MASTER_SKU_COLLISION`: give one a distinguishing attribute such as `style`) and items with
 * the same attributes (`MASTER_SKU_DUPLICATE`: one product entered twice). Items that do not
 * derive at all are skipped; derive them one by one for their codes. One pass, O(n).
 */
export function findMasterSkuConflicts(items: readonly MasterAttributes[]): MasterSkuConflict[] {
  const byId = new Map<string, Array<{ index: number; fingerprint: string }>>();
  items.forEach((item, index) => {
    const derived = deriveMasterSku(item);
    if (!derived.ok) return;
    const list = byId.get(derived.masterSku) ?? [];
    list.push({ index, fingerprint: derived.fingerprint });
    byId.set(derived.masterSku, list);
  });
  const conflicts: MasterSkuConflict[] = [];
  for (const [masterSku, list] of byId) {
    if (list.length < 2) continue;
    const byFingerprint = new Map<string, number[]>();
    for (const { index, fingerprint } of list) byFingerprint.set(fingerprint, [...(byFingerprint.get(fingerprint) ?? []), index]);
    for (const same of byFingerprint.values()) {
      if (same.length > 1) conflicts.push({ code: MasterSkuError.Duplicate, masterSku, items: same });
    }
    if (byFingerprint.size > 1) conflicts.push({ code: MasterSkuError.IdCollision, masterSku, items: list.map((entry) => entry.index) });
  }
  return conflicts;
}
