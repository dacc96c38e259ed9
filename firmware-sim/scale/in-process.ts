import { ScaleModel, type ScaleModelOptions } from './model.js';
import { ScaleBase } from '../../station/scale/base.js';
import { reading } from '../../station/scale/reading.js';
import type { ScaleSource } from '../../station/scale/source.js';
import type { StabilityOptions } from '../../station/scale/stability.js';

export interface SimulatedScaleOptions extends ScaleModelOptions {
  /** Milliseconds between readings. Default 100 (ten a second, as indicators send). */
  readonly intervalMs?: number;
  readonly stability?: StabilityOptions;
  readonly now?: () => number;
}

/**
 * An in-process scale (`--scale sim`): what a test or the demo puts on it, read ten times a
 * second through the same stabilizer as every driver, swinging before it settles. `unplug()`
 * and `plug()` stand for the cable: the status says fault meanwhile and no weight is current.
 */
export class SimulatedScale extends ScaleBase implements ScaleSource {
  readonly #model: ScaleModel;
  readonly #intervalMs: number;
  readonly #clock: () => number;
  #timer: NodeJS.Timeout | undefined;
  #plugged = true;

  constructor(options: SimulatedScaleOptions = {}) {
    super('sim', options.stability, options.now);
    this.#model = new ScaleModel(options);
    this.#intervalMs = options.intervalMs ?? 100;
    this.#clock = options.now ?? Date.now;
  }

  async open(): Promise<void> {
    this.#plugged = true;
    this.report('ok', 'simulated');
    this.#timer ??= setInterval(() => this.#read(), this.#intervalMs);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.forget();
    this.report('absent', 'closed');
  }

  /** Puts a parcel of this many grams on the platform (0 takes it off). */
  place(grams: number): void {
    this.#model.place(grams, this.#clock());
  }

  unplug(): void {
    this.#plugged = false;
    this.forget();
    this.report('fault', 'simulated unplug');
  }

  plug(): void {
    this.#plugged = true;
    this.report('ok', 'simulated');
  }

  #read(): void {
    if (!this.#plugged) return;
    const shows = this.#model.sample(this.#clock());
    this.take(reading({ value: shows.grams, unit: 'g', stable: shows.stable, overload: shows.overload }));
  }
}
