import { codeKey } from './code-key.js';
import { boundedDamerauLevenshtein } from './edit-distance.js';
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

/*
 * Symmetric deletes: two codes at most one edit apart (insert, delete, substitute, swap of
 * neighbours) share a member of {code} ∪ {code with one character deleted} — the same deletion
 * on both sides for a substitution, neighbouring ones for a swap. Each such string is hashed
 * with its channel (a polynomial hash mod 2³², computed from prefix and suffix hashes without
 * building the string); a hash only nominates a candidate, the edit distance decides.
 */
const BASE = 16777619;
let powers = new Int32Array([1]);
let prefix = new Int32Array(72);
let suffix = new Int32Array(72);
let variants = new Int32Array(72);

function powerTable(length: number): Int32Array {
  if (powers.length <= length) {
    const next = new Int32Array(length * 2 + 1);
    next[0] = 1;
    for (let i = 1; i < next.length; i++) next[i] = Math.imul(next[i - 1]!, BASE);
    powers = next;
  }
  return powers;
}

/** Writes the hashes of `key` in `channel` (and, when `deletions`, of its one-character deletions) to `variants`; returns how many. */
function hashVariants(key: string, channel: number, deletions: boolean): number {
  const n = key.length;
  if (prefix.length <= n + 1) {
    prefix = new Int32Array(n * 2 + 2);
    suffix = new Int32Array(n * 2 + 2);
    variants = new Int32Array(n * 2 + 2);
  }
  const pow = powerTable(n);
  prefix[0] = Math.imul(channel + 1, 0x85ebca6b);
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + key.charCodeAt(i)) | 0;
  variants[0] = prefix[n]!;
  if (!deletions) return 1;
  suffix[n] = 0;
  for (let i = n - 1; i >= 0; i--) suffix[i] = (Math.imul(key.charCodeAt(i), pow[n - 1 - i]!) + suffix[i + 1]!) | 0;
  for (let i = 0; i < n; i++) variants[i + 1] = (Math.imul(prefix[i]!, pow[n - 1 - i]!) + suffix[i + 1]!) | 0;
  return n + 1;
}

/** A chained hash table from 32-bit hashes to query numbers, in typed arrays. */
class HashTable {
  private readonly heads: Int32Array;
  private readonly hashes: Int32Array;
  private readonly values: Int32Array;
  private readonly next_: Int32Array;
  private readonly shift: number;
  private size = 0;

  constructor(capacity: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(capacity * 2)));
    this.shift = 32 - bits;
    this.heads = new Int32Array(1 << bits).fill(-1);
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.next_ = new Int32Array(capacity);
  }

  private bucket(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  add(hash: number, value: number): void {
    const bucket = this.bucket(hash);
    const entry = this.size++;
    this.hashes[entry] = hash;
    this.values[entry] = value;
    this.next_[entry] = this.heads[bucket]!;
    this.heads[bucket] = entry;
  }

  /** The newest entry added under `hash` (rarely one of another hash in its bucket), −1 for none. */
  first(hash: number): number {
    return this.after(this.heads[this.bucket(hash)]!, hash);
  }

  /** The entry after `entry` under the same hash, −1 for none. */
  next(entry: number, hash: number): number {
    return this.after(this.next_[entry]!, hash);
  }

  value(entry: number): number {
    return this.values[entry]!;
  }

  private after(entry: number, hash: number): number {
    while (entry >= 0 && this.hashes[entry] !== hash) entry = this.next_[entry]!;
    return entry;
  }
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
    for (let v = 0; v < count; v++) hashed.add(variants[v]!, q);
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
      const hash = variants[v]!;
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
