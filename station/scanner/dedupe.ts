import { Buffer } from 'node:buffer';
import type { DeviceStatus } from '../../protocol/schemas.js';
import { createLogger } from '../../common/log.js';
import { Listeners } from './listeners.js';
import type { RawScan, ScannerSource, Unsubscribe } from './source.js';

const log = createLogger('station.scanner.dedupe');

/**
 * Default duplicate-read window. A trigger re-fire or a scanner in continuous mode reads
 * the same code again within tens of milliseconds; a packer scanning a second unit of the
 * same GTIN (quantity 2) takes well over half a second to put one down and aim at the next.
 * The window stays short so that second unit is never lost.
 */
export const DEFAULT_DUPLICATE_WINDOW_MS = 300;

export interface DedupeOptions {
  /** A scan with the same bytes as the previous read, this soon after it, is dropped; 0 turns it off. */
  readonly windowMs?: number;
  /** Milliseconds clock; injectable for tests. */
  readonly now?: () => number;
}

/**
 * Wraps any scanner and drops duplicate reads: a scan byte-identical to the one just before
 * it, arriving within the window. The window slides from the latest read, dropped or not,
 * so a code held under a continuous-read scanner stays one scan however long it is held.
 * Every drop is counted in `droppedDuplicates` and logged; nothing else is changed.
 */
export class DedupeScanner implements ScannerSource {
  readonly #scans = new Listeners<RawScan>();
  readonly #windowMs: number;
  readonly #now: () => number;
  #last: { bytes: Uint8Array; at: number } | undefined;
  #dropped = 0;

  constructor(readonly inner: ScannerSource, options: DedupeOptions = {}) {
    this.#windowMs = options.windowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
    this.#now = options.now ?? Date.now;
    if (!(this.#windowMs >= 0)) throw new RangeError('windowMs must be 0 or more');
    inner.onScan((scan) => this.#receive(scan));
  }

  get kind(): string {
    return this.inner.kind;
  }

  /** Reads dropped as duplicates since this wrapper was made. */
  get droppedDuplicates(): number {
    return this.#dropped;
  }

  open(): Promise<void> {
    return this.inner.open();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  status(): DeviceStatus {
    return this.inner.status();
  }

  onScan(listener: (scan: RawScan) => void): Unsubscribe {
    return this.#scans.add(listener);
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.inner.onStatus(listener);
  }

  #receive(scan: RawScan): void {
    const at = this.#now();
    const last = this.#last;
    this.#last = { bytes: scan.bytes, at };
    if (last && at - last.at < this.#windowMs && Buffer.compare(last.bytes, scan.bytes) === 0) {
      this.#dropped += 1;
      log.info({ source: scan.source, bytes: scan.bytes.byteLength, dropped: this.#dropped, gapMs: at - last.at }, 'duplicate read dropped');
      return;
    }
    this.#scans.emit(scan);
  }
}
