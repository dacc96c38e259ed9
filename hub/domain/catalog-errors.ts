/**
 * Stable codes of the catalog and mapping-governance functions, one object per family. Callers
 * and tests match the code, never the wording; every code is listed in `docs/mapping.md`.
 */

/** Master SKU id derivation and the catalog's uniqueness check. */
export const MasterSkuError = {
  /** Brand or category is missing or blank. */
  AttributeMissing: 'ATTRIBUTE_MISSING',
  /** An attribute name is not a lower-case identifier, or is given twice after normalising. */
  AttributeBadName: 'ATTRIBUTE_BAD_NAME',
  /** An attribute value normalises to nothing (only separators or punctuation). */
  AttributeEmpty: 'ATTRIBUTE_EMPTY',
  /** Two items with different attributes derive the same id: add a distinguishing attribute. */
  IdCollision: 'MASTER_SKU_COLLISION',
  /** Two items have the same attributes after normalising: they are one product. */
  Duplicate: 'MASTER_SKU_DUPLICATE',
} as const;
export type MasterSkuErrorCode = (typeof MasterSkuError)[keyof typeof MasterSkuError];

/** Channel rule templates: parsing (with a position) and evaluation against one item. */
export const TemplateError = {
  /** Not a template by the grammar: a stray brace, a bad character, an unclosed string… */
  Syntax: 'TEMPLATE_SYNTAX',
  /** The template is longer than {@link MAX_TEMPLATE_LENGTH} characters. */
  TooLong: 'TEMPLATE_TOO_LONG',
  /** A placeholder names a field the catalog does not have. */
  UnknownField: 'TEMPLATE_UNKNOWN_FIELD',
  /** A placeholder calls a function the language does not have. */
  UnknownFunction: 'TEMPLATE_UNKNOWN_FUNCTION',
  /** A function got the wrong number, kind or range of arguments. */
  BadArgument: 'TEMPLATE_BAD_ARGUMENT',
  /** Evaluation: the item has no value for a field, and the placeholder gives no `default`. */
  FieldMissing: 'TEMPLATE_FIELD_MISSING',
  /** Evaluation: the result is not a valid channel SKU (empty, too long, or a bad character). */
  BadCode: 'TEMPLATE_BAD_CODE',
} as const;
export type TemplateErrorCode = (typeof TemplateError)[keyof typeof TemplateError];

/** Mapping-table import (CSV and .xlsx). */
export const MappingIoError = {
  /** The first row does not name the required columns. */
  BadHeader: 'IMPORT_BAD_HEADER',
  /** A row's channel, channel SKU or master SKU is missing or invalid. */
  BadRow: 'IMPORT_BAD_ROW',
  /** The sheet gives one channel SKU twice with different master SKUs. */
  DuplicateRow: 'IMPORT_DUPLICATE_ROW',
  /** The CSV text is malformed (an unclosed quote, text after a closing quote). */
  BadCsv: 'IMPORT_BAD_CSV',
  /** The workbook cannot be read, or has no sheet. */
  BadWorkbook: 'IMPORT_BAD_WORKBOOK',
  /** Applying a dry run whose rows changed since: plan again. */
  StalePlan: 'IMPORT_STALE_PLAN',
  /** The sheet is over a bound of `SHEET_LIMITS` (xlsx-bounds.ts): unpacked size, rows, cells, columns, cell length. */
  TooLarge: 'IMPORT_TOO_LARGE',
} as const;
export type MappingIoErrorCode = (typeof MappingIoError)[keyof typeof MappingIoError];

/** A refusal from a catalog function: nothing was produced. */
export interface Problem<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
  /** The attribute or field concerned, where there is one. */
  readonly field?: string;
  /** 0-based character offset in a template, where there is one. */
  readonly position?: number;
}

export function problem<C extends string>(code: C, message: string, extra: { field?: string; position?: number } = {}): Problem<C> {
  return { ok: false, code, message, ...extra };
}
