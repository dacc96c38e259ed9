/**
 * Mapping governance, the pure core: master SKU ids from attributes, channel rule templates,
 * near-miss suggestions, mapping health and diffs, and the mapping table as CSV and rows.
 * No I/O and no clock but the one passed in. See `docs/mapping.md`. The catalog's own identity
 * (master SKU ids, attribute normalising, the codes) stands below in `hub/domain/catalog/`, as
 * the item catalogue needs it; it is handed on here so the wing's callers import one place.
 */
export * from '../../domain/catalog-errors.js';
export { fnv1a32, normaliseName, normaliseValue, shortHash } from '../../domain/catalog/normalise.js';
export * from '../../domain/catalog/master-sku.js';
export { MAX_TEMPLATE_LENGTH, tokenize, type LexResult, type Token } from './template-lexer.js';
export { TEMPLATE_FUNCTIONS, type TemplateFunctionName } from './template-functions.js';
export * from './template-parser.js';
export * from './template-eval.js';
export * from './template-preview.js';
export { codeKey } from './code-key.js';
export { boundedDamerauLevenshtein } from './edit-distance.js';
export * from './near-miss.js';
export { nearMissesOfMany, type BatchOptions, type NearMissQuery } from './near-miss-batch.js';
export * from './snapshot.js';
export * from './health.js';
export * from './diff.js';
export * from './csv.js';
export * from './mapping-sheet.js';
export * from './mapping-import.js';
// xlsx.ts is imported on its own (`hub/mapping/catalog/xlsx.js`): it loads exceljs.
export * from './insight.js';
