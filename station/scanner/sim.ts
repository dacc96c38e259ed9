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

/** An in-process scanner: scans what a test or the demo tells it to. */
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
      const code = script[this.#scripted % script.length]!;
      this.#scripted += 1;
      this.scan(code);
      if (this.options.limit !== undefined && this.#scripted >= this.options.limit) this.#stopScript();
    }, this.options.intervalMs ?? 1000);
  }

  /** Scan one barcode now. */
  scan(code: string): void {
    if (this.status().state !== 'ok') throw new Error('simulated scanner is not open');
    this.emitScan(Buffer.from(code, 'utf8'));
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
