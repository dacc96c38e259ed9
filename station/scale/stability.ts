import type { ScaleReading, ScaleUnit } from './reading.js';

export interface StabilityOptions {
  /** N: equal readings in a row that make a weight stable when the scale sends no flag. Default 5. */
  readonly samples?: number;
  /** T: and they must span at least this long, in milliseconds. Default 500. */
  readonly windowMs?: number;
  /** Readings within this many grams of the run's first count as equal. Default 0. */
  readonly toleranceGrams?: number;
}

export const DEFAULT_STABILITY = { samples: 5, windowMs: 500, toleranceGrams: 0 } as const;

/** A reading with the stability packgate gives it, and whether it changed unit under a load. */
export interface Judged {
  readonly reading: ScaleReading;
  /** A weight the gate may take: stable, in range, not negative. */
  readonly stable: boolean;
  /** The unit changed from the previous reading while something was on the scale. */
  readonly unitChange: boolean;
}

/**
 * Decides stability, purely: the scale's own flag when its format has one, else N equal
 * readings over at least T ms. A reading is never stable when it is overloaded or negative,
 * or when the unit changed under a load (the run starts again).
 */
export class Stabilizer {
  readonly #samples: number;
  readonly #windowMs: number;
  readonly #tolerance: number;
  #runStart: { grams: number; at: number } | undefined;
  #runLength = 0;
  #unit: ScaleUnit | undefined;
  #loaded = false;

  constructor(options: StabilityOptions = {}) {
    this.#samples = options.samples ?? DEFAULT_STABILITY.samples;
    this.#windowMs = options.windowMs ?? DEFAULT_STABILITY.windowMs;
    this.#tolerance = options.toleranceGrams ?? DEFAULT_STABILITY.toleranceGrams;
  }

  push(reading: ScaleReading, atMs: number): Judged {
    if (reading.overload) {
      this.#reset();
      return { reading, stable: false, unitChange: false };
    }
    const unitChange = this.#unit !== undefined && this.#unit !== reading.unit && this.#loaded;
    this.#unit = reading.unit;
    this.#loaded = reading.grams !== 0;
    if (unitChange) {
      this.#reset();
      return { reading, stable: false, unitChange };
    }
    const start = this.#runStart;
    if (start === undefined || Math.abs(reading.grams - start.grams) > this.#tolerance) {
      this.#runStart = { grams: reading.grams, at: atMs };
      this.#runLength = 1;
    } else {
      this.#runLength += 1;
    }
    const held = this.#runLength >= this.#samples && atMs - this.#runStart!.at >= this.#windowMs;
    const stable = !reading.negative && (reading.stable ?? held);
    return { reading, stable, unitChange: false };
  }

  /** Forgets the run (the device went away). */
  reset(): void {
    this.#reset();
    this.#unit = undefined;
    this.#loaded = false;
  }

  #reset(): void {
    this.#runStart = undefined;
    this.#runLength = 0;
  }
}
