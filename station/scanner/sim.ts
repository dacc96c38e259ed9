import { ScannerBase } from './listeners.js';
import type { ScannerSource } from './source.js';

export interface SimulatedScannerOptions {
  /** Barcodes to scan in order, repeating; none means scans come only from `scan()`. */
  readonly script?: readonly string[];
  /** Milliseconds between scripted scans. */
  readonly intervalMs?: number;
  /** Stop after this many scripted scans (default: run until closed). */
  readonly limit?: number;
}

/**
 * An in-process scanner: scans what a test or the demo tells it to. `unplug()` and `plug()`
 * stand for the cable pulled and pushed back: the status says fault meanwhile (as the serial
 * driver reports a device gone) and nothing is scanned.
 */
export class SimulatedScanner extends ScannerBase implements ScannerSource {
  #timer: NodeJS.Timeout | undefined;
  #scripted = 0;

  constructor(private readonly options: SimulatedScannerOptions = {}) {
    super('sim');
  }

  async open(): Promise<void> {
    this.setStatus('ok');
    const script = this.options.script ?? [];
    if (script.length === 0) return;
    this.#timer = setInterval(() => {
      // Unplugged, the scripted reader waits: its next scan is not lost.
      if (this.status().state !== 'ok') return;
      const code = script[this.#scripted % script.length]!;
      this.#scripted += 1;
      this.scan(code);
      if (this.options.limit !== undefined && this.#scripted >= this.options.limit) this.#stopScript();
    }, this.options.intervalMs ?? 1000);
  }

  /** Scan one barcode now. */
  scan(code: string): void {
    if (this.status().state !== 'ok') throw new Error(`simulated scanner is not ready (${this.status().state})`);
    this.emitScan(Buffer.from(code, 'utf8'));
  }

  /** The cable is pulled: a fault until `plug()`. */
  unplug(detail = 'unplugged'): void {
    if (this.status().state === 'ok') this.setStatus('fault', detail);
  }

  /** The cable is back: ready again (only after `unplug()`). */
  plug(): void {
    if (this.status().state === 'fault') this.setStatus('ok');
  }

  async close(): Promise<void> {
    this.#stopScript();
    this.setStatus('absent', 'closed');
  }

  #stopScript(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
