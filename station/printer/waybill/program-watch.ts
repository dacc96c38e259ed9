import type { Logger } from '../../../common/log.js';
import type { RejectReason } from './messages.js';
import { NOT_CONNECTED_YET, programReport, sameReport, type PrinterCheck, type ProgramConnection } from './program-status.js';
import type { WaybillPrintQueueOptions, WaybillStatusReport } from './types.js';

export interface ProgramWatchOptions {
  readonly platform: WaybillPrintQueueOptions['platform'];
  /** The program's name: "Cainiao". */
  readonly name: string;
  readonly url: string;
  readonly log: Logger;
  /** The report changed. */
  readonly onReport: (report: WaybillStatusReport) => void;
}

/**
 * A print program as the queue last saw it: the connection, the printer check, the last failed
 * print and the messages not used; its report is made again at each change and handed on when
 * it would show something else.
 */
export class ProgramWatch {
  #connection: ProgramConnection = { open: false, reason: NOT_CONNECTED_YET };
  #printerCheck: PrinterCheck | undefined;
  #printersAsked = false;
  #lastFailure: string | undefined;
  readonly #rejected: Partial<Record<RejectReason, number>> = {};
  #report: WaybillStatusReport;

  constructor(private readonly options: ProgramWatchOptions) {
    this.#report = this.#makeReport();
  }

  get report(): WaybillStatusReport {
    return this.#report;
  }

  get connected(): boolean {
    return this.#connection.open;
  }

  /** Whether the printers were asked for on this connection. */
  get printersAsked(): boolean {
    return this.#printersAsked;
  }

  /** A new connection: its printers are to be checked again. */
  opened(): void {
    this.#connection = { open: true };
    this.#printersAsked = false;
    this.#printerCheck = undefined;
    this.refresh();
  }

  /** The connection is gone; the caller refreshes once it has dealt with the jobs it held. */
  lost(reason: string): void {
    this.#connection = { open: false, reason };
  }

  askingPrinters(): void {
    this.#printersAsked = true;
  }

  printersChecked(check: PrinterCheck): void {
    this.#printerCheck = check;
    this.refresh();
  }

  /** A print failed: shown until one prints. */
  failed(failure: string): void {
    this.#lastFailure = failure;
    this.refresh();
  }

  printed(): void {
    this.#lastFailure = undefined;
    this.refresh();
  }

  /** A program message the queue did not use: counted and logged. */
  reject(reason: RejectReason, context: Record<string, unknown>): void {
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
    this.options.log.warn({ reason, ...context }, 'print program message not used');
    this.refresh();
  }

  /** Makes the report again and hands it on when it changed. */
  refresh(): void {
    const report = this.#makeReport();
    const before = this.#report;
    this.#report = report;
    if (!sameReport(before, report)) this.options.onReport(report);
  }

  #makeReport(): WaybillStatusReport {
    const { platform, name, url } = this.options;
    return programReport({ platform, name, url, connection: this.#connection, printerCheck: this.#printerCheck, lastFailure: this.#lastFailure, rejected: this.#rejected });
  }
}
