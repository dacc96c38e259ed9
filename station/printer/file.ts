import { open } from 'node:fs/promises';
import { createLogger } from '../../common/log.js';
import { printerError, type PrinterTransport } from './transport.js';

const log = createLogger('station.printer.file');

/**
 * A "printer" that appends each job to a file, for development: `tail -f` it, or feed it to a
 * ZPL viewer. It cannot answer queries, so the queue takes a completed append as printed.
 */
export class FileTransport implements PrinterTransport {
  readonly kind = 'file';
  readonly answersQueries = false;
  #closed = false;

  constructor(readonly path: string) {}

  get target(): string {
    return this.path;
  }

  async send(bytes: Uint8Array, _timeoutMs?: number): Promise<void> {
    if (this.#closed) throw printerError('PRINTER_UNREACHABLE', `${this.path}: transport closed`);
    let file;
    try {
      file = await open(this.path, 'a');
    } catch (err) {
      throw printerError('PRINTER_UNREACHABLE', `${this.path}: ${(err as Error).message}`, err);
    }
    try {
      // O_APPEND: each job goes after the last, whatever else appends to the file.
      await file.writeFile(bytes);
      log.debug({ path: this.path, bytes: bytes.length }, 'job appended');
    } catch (err) {
      throw printerError('PRINTER_IO', `${this.path}: ${(err as Error).message}`, err);
    } finally {
      await file.close();
    }
  }

  query(): Promise<Uint8Array> {
    return Promise.reject(printerError('PRINTER_NO_QUERIES', `${this.path}: a file cannot answer queries`));
  }

  abort(): void {}

  async close(): Promise<void> {
    this.#closed = true;
  }
}
