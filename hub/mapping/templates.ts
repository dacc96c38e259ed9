import { evaluateTemplate, templateValues, type CatalogEntry, type TemplateValues } from './catalog/template-eval.js';
import { DEFAULT_TEMPLATE_FIELDS, parseTemplate, type ParseResult } from './catalog/template-parser.js';
import { resolveChannelSku } from '../domain/resolution.js';
import type { Channel } from '../domain/schemas.js';
import { getOwn, type CatalogItem } from '../domain/state.js';
import type { Immutable, ReadonlyDomainState } from '../domain/tx.js';

/** The codes a template gives a catalog: by master SKU, and back (null: two or more SKUs share the code). */
export interface TemplateCodes {
  readonly bySku: ReadonlyMap<string, string>;
  readonly byCode: ReadonlyMap<string, string | null>;
}

const NO_CODES: TemplateCodes = { bySku: new Map(), byCode: new Map() };

type Catalog = ReadonlyDomainState['catalog'];

// Catalog items are replaced, never changed in place, so an item's field values are computed once.
const valuesCache = new WeakMap<object, TemplateValues | null>();

/** The field values templates read from an item (`templateValues`), or null without valid attributes. */
export function itemValues(item: Immutable<CatalogItem>): TemplateValues | null {
  let values = valuesCache.get(item);
  if (values === undefined) {
    const result = item.attributes ? templateValues({ masterSku: item.masterSku, ...item.attributes }) : null;
    values = result === null || 'ok' in result ? null : result;
    valuesCache.set(item, values);
  }
  return values;
}

/** The catalog items that have attributes, as templates read them (e.g. for `previewTemplate`). */
export function catalogEntries(catalog: Catalog): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const item of Object.values(catalog)) {
    if (item.attributes) entries.push({ masterSku: item.masterSku, ...item.attributes });
  }
  return entries;
}

/** Parses a template, allowing every attribute the catalog has as a field (as `templateFields`). */
export function parseForCatalog(source: string, catalog: Catalog): ParseResult {
  const fields = new Set(DEFAULT_TEMPLATE_FIELDS);
  for (const item of Object.values(catalog)) for (const field of itemValues(item)?.keys() ?? []) fields.add(field);
  return parseTemplate(source, { fields });
}

/**
 * The codes a template source gives every catalog item with attributes (items it cannot code
 * get none). A source that no longer parses against the catalog (an attribute it reads is
 * gone) gives none: its codes then resolve to nothing, so their orders are held.
 */
export function templateCodes(source: string | null, catalog: Catalog): TemplateCodes {
  if (source === null) return NO_CODES;
  const parsed = parseForCatalog(source, catalog);
  if (!parsed.ok) return NO_CODES;
  const bySku = new Map<string, string>();
  const byCode = new Map<string, string | null>();
  for (const item of Object.values(catalog)) {
    const values = itemValues(item);
    if (values === null) continue;
    const result = evaluateTemplate(parsed.template, values);
    if (!result.ok) continue;
    bySku.set(item.masterSku, result.channelSku);
    byCode.set(result.channelSku, byCode.has(result.channelSku) ? null : item.masterSku);
  }
  return { bySku, byCode };
}

// Keyed by the template record and the catalog object; both are replaced, never changed, when
// they change, except the catalog within one command: the catalog version tells those apart.
const cache = new WeakMap<object, WeakMap<object, { catalogVersion: number; codes: TemplateCodes }>>();

/** {@link templateCodes} of the channel's template in force, cached: a resolve is a map lookup. */
export function channelCodes(state: Pick<ReadonlyDomainState, 'templates' | 'catalog' | 'catalogVersion'>, channel: Channel): TemplateCodes {
  const template = getOwn(state.templates, channel);
  if (!template) return NO_CODES;
  let byCatalog = cache.get(template);
  if (!byCatalog) cache.set(template, (byCatalog = new WeakMap()));
  const hit = byCatalog.get(state.catalog);
  if (hit && hit.catalogVersion === state.catalogVersion) return hit.codes;
  const codes = templateCodes(template.source, state.catalog);
  byCatalog.set(state.catalog, { catalogVersion: state.catalogVersion, codes });
  return codes;
}

/**
 * How the domain resolves a channel SKU: the explicit row first, then the channel's template
 * (a code the template gives two master SKUs resolves to neither).
 */
export function resolveCode(
  state: Pick<ReadonlyDomainState, 'mappings' | 'templates' | 'catalog' | 'catalogVersion'>,
  channel: Channel,
  channelSku: string,
): string | undefined {
  return resolveChannelSku(state.mappings, channel, channelSku) ?? channelCodes(state, channel).byCode.get(channelSku) ?? undefined;
}
