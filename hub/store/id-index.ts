/**
 * Which records carry a given unique id (a station event's UUID), without holding the ids:
 * an open-addressing hash table of 32-bit fingerprints and sequences in two typed arrays
 * (8 bytes a slot, at most half full: about 16 MB for a million ids). Fingerprints collide
 * now and then, so a hit is a candidate that the caller confirms by reading the record.
 */
export class IdIndex {
  #fingerprints: Uint32Array;
  #seqs: Uint32Array;
  #size = 0;

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.#fingerprints = new Uint32Array(slots);
    this.#seqs = new Uint32Array(slots);
  }

  get size(): number {
    return this.#size;
  }

  add(id: string, seq: number): void {
    if ((this.#size + 1) * 2 > this.#fingerprints.length) this.#grow();
    this.#put(fingerprint(id), seq);
    this.#size += 1;
  }

  /** Sequences of the records whose id may be `id`, oldest first; confirm each by reading it. */
  candidates(id: string): number[] {
    const fp = fingerprint(id);
    const mask = this.#fingerprints.length - 1;
    const found: number[] = [];
    for (let slot = spread(fp) & mask; this.#fingerprints[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.#fingerprints[slot] === fp) found.push(this.#seqs[slot]!);
    }
    return found.sort((a, b) => a - b);
  }

  /** The table as it is, for a checkpoint. */
  snapshot(): { fingerprints: Uint32Array; seqs: Uint32Array; size: number } {
    return { fingerprints: this.#fingerprints, seqs: this.#seqs, size: this.#size };
  }

  static restore(fingerprints: Uint32Array, seqs: Uint32Array, size: number): IdIndex {
    const index = new IdIndex(0);
    index.#fingerprints = fingerprints;
    index.#seqs = seqs;
    index.#size = size;
    return index;
  }

  #put(fp: number, seq: number): void {
    const mask = this.#fingerprints.length - 1;
    let slot = spread(fp) & mask;
    while (this.#fingerprints[slot] !== 0) slot = (slot + 1) & mask;
    this.#fingerprints[slot] = fp;
    this.#seqs[slot] = seq;
  }

  #grow(): void {
    const fingerprints = this.#fingerprints;
    const seqs = this.#seqs;
    this.#fingerprints = new Uint32Array(fingerprints.length * 2);
    this.#seqs = new Uint32Array(seqs.length * 2);
    for (let slot = 0; slot < fingerprints.length; slot += 1) {
      if (fingerprints[slot] !== 0) this.#put(fingerprints[slot]!, seqs[slot]!);
    }
  }
}

/** FNV-1a over the UTF-16 code units; 0 marks an empty slot, so it is never a fingerprint. */
export function fingerprint(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}

/** The slot comes from the fingerprint (so the table can grow without the ids), mixed so that
 * neighbouring fingerprints land apart (murmur3's finaliser). */
function spread(fp: number): number {
  let h = fp;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
