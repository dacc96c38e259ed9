import { codeKey } from './code-key.js';
import { boundedDamerauLevenshtein } from './edit-distance.js';

/** A mapping row as near-miss detection sees it. */
export interface MappingRef {
  readonly channel: string;
  readonly channelSku: string;
  readonly masterSku: string;
}

/** An existing mapping close to an unresolved code. */
export interface NearMiss extends MappingRef {
  /** Edit distance between the normalised codes; 0: the same after normalising. */
  readonly distance: number;
  /** Edit distance between the codes as written (upper-cased), for ranking. */
  readonly rawDistance: number;
  readonly kind: 'normalised' | 'edit';
}

export interface SuggestOptions {
  /** Only this channel's rows (the usual case: a code is unresolved on one channel). */
  readonly channel?: string;
  /** At most this many suggestions; default 5. */
  readonly limit?: number;
  /** Largest edit distance between normalised codes; default 2, and never more than a quarter of the code's length (at least 1). */
  readonly maxDistance?: number;
}

/**
 * Mappings indexed for near-miss search: by the length and by the bigrams of the normalised
 * code (q-gram count filter; a row with the same normalised code shares all of them). Build
 * once per table version; a query edit-checks only rows that share enough of its bigrams.
 * Lists are slices of flat typed arrays (`start[i]` up to `start[i + 1]`), so a build
 * allocates a handful of arrays, not one per row.
 */
export interface NearMissIndex {
  readonly size: number;
  /** @internal */ readonly rows: readonly MappingRef[];
  /** @internal */ readonly keys: readonly string[];
  /** @internal Row ids by normalised code length. */
  readonly lengthStart: Int32Array;
  /** @internal */ readonly lengthIds: Int32Array;
  /** @internal Row ids by bigram number (see `gramsOf`). */
  readonly gramStart: Int32Array;
  /** @internal */ readonly gramIds: Int32Array;
  /** @internal Scratch counters, one per row (queries are synchronous). */
  readonly scratch: { stamp: Uint32Array; count: Uint16Array; generation: number };
}

// Normalised codes hold only A-Z and 0-9; `^` and `$` mark the ends: 38 symbols, 1,444 bigrams.
const SYMBOLS = 38;
const GRAMS = SYMBOLS * SYMBOLS;
const symbolOf = (code: number) => (code <= 57 ? code - 48 : code - 55); // '0'-'9' → 0-9, 'A'-'Z' → 10-35
const START = 36;
const END = 37;
const gramMarks = new Uint32Array(GRAMS);
let gramGeneration = 0;
let gramBuffer = new Int32Array(72);

/** The number of distinct bigrams of `^key$`, written to the start of `gramBuffer`. */
function gramsOf(key: string): number {
  gramGeneration = (gramGeneration + 1) >>> 0 || 1;
  if (gramGeneration === 1) gramMarks.fill(0);
  if (gramBuffer.length <= key.length) gramBuffer = new Int32Array(key.length * 2 + 2);
  let count = 0;
  let previous = START;
  for (let i = 0; i <= key.length; i++) {
    const symbol = i === key.length ? END : symbolOf(key.charCodeAt(i));
    const gram = previous * SYMBOLS + symbol;
    if (gramMarks[gram] !== gramGeneration) {
      gramMarks[gram] = gramGeneration;
      gramBuffer[count++] = gram;
    }
    previous = symbol;
  }
  return count;
}

/**
 * Row ids grouped by a small number (`groups` of them): `values[offsets[id]…offsets[id + 1]]`
 * are row `id`'s. A counting sort; ids ascend in each group.
 */
function grouped(groups: number, offsets: Int32Array, values: Int32Array): { start: Int32Array; ids: Int32Array } {
  const rows = offsets.length - 1;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < offsets[rows]!; i++) start[values[i]! + 1]!++;
  for (let group = 0; group < groups; group++) start[group + 1]! += start[group]!;
  const fill = start.slice(0, groups);
  const ids = new Int32Array(start[groups]!);
  for (let id = 0; id < rows; id++) for (let i = offsets[id]!; i < offsets[id + 1]!; i++) ids[fill[values[i]!]!++] = id;
  return { start, ids };
}

/** Indexes mapping rows for {@link suggestNearMisses}. O(total code length), a few typed arrays. */
export function buildNearMissIndex(rows: Iterable<MappingRef>): NearMissIndex {
  const all = Array.from(rows);
  const size = all.length;
  const keys = new Array<string>(size);
  const lengths = new Int32Array(size);
  const gramOffsets = new Int32Array(size + 1);
  let grams = new Int32Array(size * 16);
  let longest = 0;
  for (let id = 0; id < size; id++) {
    const key = codeKey(all[id]!.channelSku);
    keys[id] = key;
    lengths[id] = key.length;
    if (key.length > longest) longest = key.length;
    const count = gramsOf(key);
    const at = gramOffsets[id]!;
    if (grams.length < at + count) {
      const larger = new Int32Array(Math.max(grams.length * 2, at + count));
      larger.set(grams);
      grams = larger;
    }
    for (let i = 0; i < count; i++) grams[at + i] = gramBuffer[i]!;
    gramOffsets[id + 1] = at + count;
  }
  const byLength = grouped(longest + 1, Int32Array.from({ length: size + 1 }, (_, i) => i), lengths);
  const byGram = grouped(GRAMS, gramOffsets, grams);
  return {
    size,
    rows: all,
    keys,
    lengthStart: byLength.start,
    lengthIds: byLength.ids,
    gramStart: byGram.start,
    gramIds: byGram.ids,
    scratch: { stamp: new Uint32Array(size), count: new Uint16Array(size), generation: 0 },
  };
}

