import type { MasterSkuErrorCode, TemplateErrorCode } from '../../domain/catalog-errors.js';
import { evaluateTemplate, templateValues, type CatalogEntry } from './template-eval.js';
import type { Template } from './template-parser.js';

/** A row a template would produce: this channel SKU maps to this master SKU. */
export interface PreviewRow {
  readonly masterSku: string;
  readonly channelSku: string;
}

/** An item the template gives no code for, and why. */
export interface PreviewError {
  readonly masterSku: string;
  readonly code: TemplateErrorCode | MasterSkuErrorCode;
  readonly message: string;
}

/** Several master SKUs the template gives the same channel SKU: a scan could not tell them apart. */
export interface PreviewCollision {
  readonly channelSku: string;
  readonly masterSkus: readonly string[];
}

/** A code the template gives one master SKU while an explicit row maps it to another. */
export interface PreviewConflict {
  readonly channelSku: string;
  readonly masterSku: string;
  readonly mappedTo: string;
}

export interface TemplatePreview {
  /** In catalog order. */
  readonly rows: readonly PreviewRow[];
  readonly errors: readonly PreviewError[];
  /** By channel SKU. */
  readonly collisions: readonly PreviewCollision[];
  /** By channel SKU. */
  readonly conflicts: readonly PreviewConflict[];
}

export interface PreviewOptions {
  /** The channel's explicit rows, to find codes the template would take from another SKU. */
  readonly existing?: Iterable<PreviewRow>;
}

/**
 * What a template would do to a catalog, before it is applied: the row for every item, the
 * items it cannot code, codes it would give two or more master SKUs (collisions), and codes an
 * explicit row already gives another master SKU (conflicts). Pure; O(catalog + existing).
 */
export function previewTemplate(template: Template, catalog: Iterable<CatalogEntry>, options: PreviewOptions = {}): TemplatePreview {
  const rows: PreviewRow[] = [];
  const errors: PreviewError[] = [];
  const byCode = new Map<string, string[]>();
  for (const entry of catalog) {
    const values = templateValues(entry);
    const result = 'ok' in values ? values : evaluateTemplate(template, values);
    if (!result.ok) {
      errors.push({ masterSku: entry.masterSku, code: result.code as TemplateErrorCode | MasterSkuErrorCode, message: result.message });
      continue;
    }
    rows.push({ masterSku: entry.masterSku, channelSku: result.channelSku });
    const owners = byCode.get(result.channelSku);
    if (owners) owners.push(entry.masterSku);
    else byCode.set(result.channelSku, [entry.masterSku]);
  }
  const collisions: PreviewCollision[] = [];
  for (const [channelSku, masterSkus] of byCode) if (masterSkus.length > 1) collisions.push({ channelSku, masterSkus });
  const conflicts: PreviewConflict[] = [];
  for (const row of options.existing ?? []) {
    for (const masterSku of byCode.get(row.channelSku) ?? []) {
      if (masterSku !== row.masterSku) conflicts.push({ channelSku: row.channelSku, masterSku, mappedTo: row.masterSku });
    }
  }
  const byChannelSku = (a: { channelSku: string }, b: { channelSku: string }) => (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0);
  return { rows, errors, collisions: collisions.sort(byChannelSku), conflicts: conflicts.sort(byChannelSku) };
}
