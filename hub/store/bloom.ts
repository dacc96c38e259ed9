/**
 * A Bloom filter: a bit array that answers "certainly not here" or "maybe here" for a set it
 * was built from, in about 10 bits an element for a 1 % false-positive rate. The sealed history
 * segments keep one over their index keys and one over their event-id fingerprints in memory,
 * so a query skips the segments that cannot hold what it asks for without touching the disk.
 *
 * Positions come from two 32-bit hashes by double hashing (`h1 + i·h2`, Kirsch–Mitzenmacher).
 */
export class BloomFilter {
  readonly #bits: Uint8Array;
  readonly #bitCount: number;

  private constructor(
    bits: Uint8Array,
    /** How many positions an element sets. */
    readonly hashes: number,
  ) {
    this.#bits = bits;
    this.#bitCount = bits.length * 8;
  }

  /** An empty filter sized for `elements` at `bitsPerElement` (default 10: about 1 % false positives). */
  static create(elements: number, bitsPerElement = 10): BloomFilter {
    const bytes = Math.max(8, Math.ceil((Math.max(1, elements) * bitsPerElement) / 8));
    const hashes = Math.max(1, Math.min(16, Math.round(bitsPerElement * Math.LN2)));
    return new BloomFilter(new Uint8Array(bytes), hashes);
  }

  /** A filter saved with `bits` (e.g. read back from a segment index). */
  static from(bits: Uint8Array, hashes: number): BloomFilter {
    return new BloomFilter(bits, hashes);
  }

  /** The bit array (a view: saving it saves the filter). */
  get bits(): Uint8Array {
    return this.#bits;
  }

  addString(value: string): void {
    this.#add(stringHash(value, 0x811c9dc5), stringHash(value, 0x2f6b1c3d));
  }

  mayHaveString(value: string): boolean {
    return this.#has(stringHash(value, 0x811c9dc5), stringHash(value, 0x2f6b1c3d));
  }

  /** For an element that is already a 32-bit hash (an event-id fingerprint). */
  addHash(hash: number): void {
    this.#add(mix(hash), mix(hash ^ 0x9e3779b9));
  }

  mayHaveHash(hash: number): boolean {
    return this.#has(mix(hash), mix(hash ^ 0x9e3779b9));
  }

  #add(h1: number, h2: number): void {
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (h1 + Math.imul(i, h2 | 1)) >>> 0;
      const at = bit % this.#bitCount;
      this.#bits[at >>> 3]! |= 1 << (at & 7);
    }
  }

  #has(h1: number, h2: number): boolean {
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (h1 + Math.imul(i, h2 | 1)) >>> 0;
      const at = bit % this.#bitCount;
      if ((this.#bits[at >>> 3]! & (1 << (at & 7))) === 0) return false;
    }
    return true;
  }
}

/** FNV-1a over the UTF-16 code units from `seed`, then mixed. */
function stringHash(value: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < value.length; i += 1) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return mix(hash);
}

/** murmur3's finaliser: spreads neighbouring inputs apart. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
