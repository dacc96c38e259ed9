import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createLogger } from '../../common/log.js';
import { StreamTransport } from './stream-transport.js';
import { printerError } from './transport.js';

const log = createLogger('station.printer.tcp');

/** The raw TCP port of label printers (Zebra "9100" printing). */
export const DEFAULT_PRINTER_PORT = 9100;

/**
 * A network label printer on its raw TCP port. The connection stays open between jobs and is
 * opened again when lost. `abort()` resets it (TCP RST), which throws away bytes still in the
 * station's send buffer instead of delivering them after the job was given up on.
 */
export class TcpTransport extends StreamTransport {
  constructor(
    readonly host: string,
    readonly port: number = DEFAULT_PRINTER_PORT,
  ) {
    super('tcp', `${host.includes(':') ? `[${host}]` : host}:${port}`, log);
  }

  protected open(timeoutMs: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const fail = (why: string, cause?: unknown) => {
        clearTimeout(timer);
        socket.destroy();
        reject(printerError('PRINTER_UNREACHABLE', `${this.target}: ${why}`, cause));
      };
      const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
      const onError = (err: Error) => fail(err.message, err);
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        // Never leave the socket without an error listener; the transport adds its own as well.
        socket.on('error', (err) => log.debug({ target: this.target, err: err.message }, 'socket error'));
        socket.setNoDelay(true);
        // Finds a printer that vanished while idle (power cut, cable) without waiting for a job.
        socket.setKeepAlive(true, 10_000);
        resolve(socket);
      });
    });
  }

  protected drop(stream: Duplex): void {
    (stream as Socket).resetAndDestroy();
  }
}
