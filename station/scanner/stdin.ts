import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ScannerBase } from './listeners.js';
import type { ScannerSource } from './source.js';

/** Development scanner: one scan per line of a text stream (standard input by default). */
export class StdinScanner extends ScannerBase implements ScannerSource {
  #lines: Interface | undefined;

  constructor(private readonly input: Readable = process.stdin) {
    super('stdin');
  }

  async open(): Promise<void> {
    this.#lines = createInterface({ input: this.input, crlfDelay: Infinity, terminal: false });
    this.#lines.on('line', (line) => {
      if (line.length > 0) this.emitScan(Buffer.from(line, 'utf8'));
    });
    this.#lines.on('close', () => this.setStatus('absent', 'input closed'));
    this.setStatus('ok');
  }

  async close(): Promise<void> {
    this.#lines?.close();
    this.#lines = undefined;
  }
}
