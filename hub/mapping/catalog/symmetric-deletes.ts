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
/** What {@link hashVariants} wrote (read before the next call). */
export let variantHashes = new Int32Array(72);

function powerTable(length: number): Int32Array {
  if (powers.length <= length) {
    const next = new Int32Array(length * 2 + 1);
    next[0] = 1;
    for (let i = 1; i < next.length; i++) next[i] = Math.imul(next[i - 1]!, BASE);
    powers = next;
  }
  return powers;
}

/** Writes the hashes of `key` in `channel` (and, when `deletions`, of its one-character deletions) to `variantHashes`; returns how many. */
export function hashVariants(key: string, channel: number, deletions: boolean): number {
  const n = key.length;
  if (prefix.length <= n + 1) {
    prefix = new Int32Array(n * 2 + 2);
    suffix = new Int32Array(n * 2 + 2);
    variantHashes = new Int32Array(n * 2 + 2);
  }
  const pow = powerTable(n);
  prefix[0] = Math.imul(channel + 1, 0x85ebca6b);
  for (let i = 0; i < n; i++) prefix[i + 1] = (Math.imul(prefix[i]!, BASE) + key.charCodeAt(i)) | 0;
  variantHashes[0] = prefix[n]!;
  if (!deletions) return 1;
  suffix[n] = 0;
  for (let i = n - 1; i >= 0; i--) suffix[i] = (Math.imul(key.charCodeAt(i), pow[n - 1 - i]!) + suffix[i + 1]!) | 0;
  for (let i = 0; i < n; i++) variantHashes[i + 1] = (Math.imul(prefix[i]!, pow[n - 1 - i]!) + suffix[i + 1]!) | 0;
  return n + 1;
}

/** A chained hash table from 32-bit hashes to numbers, in typed arrays; `capacity` entries at most. */
export class HashTable {
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

  /** The newest entry added under `hash`, −1 for none. */
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
