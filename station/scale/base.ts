import { createLogger } from '../../common/log.js';
import type { DeviceStatus } from '../../protocol/schemas.js';
import { Listeners } from '../scanner/listeners.js';
import type { Unsubscribe } from '../scanner/source.js';
import { SCALE_REJECTIONS, type Decoded, type ScaleRejection } from './reading.js';
import type { ScaleStats, WeightSample } from './source.js';
import { Stabilizer, type StabilityOptions } from './stability.js';

const log = createLogger('station.scale');
const MAX_DETAIL = 200;

/**
 * The shared plumbing of a scale driver: weight and status listeners, the current status, the
 * stabilizer, and the counters. A driver hands every decoded frame to `take`.
 */
export class ScaleBase {
  readonly #weights = new Listeners<WeightSample>();
  readonly #statuses = new Listeners<DeviceStatus>();
  readonly #stabilizer: Stabilizer;
  readonly #rejected = Object.fromEntries(SCALE_REJECTIONS.map((reason) => [reason, 0])) as Record<ScaleRejection, number>;
  #frames = 0;
  #readings = 0;
  #status: DeviceStatus;
  #latest: WeightSample | undefined;

  constructor(
    readonly kind: string,
    stability: StabilityOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#status = { kind, state: 'absent' };
    this.#stabilizer = new Stabilizer(stability);
  }

  status(): DeviceStatus {
    return this.#status;
  }

  latest(): WeightSample | undefined {
    return this.#latest;
  }

  onWeight(listener: (sample: WeightSample) => void): Unsubscribe {
    return this.#weights.add(listener);
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#statuses.add(listener);
  }

  stats(): ScaleStats {
    return { frames: this.#frames, readings: this.#readings, rejected: { ...this.#rejected } };
  }

  /** One decoded frame: a reading is judged and sent on; a rejection is counted and logged. */
  protected take(decoded: Decoded): void {
    this.#frames += 1;
    if (!decoded.ok) {
      this.count(decoded.reason, decoded.detail);
      return;
    }
    const at = this.now();
    const judged = this.#stabilizer.push(decoded.reading, at);
    if (judged.unitChange) this.count('unit-change', `now ${decoded.reading.unit}`);
    this.#readings += 1;
    const sample: WeightSample = { reading: judged.reading, stable: judged.stable, at, source: this.kind };
    this.#latest = sample;
    try {
      this.#weights.emit(sample);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'weight listener failed');
    }
  }

  /** Counts a rejection (bytes that were no frame, a frame that was no reading). */
  protected count(reason: ScaleRejection, detail?: string): void {
    this.#rejected[reason] += 1;
    log.debug({ reason, detail, scale: this.kind }, 'scale frame rejected');
  }

  /** The device went away: no weight is current any more. */
  protected forget(): void {
    this.#latest = undefined;
    this.#stabilizer.reset();
  }

  /** Sets the status unless it says the same already: a retry loop must not flood the hub. */
  protected report(state: DeviceStatus['state'], detail: string): void {
    const clipped = detail.length <= MAX_DETAIL ? detail : `${detail.slice(0, MAX_DETAIL - 1)}…`;
    if (this.#status.state === state && this.#status.detail === clipped) return;
    this.#status = { kind: this.kind, state, detail: clipped };
    this.#statuses.emit(this.#status);
  }
}
