/**
 * The mapping wing: channel codes to master SKUs (explicit rows, channel rule templates), the
 * circuit breaker over changes, the change log, master SKUs from attributes, and what goes to
 * the stations (snapshot and deltas). It stands on the domain core, which hands it its commands
 * (`MAPPING_WING`); sheets, templates and near misses are in `catalog/`. See `docs/mapping.md`.
 */
export { MAPPING_WING } from './mapping-wing.js';
export { ordersHeldBy, pendingMappingOf } from './breaker.js';
export { mappingTableAt } from './mapping-log.js';
export { affectedSkus } from './template-commands.js';
export { catalogEntries, channelCodes, itemValues, parseForCatalog, resolveCode, templateCodes, type TemplateCodes } from './templates.js';
