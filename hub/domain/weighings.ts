import { putItem } from './catalog/items.js';
import { DomainError, reject, type Rejection } from './errors.js';
import { learnUnitWeights, weightSuggestions, type LearnedWeight, type WeightSuggestion } from './learned-weights.js';
import type { CommandOf } from './schemas.js';
import { getOwn } from './state.js';
import type { ReadonlyDomainState, Tx } from './tx.js';

/**
 * Keeps a station's accepted weighing (`weighing.recorded`), dropping the oldest beyond
 * `config.weighingsKept` (default 5000: a shift or two of a busy site). Ids are `W{n}` in arrival order.
 */
export function recordWeighing(tx: Tx, command: CommandOf<'recordWeighing'>): Rejection | undefined {
  const { station, taskId, grams, boxGrams, lines } = command;
  const id = tx.nextId('weighing');
  const n = Number(id.slice(1));
  tx.put('weighings', id, { at: tx.at, station, taskId, grams, boxGrams, lines: lines.map(({ sku, quantity }) => ({ sku, quantity })) });
  const oldest = `W${n - tx.config.weighingsKept}`;
  if (getOwn(tx.state.weighings, oldest)) tx.remove('weighings', oldest);
  tx.emit({ type: 'weighing.recorded', id, station, task: taskId, grams });
  return undefined;
}

/** Each master SKU's learned unit weight from the weighings kept (`learnUnitWeights`). */
export function learnedWeights(state: ReadonlyDomainState): Map<string, LearnedWeight> {
  const parcels = Object.values(state.weighings).map((w) => ({ lines: w.lines.map((line) => ({ masterSku: line.sku, quantity: line.quantity })), boxGrams: w.boxGrams, grams: w.grams }));
  return learnUnitWeights(parcels);
}

/** Catalog weights the learned ones disagree with (`weightSuggestions`: ≥ 20 samples, > 5 % off, or none in the catalog) for catalog items. */
export function flaggedWeights(state: ReadonlyDomainState, learned: ReadonlyMap<string, LearnedWeight> = learnedWeights(state)): WeightSuggestion[] {
  const catalog = new Map<string, number>();
  for (const item of Object.values(state.catalog)) if (item.unitWeightGrams !== undefined) catalog.set(item.masterSku, item.unitWeightGrams);
  return weightSuggestions(catalog, learned).filter((suggestion) => getOwn(state.catalog, suggestion.masterSku) !== undefined);
}

/**
 * A manager takes the learned unit weight of a master SKU into its catalog item
 * (`catalog.weight-confirmed` with the previous weight and the samples; the catalog version
 * rises and tasks carry the new weight). `CATALOG_ITEM_NOT_FOUND`, `LEARNED_WEIGHT_NOT_FOUND`.
 */
export function confirmLearnedWeight(tx: Tx, command: CommandOf<'confirmLearnedWeight'>): Rejection | undefined {
  const item = getOwn(tx.state.catalog, command.masterSku);
  if (!item) return reject(DomainError.CatalogItemNotFound, `no catalog item ${command.masterSku}`);
  const learned = learnedWeights(tx.state).get(command.masterSku);
  if (!learned) return reject(DomainError.LearnedWeightNotFound, `no weight learned for ${command.masterSku} yet`);
  if (item.unitWeightGrams === learned.grams) return undefined;
  const rejection = putItem(tx, { ...structuredClone(item), unitWeightGrams: learned.grams } as Parameters<typeof putItem>[1]);
  if (rejection) return rejection;
  tx.emit({
    type: 'catalog.weight-confirmed',
    sku: item.masterSku,
    grams: learned.grams,
    ...(item.unitWeightGrams === undefined ? {} : { previousGrams: item.unitWeightGrams }),
    samples: learned.samples,
    version: tx.state.catalogVersion,
  });
  return undefined;
}
