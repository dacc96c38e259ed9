import { errorMessage } from '../../common/errors.js';
import { createLogger } from '../../common/log.js';
import { hostStatusLength, parseHostStatus, type HostStatus } from './host-status.js';
import { ODOMETER_QUERY, odometerLength, parseOdometer } from './odometer.js';
import { reportFromError, reportFromHost, reportFromWrite, sameReport, type PrinterStatusReport } from './printer-status.js';
import type { PrinterTransport } from './transport.js';
import type { OdometerReading } from './types.js';

const log = createLogger('station.printer.probe');

const HOST_STATUS = Buffer.from('~HS', 'latin1');
const ODOMETER = Buffer.from(ODOMETER_QUERY, 'latin1');
// ZPL II ~JA (cancel all): every format in the buffer, and one half received, is dropped.
const CANCEL_ALL = Buffer.from('~JA', 'latin1');

/** One `~HS` question's result. */
export type Probe = { readonly host: HostStatus } | { readonly error: unknown };

/**
 * Asks a printer what it is doing — `~HS`, `~HQOD` — and keeps the status report the answers
 * make, calling `onChange` when it changes. A question that fails drops the connection, so a
 * late answer cannot be read as the next one's.
 */
export class PrinterProbe {
  #report: PrinterStatusReport;
  #odometer: boolean;
  #odometerSeen = false;

  constructor(
    private readonly transport: PrinterTransport,
    private readonly timeoutMs: number,
    private readonly onChange: (report: PrinterStatusReport) => void,
    odometer = true,
  ) {
    this.#odometer = odometer;
    this.#report = { device: { kind: transport.kind, state: 'absent', detail: `${transport.target}: not asked yet` }, conditions: [] };
  }

  get report(): PrinterStatusReport {
    return this.#report;
  }

  async hostStatus(): Promise<Probe> {
    try {
      const host = parseHostStatus(await this.transport.query(HOST_STATUS, hostStatusLength, this.timeoutMs));
      this.#set(reportFromHost(this.transport.kind, this.transport.target, host));
      return { host };
    } catch (err) {
      this.transport.abort();
      this.#set(reportFromError(this.transport.kind, err));
      return { error: err };
    }
  }

  /**
   * The print odometer: undefined when the printer keeps none (it never answered `~HQOD`, or
   * odometers are off), `failed` when one that answered before did not answer now.
   */
  async odometer(): Promise<OdometerReading | undefined | 'failed'> {
    if (!this.#odometer) return undefined;
    try {
      const reading = parseOdometer(await this.transport.query(ODOMETER, odometerLength, this.timeoutMs));
      this.#odometerSeen = true;
      return reading;
    } catch (err) {
      if (this.#odometerSeen) return 'failed';
      this.#odometer = false;
      log.warn({ target: this.transport.target, err: errorMessage(err) }, 'the printer does not answer ~HQOD; jobs in doubt will need a person');
      return undefined;
    }
  }

  /** Sends `~JA`; false if it could not be sent. */
  async cancelAll(timeoutMs: number): Promise<boolean> {
    try {
      await this.transport.send(CANCEL_ALL, timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** For a transport that cannot be asked: the outcome of the last write is the status. */
  written(err?: unknown): void {
    this.#set(reportFromWrite(this.transport.kind, this.transport.target, err));
  }

  /** After a send that no byte of left: the printer could not be reached. */
  unreachable(err: unknown): void {
    if (this.transport.answersQueries) this.#set(reportFromError(this.transport.kind, err));
    else this.written(err);
  }

  #set(report: PrinterStatusReport): void {
    const changed = !sameReport(this.#report, report);
    this.#report = report;
    if (changed) this.onChange(report);
  }
}
