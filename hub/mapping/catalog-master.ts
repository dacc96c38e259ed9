import { deriveMasterSku } from '../domain/catalog/master-sku.js';
import { fingerprintOf, putItem } from '../domain/catalog/items.js';
import { DomainError, reject, type Rejection } from '../domain/errors.js';
import type { CommandOf } from '../domain/schemas.js';
import { getOwn } from '../domain/state.js';
import type { Tx } from '../domain/tx.js';

/**
 * A master SKU from its attributes: the id is `deriveMasterSku`'s (bad attributes are refused
 * with its `ATTRIBUTE_*` code). An id already held by an item with other attributes (or none)
 * is `MASTER_SKU_TAKEN`; the same attributes again set the item like `setCatalogItem`. The
 * `catalog.item-set` event carries the derived id as `sku`.
 */
export function createMasterSku(tx: Tx, command: CommandOf<'createMasterSku'>): Rejection | undefined {
  const { brand, category, attributes, barcodes, tracking, unitWeightGrams, name, imageUrl } = command;
  const given = { brand, category, ...(attributes ? { attributes } : {}) };
  const derived = deriveMasterSku(given);
  if (!derived.ok) return reject(derived.code, derived.message);
  const existing = getOwn(tx.state.catalog, derived.masterSku);
  if (existing && fingerprintOf(existing) !== derived.fingerprint) {
    return reject(DomainError.MasterSkuTaken, `${derived.masterSku} is taken by an item with other attributes: give this one a distinguishing attribute such as style`);
  }
  return putItem(tx, {
    masterSku: derived.masterSku,
    barcodes,
    ...(tracking ? { tracking } : {}),
    ...(unitWeightGrams === undefined ? {} : { unitWeightGrams }),
    ...(name ? { name } : {}),
    ...(imageUrl === undefined ? {} : { imageUrl }),
    attributes: given,
  });
}
