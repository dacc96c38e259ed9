import { PackgateError } from '../../common/errors.js';

/**
 * Bytes that make a whole reply at the start of what has arrived, or 0 while it is incomplete
 * (`hostStatusLength` for `~HS`).
 */
export type ReplyFraming = (received: Uint8Array) => number;

/**
 * How a printer is reached, real or simulated: raw TCP (port 9100), a serial port, a file, or
 * the in-process simulator. Failures are PackgateErrors with these codes:
 *
 * - `PRINTER_UNREACHABLE`: no connection could be made; no byte of the operation left.
 * - `PRINTER_IO`: the connection failed after bytes may have left.
 * - `PRINTER_TIMEOUT`: the printer did not take the bytes or did not answer in time; the
 *   connection is dropped, so a late reply or late bytes cannot be mistaken for new ones.
 * - `PRINTER_NO_QUERIES`: this transport cannot ask the printer anything (a file).
 */
export interface PrinterTransport {
  /** `tcp`, `serial`, `file` or `sim`. */
  readonly kind: string;
  /** Where the printer is, for logs and status details: `10.0.0.5:9100`, `/dev/ttyUSB0@9600`. */
  readonly target: string;
  /** Whether the printer can answer queries such as `~HS`; a file cannot. */
  readonly answersQueries: boolean;
  /**
   * Hands a job's bytes to the printer's connection. Resolves when the operating system has
   * taken them all — which does not prove the printer received them; a later query does.
   */
  send(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** Sends a query (e.g. `~HS`) and resolves with its whole reply, as `framing` delimits it. */
  query(command: Uint8Array, framing: ReplyFraming, timeoutMs: number): Promise<Uint8Array>;
  /**
   * Drops the connection at once and throws away bytes not yet sent, so a job given up on
   * cannot trickle out later. The next operation connects again.
   */
  abort(): void;
  /** Closes for good: later operations fail with PRINTER_UNREACHABLE. */
  close(): Promise<void>;
}

/** The error codes above; only `PRINTER_UNREACHABLE` says for certain that nothing was sent. */
export type PrinterErrorCode = 'PRINTER_UNREACHABLE' | 'PRINTER_IO' | 'PRINTER_TIMEOUT' | 'PRINTER_NO_QUERIES';

export function printerError(code: PrinterErrorCode, message: string, cause?: unknown): PackgateError {
  return new PackgateError(code, message, cause === undefined ? undefined : { cause });
}

/** Whether an error proves that none of the operation's bytes left the station. */
export function nothingSent(err: unknown): boolean {
  return err instanceof PackgateError && err.code === 'PRINTER_UNREACHABLE';
}
