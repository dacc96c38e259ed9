import type { DeviceStatus } from '../../../protocol/schemas.js';
import type { RawScan, ScannerSource } from '../../../station/scanner/source.js';

/** Records what a scanner emits, with promises for "once N scans" and "once status X". */
export class Collector {
  readonly scans: RawScan[] = [];
  readonly statuses: DeviceStatus[] = [];
  #waiters: Array<() => boolean> = [];

  constructor(source: ScannerSource) {
    source.onScan((scan) => {
      this.scans.push(scan);
      this.#check();
    });
    source.onStatus((status) => {
      this.statuses.push(status);
      this.#check();
    });
  }

  /** The scans' bytes as hex, for readable diffs. */
  get hex(): string[] {
    return this.scans.map((scan) => Buffer.from(scan.bytes).toString('hex'));
  }

  /** Resolves once at least `count` scans have arrived. */
  async scanCount(count: number): Promise<void> {
    await this.until(() => this.scans.length >= count);
  }

  /** Resolves once a status with this state arrives after the `after`-th status. */
  status(state: DeviceStatus['state'], after = this.statuses.length): Promise<DeviceStatus> {
    return this.until(() => this.statuses.slice(after).find((status) => status.state === state));
  }

  until<T>(condition: () => T | undefined | false): Promise<T> {
    return new Promise((resolve) => {
      const test = () => {
        const value = condition();
        if (value === undefined || value === false) return false;
        resolve(value);
        return true;
      };
      if (!test()) this.#waiters.push(test);
    });
  }

  #check(): void {
    this.#waiters = this.#waiters.filter((test) => !test());
  }
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
