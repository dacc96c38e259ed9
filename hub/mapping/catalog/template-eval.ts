import { TemplateError, problem, type Problem, type TemplateErrorCode } from '../../domain/catalog-errors.js';
import { MAX_SKU_LENGTH, normaliseAttributes, type MasterAttributes } from '../../domain/catalog/master-sku.js';
import { applyFunction } from './template-functions.js';
import { DEFAULT_TEMPLATE_FIELDS, type Template } from './template-parser.js';

/** A catalog item as templates see it: its master SKU id and its attributes. */
export interface CatalogEntry extends MasterAttributes {
  readonly masterSku: string;
}

/** Field values of one item: `sku`, `brand`, `category` and each attribute, normalised. */
export type TemplateValues = ReadonlyMap<string, string>;

/** A channel SKU: what the command schemas accept. */
export const CHANNEL_SKU = /^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$/;

/**
 * The values a template reads from an item: `sku` as it is, brand, category and attributes
 * normalised as for ids (`Red` is `RED`). A refusal is the item's `ATTRIBUTE_*` problem.
 */
export function templateValues(entry: CatalogEntry): TemplateValues | Problem {
  const normalised = normaliseAttributes(entry);
  if (!normalised.ok) return normalised;
  return new Map([
    ['sku', entry.masterSku],
    ['brand', normalised.brand],
    ['category', normalised.category],
    ...normalised.attributes,
  ]);
}

/** Every field a placeholder may name for this catalog: the defaults and each attribute it has. */
export function templateFields(catalog: Iterable<CatalogEntry>): string[] {
  const fields = new Set(DEFAULT_TEMPLATE_FIELDS);
  for (const entry of catalog) {
    const normalised = normaliseAttributes(entry);
    if (normalised.ok) for (const [name] of normalised.attributes) fields.add(name);
  }
  return [...fields];
}

export type EvaluateResult = { readonly ok: true; readonly channelSku: string } | Problem<TemplateErrorCode>;

/**
 * The channel SKU a template gives for one item's values: each part in turn, calls applied left
 * to right. `TEMPLATE_FIELD_MISSING` when a field the item lacks has no `default`;
 * `TEMPLATE_BAD_CODE` when the result is not a channel SKU (empty, longer than 64, or not
 * starting with a letter or digit).
 */
export function evaluateTemplate(template: Template, values: TemplateValues): EvaluateResult {
  let channelSku = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      channelSku += part.text;
      continue;
    }
    let value = values.get(part.field);
    for (const call of part.calls) value = applyFunction(call.name, value, call.args);
    if (value === undefined) {
      return problem(TemplateError.FieldMissing, `the item has no ${part.field} and the placeholder at ${part.position} gives no default`, {
        field: part.field,
        position: part.position,
      });
    }
    channelSku += value;
  }
  if (channelSku.length > MAX_SKU_LENGTH || !CHANNEL_SKU.test(channelSku)) {
    return problem(TemplateError.BadCode, `${JSON.stringify(channelSku)} is not a channel SKU (1-${MAX_SKU_LENGTH} of A-Z a-z 0-9 _ . : / + -, a letter or digit first)`);
  }
  return { ok: true, channelSku };
}
