import type { Duplex } from 'node:stream';
import { SerialPortStream } from '@serialport/stream';
import { osSerialBinding, type SerialBinding } from '../serial-binding.js';
import { createLogger } from '../../common/log.js';
import { StreamTransport } from './stream-transport.js';
import { printerError } from './transport.js';

const log = createLogger('station.printer.serial');

export type { SerialBinding };

export interface SerialTransportOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly binding?: SerialBinding;
}

/**
 * A label printer on a serial port (RS-232 or USB CDC). Imported only when a serial printer is
 * configured, so nothing else loads serialport's native binding. `abort()` flushes the port's
 * buffers (bytes not yet transmitted are discarded) and closes it; the next operation reopens it.
 */
export class SerialTransport extends StreamTransport {
  readonly #binding: SerialBinding;

  constructor(private readonly options: SerialTransportOptions) {
    super('serial', `${options.path}@${options.baudRate}`, log);
    this.#binding = options.binding ?? osSerialBinding;
  }

  protected open(): Promise<Duplex> {
    const port = new SerialPortStream({ binding: this.#binding, path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    return new Promise((resolve, reject) =>
      port.open((err) => {
        if (!err) return resolve(port);
        port.removeAllListeners();
        reject(printerError('PRINTER_UNREACHABLE', `${this.target}: ${err.message}`, err));
      }),
    );
  }

  protected drop(stream: Duplex): void {
    const port = stream as SerialPortStream;
    if (!port.isOpen) return void port.destroy();
    port.flush(() => port.destroy());
  }
}