/**
 * Row ids whose normalised code may be within `bound` edits of `key` (the q-gram count filter).
 * Each edit destroys at most three distinct bigrams of the padded key (a swap of two characters:
 * three), so such a row shares at least `t = |grams| − 3·bound` of them, and so is in at least
 * one posting list of any `|grams| − t + 1` of them. Counting runs over every posting list of
 * the key; candidates are collected from the rarest lists only. When `t < 1`, every row of a
 * near length is a candidate.
 */
function candidates(index: NearMissIndex, key: string, bound: number): number[] {
  const found: number[] = [];
  const gramCount = gramsOf(key);
  const threshold = gramCount - 3 * bound;
  if (threshold < 1) {
    const { lengthStart, lengthIds } = index;
    const last = lengthStart.length - 2;
    for (let length = Math.max(0, key.length - bound); length <= Math.min(last, key.length + bound); length++) {
      for (let i = lengthStart[length]!; i < lengthStart[length + 1]!; i++) found.push(lengthIds[i]!);
    }
    return found;
  }
  const { gramStart, gramIds } = index;
  const lists = Array.from(gramBuffer.subarray(0, gramCount)).sort((a, b) => gramStart[a + 1]! - gramStart[a]! - (gramStart[b + 1]! - gramStart[b]!));
  const scratch = index.scratch;
  scratch.generation = (scratch.generation + 1) >>> 0 || 1;
  if (scratch.generation === 1) scratch.stamp.fill(0);
  const { stamp, count, generation } = scratch;
  for (const gram of lists) {
    for (let i = gramStart[gram]!, end = gramStart[gram + 1]!; i < end; i++) {
      const id = gramIds[i]!;
      if (stamp[id] === generation) count[id]! += 1;
      else {
        stamp[id] = generation;
        count[id] = 1;
      }
    }
  }
  const keys = index.keys;
  for (let l = 0; l < gramCount - threshold + 1; l++) {
    const gram = lists[l]!;
    for (let i = gramStart[gram]!, end = gramStart[gram + 1]!; i < end; i++) {
      const id = gramIds[i]!;
      if (count[id]! < threshold) continue;
      count[id] = 0; // collected once
      if (Math.abs(keys[id]!.length - key.length) <= bound) found.push(id);
    }
  }
  return found;
}

/** The edit bound of a query whose normalised code is `key`: `maxDistance` (default 2; 0 at least), at most a quarter of its length (1 at least). */
export function nearMissBound(key: string, maxDistance = 2): number {
  return Math.max(0, Math.min(maxDistance, Math.max(1, Math.floor(key.length / 4))));
}

/** @internal A row of a table (`id`: its position) near a query, before it is shown as a {@link NearMiss}. */
export interface Nearby {
  readonly id: number;
  readonly distance: number;
  readonly rawDistance: number;
  readonly channelSku: string;
}

/** @internal Row `id` of `table`, `distance` (normalised) from the query written `raw` (upper-cased). */
export function nearbyOf(table: readonly MappingRef[], id: number, raw: string, distance: number, upper = table[id]!.channelSku.toUpperCase()): Nearby {
  return { id, distance, rawDistance: boundedDamerauLevenshtein(raw, upper, 64), channelSku: table[id]!.channelSku };
}

/** @internal The row of a {@link Nearby} as a suggestion. */
export function nearMissOf(row: MappingRef, { distance, rawDistance }: Pick<Nearby, 'distance' | 'rawDistance'>): NearMiss {
  return { channel: row.channel, channelSku: row.channelSku, masterSku: row.masterSku, distance, rawDistance, kind: distance === 0 ? 'normalised' : 'edit' };
}

/** @internal The best `limit` of `found` (sorted in place): by distance, then distance as written, then channel SKU. */
export function rankNearMisses<T extends Pick<NearMiss, 'distance' | 'rawDistance' | 'channelSku'>>(found: T[], limit = 5): T[] {
  found.sort(
    (a, b) => a.distance - b.distance || a.rawDistance - b.rawDistance || (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0),
  );
  return found.length > limit ? found.slice(0, limit) : found;
}

/** @internal {@link suggestNearMisses} as row ids of the index. */
export function nearbyRows(index: NearMissIndex, code: string, options: SuggestOptions = {}): Nearby[] {
  const key = codeKey(code);
  if (key === '') return [];
  const bound = nearMissBound(key, options.maxDistance);
  const raw = code.toUpperCase();
  const found: Nearby[] = [];
  for (const id of candidates(index, key, bound)) {
    if (options.channel !== undefined && index.rows[id]!.channel !== options.channel) continue;
    const distance = boundedDamerauLevenshtein(key, index.keys[id]!, bound);
    if (distance <= bound) found.push(nearbyOf(index.rows, id, raw, distance));
  }
  return rankNearMisses(found, options.limit);
}

/**
 * The existing mappings nearest an unresolved code, best first: those that are the same after
 * normalising case, separators and leading zeros (`DY-BABY-SH-01` for `DY-BABY-SH-001`), then
 * those within a small edit distance (Damerau–Levenshtein on the normalised codes). Ties go to
 * the smaller distance as written, then by channel SKU. Suggestions only: accepting one is a
 * mapping change like any other.
 */
export function suggestNearMisses(index: NearMissIndex, code: string, options: SuggestOptions = {}): NearMiss[] {
  return nearbyRows(index, code, options).map((near) => nearMissOf(index.rows[near.id]!, near));
}
