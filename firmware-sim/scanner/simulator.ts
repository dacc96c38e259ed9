import { createLogger } from '../../common/log.js';
import { DEFAULT_FIRMWARE, planScan, type FirmwareConfig, type ScanFault, type ScanPlan } from './firmware.js';
import type { ScannerLink } from './link.js';
import { playScan } from './player.js';
import { seededRandom, type Random } from '../../common/random.js';

const log = createLogger('firmware-sim.scanner');

/** One scan as sent: its plan, whether the device was there for all of it, and when its last byte left. */
export interface ScanReceipt {
  readonly code: string | Uint8Array;
  readonly faults: readonly ScanFault[];
  readonly plan: ScanPlan;
  readonly delivered: boolean;
  /** `performance.now()` just before the last byte was written. */
  readonly lastWriteAt: number;
}

/**
 * A serial barcode scanner: firmware plans (framing, pacing, faults) played over a link.
 * Scans and plug events run one at a time in the order they were asked for, as on a device.
 */
export class ScannerSimulator {
  readonly #abort = new AbortController();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly link: ScannerLink,
    readonly config: FirmwareConfig = DEFAULT_FIRMWARE,
    private readonly random: Random = seededRandom(1),
  ) {}

  /** Scans one barcode, with faults if given; resolves when its last byte has been written. */
  scan(code: string | Uint8Array, faults: readonly ScanFault[] = []): Promise<ScanReceipt> {
    return this.#enqueue(async () => {
      const plan = planScan(code, this.config, faults, this.random);
      const { delivered, lastWriteAt } = await playScan(plan, (bytes) => this.link.write(bytes), this.#abort.signal);
      if (!delivered) log.debug({ faults }, 'scan written while unplugged: lost');
      return { code, faults, plan, delivered, lastWriteAt };
    });
  }

  /** Unplugs once the scans before it are sent. */
  unplug(): Promise<void> {
    return this.#enqueue(() => this.link.unplug());
  }

  replug(): Promise<void> {
    return this.#enqueue(() => this.link.replug());
  }

  /** Abandons queued scans and releases the link. */
  async close(): Promise<void> {
    this.#abort.abort();
    await this.#queue.catch(() => undefined);
    await this.link.close();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
