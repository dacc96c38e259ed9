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
 * Mappings indexed for near-miss search: by normalised code (exact), by length, and by the
 * bigrams of the normalised code (q-gram count filter). Build once per table version; a query
 * edit-checks only rows that share enough of its bigrams.
 */
export interface NearMissIndex {
  readonly size: number;
  /** @internal */ readonly rows: readonly MappingRef[];
  /** @internal */ readonly keys: readonly string[];
  /** @internal */ readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** @internal */ readonly byLength: ReadonlyMap<number, readonly number[]>;
  /** @internal Row ids by bigram number (see `gramsOf`). */
  readonly byGram: readonly Int32Array[];
  /** @internal Scratch counters, one per row (queries are synchronous). */
  readonly scratch: { stamp: Uint32Array; count: Uint16Array; generation: number };
}

// Normalised codes hold only A-Z and 0-9; `^` and `$` mark the ends: 38 symbols, 1,444 bigrams.
const SYMBOLS = 38;
const symbolOf = (code: number) => (code <= 57 ? code - 48 : code - 55); // '0'-'9' → 0-9, 'A'-'Z' → 10-35
const START = 36;
const END = 37;
const gramMarks = new Uint32Array(SYMBOLS * SYMBOLS);
let gramGeneration = 0;

/** The distinct bigrams of `^key$`, as numbers. */
function gramsOf(key: string): number[] {
  gramGeneration = (gramGeneration + 1) >>> 0 || 1;
  if (gramGeneration === 1) gramMarks.fill(0);
  const grams: number[] = [];
  let previous = START;
  for (let i = 0; i <= key.length; i++) {
    const symbol = i === key.length ? END : symbolOf(key.charCodeAt(i));
    const gram = previous * SYMBOLS + symbol;
    if (gramMarks[gram] !== gramGeneration) {
      gramMarks[gram] = gramGeneration;
      grams.push(gram);
    }
    previous = symbol;
  }
  return grams;
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Indexes mapping rows for {@link suggestNearMisses}. O(total code length). */
export function buildNearMissIndex(rows: Iterable<MappingRef>): NearMissIndex {
  const all: MappingRef[] = [];
  const keys: string[] = [];
  const byKey = new Map<string, number[]>();
  const byLength = new Map<number, number[]>();
  const postings: number[][] = Array.from({ length: SYMBOLS * SYMBOLS }, () => []);
  for (const row of rows) {
    const id = all.length;
    const key = codeKey(row.channelSku);
    all.push({ channel: row.channel, channelSku: row.channelSku, masterSku: row.masterSku });
    keys.push(key);
    push(byKey, key, id);
    push(byLength, key.length, id);
    for (const gram of gramsOf(key)) postings[gram]!.push(id);
  }
  return {
    size: all.length,
    rows: all,
    keys,
    byKey,
    byLength,
    byGram: postings.map((ids) => Int32Array.from(ids)),
    scratch: { stamp: new Uint32Array(all.length), count: new Uint16Array(all.length), generation: 0 },
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
  const grams = gramsOf(key);
  const threshold = grams.length - 3 * bound;
  if (threshold < 1) {
    const ids: number[] = [];
    for (let length = key.length - bound; length <= key.length + bound; length++) ids.push(...(index.byLength.get(length) ?? []));
    return ids;
  }
  const lists = grams.map((gram) => index.byGram[gram]!).sort((a, b) => a.length - b.length);
  const scratch = index.scratch;
  scratch.generation = (scratch.generation + 1) >>> 0 || 1;
  if (scratch.generation === 1) scratch.stamp.fill(0);
  const { stamp, count, generation } = scratch;
  for (const ids of lists) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (stamp[id] === generation) count[id]! += 1;
      else {
        stamp[id] = generation;
        count[id] = 1;
      }
    }
  }
  const found: number[] = [];
  const keys = index.keys;
  for (const ids of lists.slice(0, grams.length - threshold + 1)) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (count[id]! < threshold) continue;
      count[id] = 0; // collected once
      if (Math.abs(keys[id]!.length - key.length) <= bound) found.push(id);
    }
  }
  return found;
}

/**
 * The existing mappings nearest an unresolved code, best first: those that are the same after
 * normalising case, separators and leading zeros (`DY-BABY-SH-01` for `DY-BABY-SH-001`), then
 * those within a small edit distance (Damerau–Levenshtein on the normalised codes). Ties go to
 * the smaller distance as written, then by channel SKU. Suggestions only: accepting one is a
 * mapping change like any other.
 */
export function suggestNearMisses(index: NearMissIndex, code: string, options: SuggestOptions = {}): NearMiss[] {
  const key = codeKey(code);
  if (key === '') return [];
  const bound = Math.min(options.maxDistance ?? 2, Math.max(1, Math.floor(key.length / 4)));
  const raw = code.toUpperCase();
  const found: NearMiss[] = [];
  const consider = (id: number, distance: number) => {
    const row = index.rows[id]!;
    if (options.channel !== undefined && row.channel !== options.channel) return;
    const rawDistance = boundedDamerauLevenshtein(raw, row.channelSku.toUpperCase(), 64);
    found.push({ ...row, distance, rawDistance, kind: distance === 0 ? 'normalised' : 'edit' });
  };
  for (const id of index.byKey.get(key) ?? []) consider(id, 0);
  for (const id of candidates(index, key, bound)) {
    const other = index.keys[id]!;
    if (other === key) continue;
    const distance = boundedDamerauLevenshtein(key, other, bound);
    if (distance <= bound) consider(id, distance);
  }
  found.sort(
    (a, b) => a.distance - b.distance || a.rawDistance - b.rawDistance || (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0),
  );
  return found.slice(0, options.limit ?? 5);
}
