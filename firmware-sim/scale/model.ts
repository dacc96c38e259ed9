import { seededRandom, type Random } from '../../common/random.js';

export interface ScaleModelOptions {
  /** The scale's division d: every weight shown is a multiple of it. Default 1 g. */
  readonly divisionGrams?: number;
  /** How long a new load swings before it settles. Default 600 ms. */
  readonly settleMs?: number;
  /** Largest swing at the start of settling, in grams, decaying to nothing. Default 40 g. */
  readonly swingGrams?: number;
  /** Noise of a settled reading, in divisions: each reading is off by one division with this probability. Default 0. */
  readonly flicker?: number;
  /** Capacity Max: above Max + 9 d the scale shows overload. Default 30 kg. */
  readonly capacityGrams?: number;
  readonly random?: Random;
}

/** What the scale shows at one moment. */
export interface ScaleShows {
  readonly grams: number;
  /** Settled: the scale's own stable flag. */
  readonly stable: boolean;
  readonly overload: boolean;
}

/**
 * A load cell and its indicator, purely: a load put on swings (decaying noise) for the settle
 * time, then shows the load rounded to the division, with optional flicker of one division.
 */
export class ScaleModel {
  readonly #division: number;
  readonly #settleMs: number;
  readonly #swing: number;
  readonly #flicker: number;
  readonly #capacity: number;
  readonly #random: Random;
  #load = 0;
  #placedAt = Number.NEGATIVE_INFINITY;

  constructor(options: ScaleModelOptions = {}) {
    this.#division = options.divisionGrams ?? 1;
    this.#settleMs = options.settleMs ?? 600;
    this.#swing = options.swingGrams ?? 40;
    this.#flicker = options.flicker ?? 0;
    this.#capacity = options.capacityGrams ?? 30_000;
    this.#random = options.random ?? seededRandom(1);
  }

  /** The load on the platform now, in grams (0: empty; negative: the zero drifted or a tare was taken off). */
  get load(): number {
    return this.#load;
  }

  /** Puts a new total load on the platform at `atMs`. */
  place(grams: number, atMs: number): void {
    if (grams === this.#load) return;
    this.#load = grams;
    this.#placedAt = atMs;
  }

  sample(atMs: number): ScaleShows {
    if (this.#load > this.#capacity + 9 * this.#division) return { grams: 0, stable: false, overload: true };
    const since = atMs - this.#placedAt;
    const settling = since < this.#settleMs;
    let grams = this.#load;
    if (settling) grams += (this.#random() * 2 - 1) * this.#swing * (1 - since / this.#settleMs);
    else if (this.#flicker > 0 && this.#random() < this.#flicker) grams += this.#random() < 0.5 ? -this.#division : this.#division;
    const shown = Math.round(grams / this.#division) * this.#division;
    return { grams: Object.is(shown, -0) ? 0 : shown, stable: !settling, overload: false };
  }
}
