import { codeKey } from './code-key.js';
import { boundedDamerauLevenshtein } from './edit-distance.js';
import { HashTable, hashVariants, variantHashes } from './symmetric-deletes.js';
import {
  buildNearMissIndex,
  nearbyOf,
  nearbyRows,
  nearMissBound,
  nearMissOf,
  rankNearMisses,
  type MappingRef,
  type NearMiss,
  type NearMissIndex,
  type Nearby,
} from './near-miss.js';

/** A code to look up in its channel. */
export type NearMissQuery = Pick<MappingRef, 'channel' | 'channelSku'>;

export interface BatchOptions {
  /** As {@link SuggestOptions.maxDistance}: default 2, never more than a quarter of the code's length (at least 1). */
  readonly maxDistance?: number;
  /** At most this many per query; default 5. */
  readonly limit?: number;
}

/**
 * For each query, exactly what `suggestNearMisses(buildNearMissIndex(table), query.channelSku,
 * {channel: query.channel, ...options})` gives, for many queries at once (a diff's added and
 * changed rows). Queries with an edit bound of 0 or 1 — all of them at `maxDistance` 1 — go
 * through one pass over the table with symmetric deletes: O(total code length), no index of
 * the table. Others use the q-gram index.
 */
export function nearMissesOfMany(table: readonly MappingRef[], queries: readonly NearMissQuery[], options: BatchOptions = {}): NearMiss[][] {
  return nearbyRowsOfMany(table, queries, options).map((found) => found.map((near) => nearMissOf(table[near.id]!, near)));
}

/** @internal {@link nearMissesOfMany} as row ids of `table`. */
export function nearbyRowsOfMany(table: readonly MappingRef[], queries: readonly NearMissQuery[], options: BatchOptions = {}): Nearby[][] {
  const results: Nearby[][] = queries.map(() => []);
  const channels = new Map<string, number>();
  const keys: string[] = [];
  const bounds = new Int8Array(queries.length);
  let index: NearMissIndex | undefined;
  let variantCount = 0;
  let deletions = false;
  queries.forEach((query, q) => {
    const key = codeKey(query.channelSku);
    keys.push(key);
    bounds[q] = key === '' ? -1 : nearMissBound(key, options.maxDistance);
    if (bounds[q]! > 1) {
      index ??= buildNearMissIndex(table);
      results[q] = nearbyRows(index, query.channelSku, { channel: query.channel, ...options });
      return;
    }
    if (bounds[q]! < 0) return;
    if (!channels.has(query.channel)) channels.set(query.channel, channels.size);
    deletions ||= bounds[q] === 1;
    variantCount += bounds[q] === 1 ? key.length + 1 : 1;
  });
  if (variantCount === 0) return results;

  const hashed = new HashTable(variantCount);
  queries.forEach((query, q) => {
    if (bounds[q]! < 0 || bounds[q]! > 1) return;
    const count = hashVariants(keys[q]!, channels.get(query.channel)!, bounds[q] === 1);
    for (let v = 0; v < count; v++) hashed.add(variantHashes[v]!, q);
  });

  const raws = queries.map((query) => query.channelSku.toUpperCase());
  const found: Array<number[] | undefined> = [];
  const seenBy = new Int32Array(queries.length).fill(-1);
  for (let id = 0; id < table.length; id++) {
    const row = table[id]!;
    const channel = channels.get(row.channel);
    if (channel === undefined) continue;
    const key = codeKey(row.channelSku);
    const count = hashVariants(key, channel, deletions);
    for (let v = 0; v < count; v++) {
      const hash = variantHashes[v]!;
      for (let entry = hashed.first(hash); entry >= 0; entry = hashed.next(entry, hash)) {
        const q = hashed.value(entry);
        if (seenBy[q] === id) continue;
        seenBy[q] = id;
        const bound = bounds[q]!;
        if (queries[q]!.channel !== row.channel) continue;
        const distance = boundedDamerauLevenshtein(keys[q]!, key, bound);
        if (distance <= bound) (found[q] ??= []).push(id * 2 + distance); // bound ≤ 1
      }
    }
  }
  // Upper-cased once per row, however many queries it is near.
  const uppers = new Array<string | undefined>(table.length).fill(undefined);
  const upper = (id: number) => (uppers[id] ??= table[id]!.channelSku.toUpperCase());
  found.forEach((ids, q) => {
    if (!ids) return;
    results[q] = rankNearMisses(
      ids.map((packed) => nearbyOf(table, packed >>> 1, raws[q]!, packed & 1, upper(packed >>> 1))),
      options.limit,
    );
  });
  return results;
}
